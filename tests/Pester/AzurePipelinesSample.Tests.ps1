# Runs the sample pipeline examples/azure-pipelines.yml as an Azure Pipelines agent would: every
# PowerShell step in a fresh pwsh with the agent's variables as environment variables and
# TF_BUILD=True, a fresh agent (home, module path) per job and per matrix leg, output variables
# read from the ##vso lines, artifacts published and downloaded, the matrix expanded from the
# Plan job's output. The clouds are the test doubles: the loopback EC2 API, a Debian
# docker-registry mirror, dkp (FakeDkp) and a Kubernetes API server (KubeApiDouble).
BeforeDiscovery {
    $script:skipPipeline = -not (Test-Path (Join-Path $env:DKPFIPS_TEST_ROOT 'out/repo/*.nupkg'))
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'RegistryHelpers.ps1')
    . (Join-Path $PSScriptRoot 'KubeApiHelpers.ps1')
    $script:Examples = Join-Path $RepoRoot 'examples'

    function ConvertFrom-PipelineYaml([string] $Path) {
        # Parsed with the module's own YamlDotNet in a child process (this one stays free of it).
        $yamlDll = Join-Path (Split-Path $ModuleManifest) 'dependencies/YamlDotNet.dll'
        $r = Invoke-FreshPwsh @"
Add-Type -Path '$yamlDll'
`$value = [YamlDotNet.Serialization.DeserializerBuilder]::new().Build().Deserialize([IO.File]::ReadAllText('$Path'))
[YamlDotNet.Serialization.SerializerBuilder]::new().JsonCompatible().Build().Serialize(`$value)
"@
        if ($r.ExitCode -ne 0) { throw "Cannot parse $Path`: $($r.Output -join "`n")" }
        ($r.Output -join "`n") | ConvertFrom-Json -AsHashtable
    }

    function Expand-Steps([object[]] $Steps) {
        foreach ($step in $Steps) {
            if ($step.template) { Expand-Steps (ConvertFrom-PipelineYaml (Join-Path $Examples $step.template)).steps } else { $step }
        }
    }

    function Expand-Macro([string] $Text, [hashtable] $Variables) {
        # $(name) macros, replaced before a step runs; unknown ones stay as written (as on an agent).
        [regex]::Replace($Text, '\$\(([A-Za-z0-9_.]+)\)', { param($m) if ($Variables.ContainsKey($m.Groups[1].Value)) { $Variables[$m.Groups[1].Value] } else { $m.Value } })
    }

    function ConvertFrom-AgentEscape([string] $Value) {
        $Value.Replace('%0D', "`r").Replace('%0A', "`n").Replace('%5D', ']').Replace('%3B', ';').Replace('%AZP25', '%')
    }

    function Invoke-AgentJob {
        <# Runs one job (or matrix leg) on a fresh agent; returns the outputs its named steps set. #>
        param([hashtable] $Job, [hashtable] $Variables, [string] $JobName, [hashtable] $LegVariables = @{})
        $agent = Join-Path $TestDrive "agent-$JobName"
        $data = Join-Path $agent 'home/.local/share'
        $null = New-Item -ItemType Directory -Force $data, (Join-Path $agent 'a'), (Join-Path $agent 'w')
        $vars = $Variables.Clone()
        foreach ($k in $LegVariables.Keys) { $vars[$k] = $LegVariables[$k] }
        $vars['System.JobName'] = $JobName
        $vars['Build.ArtifactStagingDirectory'] = Join-Path $agent 'a'
        $vars['Pipeline.Workspace'] = Join-Path $agent 'w'
        $outputs = @{}
        foreach ($step in Expand-Steps $Job.steps) {
            if ($step.ContainsKey('pwsh')) {
                $environment = @{
                    TF_BUILD = 'True'; HOME = (Join-Path $agent 'home'); XDG_DATA_HOME = $data
                    PSModulePath = (Join-Path $data 'powershell/Modules') + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
                    PATH = $DkpBin + [IO.Path]::PathSeparator + $env:PATH
                }
                # Every variable is an environment variable: upper case, '.' as '_'.
                foreach ($k in $vars.Keys) { $environment[$k.ToUpperInvariant().Replace('.', '_')] = $vars[$k] }
                if ($step.env) { foreach ($k in $step.env.Keys) { $environment[$k] = Expand-Macro $step.env[$k] $vars } }
                Push-Location $vars['Build.SourcesDirectory']
                # A pwsh step runs with $ErrorActionPreference = 'Stop' and fails on a non-zero exit.
                try { $r = Invoke-FreshPwsh ("`$ErrorActionPreference = 'Stop'`n" + (Expand-Macro $step.pwsh $vars)) -Environment $environment }
                finally { Pop-Location }
                $script:StepLog.Add([pscustomobject]@{ Job = $JobName; Step = $step.displayName; Output = $r.Output })
                $r.ExitCode | Should -Be 0 -Because "step '$($step.displayName)' of $JobName failed:`n$($r.Output -join "`n")"
                foreach ($line in $r.Output) {
                    if ($step.name -and $line -match '^##vso\[task\.setvariable variable=([^;\]]+);isOutput=true\](.*)$') {
                        $outputs["$($step.name).$($Matches[1])"] = ConvertFrom-AgentEscape $Matches[2]
                    }
                }
            }
            elseif ($step.ContainsKey('publish')) {
                $source = Expand-Macro $step.publish $vars
                $target = Join-Path $Artifacts (Expand-Macro $step.artifact $vars)
                if (Test-Path $source) { Copy-Item $source $target -Recurse }
            }
            elseif ($step.ContainsKey('download')) {
                foreach ($artifact in Get-ChildItem $Artifacts -Directory) { Copy-Item $artifact.FullName (Join-Path $vars['Pipeline.Workspace'] $artifact.Name) -Recurse }
            }
            elseif ($step.task -eq 'PublishTestResults@2') {
                $pattern = Expand-Macro $step.inputs.testResultsFiles $vars
                $files = @(Get-ChildItem (Split-Path $pattern) -Filter (Split-Path $pattern -Leaf))
                $files.Count | Should -BeGreaterThan 0 -Because "PublishTestResults@2 finds $pattern"
                $script:PublishedResults += $files.FullName
            }
            else { throw "The sample uses a step the emulation does not know: $($step.Keys -join ', ')" }
        }
        $outputs
    }
}

Describe 'The sample pipeline examples/azure-pipelines.yml' -Skip:$skipPipeline {
    BeforeAll {
        $script:Ec2 = Start-FakeEc2
        $script:Registry = Start-TestRegistry
        $script:Cluster = Start-KubeApiDouble -Scenario compliant
        # dkp on the agent's PATH is FakeDkp; the clusters it "creates" are the Kubernetes double.
        $script:DkpBin = Join-Path $TestDrive 'dkp-bin'
        $null = New-Item -ItemType Directory -Force $DkpBin
        $fake = Join-Path $RepoRoot 'out/bin/FakeDkp/Release/net10.0'
        Copy-Item (Join-Path $fake '*') $DkpBin -Force
        $exe = if ($IsWindows) { '.exe' } else { '' }
        Copy-Item (Join-Path $fake "FakeDkp$exe") (Join-Path $DkpBin "dkp$exe") -Force
        $env:FAKEDKP_KUBECONFIG_SERVER = $Cluster.Url

        $script:Artifacts = Join-Path $TestDrive 'artifacts'
        $script:Sources = Join-Path $TestDrive 'sources'
        $null = New-Item -ItemType Directory -Force $Artifacts, $Sources
        Copy-Item $Examples (Join-Path $Sources 'examples') -Recurse
        $script:StepLog = [Collections.Generic.List[object]]::new()
        $script:PublishedResults = @()

        $pipeline = ConvertFrom-PipelineYaml (Join-Path $Examples 'azure-pipelines.yml')
        $variables = @{}
        foreach ($k in $pipeline.variables.Keys) { $variables[$k] = $pipeline.variables[$k] }
        $variables['Build.SourcesDirectory'] = $Sources
        $variables['DKPFIPS_FEED'] = Join-Path $RepoRoot 'out/repo'
        $variables['registry'] = "$($Registry.open)/mesosphere"
        $variables['ec2Endpoint'] = $Ec2.Url
        $variables['awsAccessKeyId'] = 'AKIDEXAMPLE000000001'
        $variables['awsSecretAccessKey'] = 'CANARY-PIPELINE-SECRET-3b9d'
        $script:Jobs = @{}; foreach ($job in $pipeline.jobs) { $Jobs[$job.job] = $job }

        $script:PlanOutputs = Invoke-AgentJob $Jobs.Plan $variables 'Plan'
        $expression = $Jobs.Create.strategy.matrix
        if ($expression -notmatch "^\`$\[ dependencies\.Plan\.outputs\['([^']+)'\] \]$") { throw "Unexpected matrix expression: $expression" }
        $script:Matrix = $PlanOutputs[$Matches[1]] | ConvertFrom-Json -AsHashtable
        foreach ($leg in $Matrix.Keys | Sort-Object) { $null = Invoke-AgentJob $Jobs.Create $variables $leg -LegVariables $Matrix[$leg] }
        $null = Invoke-AgentJob $Jobs.Report $variables 'Report'
        $script:Reports = Join-Path $TestDrive 'agent-Report/a/reports'
    }

    AfterAll {
        Remove-Item env:FAKEDKP_KUBECONFIG_SERVER -ErrorAction SilentlyContinue
        Stop-FakeEc2 $Ec2
        Stop-TestRegistry $Registry
        Stop-KubeApiDoubles
    }

    It 'plans one matrix leg per cluster of the spec file, with its variables' {
        @($Matrix.Keys | Sort-Object) | Should -Be @('fips_east_1', 'fips_east_2')
        $Matrix.fips_east_1.DKPFIPS_CLUSTERNAME | Should -Be 'fips-east-1'
        $Matrix.fips_east_2.DKPFIPS_AMIID | Should -Be 'ami-0bbb0000000000e02'
    }

    It 'creates each cluster on its own agent with every FIPS flag' {
        foreach ($leg in 'fips_east_1', 'fips_east_2') {
            $log = ($StepLog | Where-Object Job -EQ $leg | Where-Object Step -Like 'Create and verify*').Output -join "`n"
            $log | Should -Match '##\[group\]dkp create cluster fips-east-\d: Succeeded'
        }
    }

    It 'publishes JUnit results with a suite per AMI, build, creation and cluster check' {
        $PublishedResults.Count | Should -Be 1
        $doc = [xml](Get-Content -Raw $PublishedResults[0])
        $suites = @($doc.testsuites.testsuite.name)
        $suites | Should -Contain 'AMI ami-0f1a2b3c4d5e60001 (us-east-1)'
        $suites | Should -Contain 'AMI ami-0bbb0000000000e02 (us-east-1)'
        @($suites | Where-Object { $_ -like 'Registry DKP 2.3 (v1.23.7+fips.0) at 127.0.0.1:*' }).Count | Should -Be 1
        $suites | Should -Contain 'ClusterCreate fips-east-1'
        $suites | Should -Contain 'ClusterCreate fips-east-2'
        @($suites | Where-Object { $_ -like 'Cluster *' }).Count | Should -Be 2
        [int]$doc.testsuites.failures | Should -Be 0
        [int]$doc.testsuites.errors | Should -Be 0
    }

    It 'writes the HTML report and attaches the Markdown summary to the run' {
        (Get-Content -Raw (Join-Path $Reports 'fips-report.html')) | Should -Match '7 of 7 targets compliant'
        $summary = ($StepLog | Where-Object Step -EQ 'Write the compliance report').Output
        $summary | Should -Contain "##vso[task.uploadsummary]$(Join-Path $Reports 'fips-summary.md')"
        Test-Path (Join-Path $Artifacts 'fips-report/fips-report.html') | Should -BeTrue
    }

    It 'never prints the AWS secret in any step' {
        ($StepLog.Output -join "`n") | Should -Not -Match 'CANARY-PIPELINE-SECRET'
        (Get-ChildItem $Artifacts -Recurse -File | Get-Content -Raw) -join "`n" | Should -Not -Match 'CANARY-PIPELINE-SECRET'
    }
}
