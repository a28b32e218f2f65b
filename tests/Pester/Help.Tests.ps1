# Help and conventions, over every exported cmdlet: cmdlets added later are covered without
# editing this file.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:commands = @(Get-Command -Module DkpFips -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    $script:parameters = @(foreach ($c in Get-Command -Module DkpFips -CommandType Cmdlet) {
            foreach ($p in $c.Parameters.Values | Where-Object Name -NotIn $common) { @{ Command = $c.Name; Parameter = $p.Name } }
        })
    # Every example runs, against local inputs only; a cmdlet whose examples need a double
    # registers its setup here (scriptblock dot-sourced in TestDrive before each example, so it
    # can define variables an example takes as given, such as a session's credentials). A setup
    # may set $exampleEndpoints (regex -> local address): like a hosts-file entry, it points an
    # example's remote endpoint at the loopback double. Environment changes end with the example.
    # A spec file and the same kind of batch as CSV in TestDrive; these examples plan only.
    $clusterSpecs = {
        Set-Content -LiteralPath (Join-Path $TestDrive 'clusters.yaml') -Value "defaults:`n  provider: aws`n  kubernetesVersion: 1.23`n  region: us-west-2`nclusters:`n- name: fips-east-1`n  amiId: ami-03dcaa75d45aca36f`n  region: us-east-1`n- name: fips-lab`n  provider: vsphere`n  region: ~`n  vmTemplate: rhel-8.6-fips`n"
        Set-Content -LiteralPath (Join-Path $TestDrive 'clusters.csv') -Value "ClusterName,KubernetesVersion,AmiId,Region`nfips-east-1,1.23,ami-03dcaa75d45aca36f,us-east-1`nfips-west-1,1.23,ami-03dcaa75d45aca36f,us-west-2`n"
    }
    $script:exampleSetup = @{
        'Get-FipsBuild' = {}
        'Import-DkpFipsClusterSpec' = $clusterSpecs
        'ConvertTo-DkpFipsPipelineMatrix' = $clusterSpecs
        # A KubeApiDouble cluster (one non-FIPS node) behind ./fips-cluster.conf, ./management.conf
        # and $env:KUBECONFIG; the double exits when this process does.
        'Test-DkpFipsCluster' = {
            $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
            # It also serves the Secret fips-cluster-kubeconfig (./fips-cluster.conf) for the spec-file example.
            foreach ($a in (Join-Path $RepoRoot 'out/bin/KubeApiDouble/Release/net10.0/KubeApiDouble.dll'), '--scenario', 'mixed', '--quiet', '--kubeconfig-secret', "default/fips-cluster-kubeconfig=$(Join-Path $TestDrive 'fips-cluster.conf')") { $psi.ArgumentList.Add($a) }
            $psi.RedirectStandardInput = $true; $psi.RedirectStandardOutput = $true; $psi.UseShellExecute = $false
            $double = [Diagnostics.Process]::Start($psi)
            # Kept referenced: a collected Process closes the double's stdin, which stops it.
            $global:DkpFipsExampleDoubles = @($global:DkpFipsExampleDoubles) + $double
            $url = ($double.StandardOutput.ReadLine() -split ' ')[1]
            $kubeconfig = "apiVersion: v1`nkind: Config`nclusters:`n- name: fips-cluster`n  cluster:`n    server: $url`ncontexts:`n- name: admin`n  context:`n    cluster: fips-cluster`n    user: admin`ncurrent-context: admin`nusers:`n- name: admin`n  user:`n    token: example`n"
            foreach ($file in 'fips-cluster.conf', 'management.conf', 'default.conf') { Set-Content -LiteralPath (Join-Path $TestDrive $file) -Value $kubeconfig }
            $env:KUBECONFIG = Join-Path $TestDrive 'default.conf'
            Set-Content -LiteralPath (Join-Path $TestDrive 'clusters.yaml') -Value "clusters:`n- name: fips-cluster`n  managementKubeconfig: ./management.conf`n"
        }
        # The konvoy-image double on PATH; the examples run in TestDrive, where it writes manifest.json.
        'New-FipsAmi' = {
            # A session's temporary credentials, as the examples take them.
            $id, $secret, $token = 'ASIAEXAMPLE000000001', (ConvertTo-SecureString 'example-secret' -AsPlainText -Force), 'example-session-token'
            $bin = Join-Path $TestDrive 'kib-bin'
            $null = New-Item -ItemType Directory -Force $bin
            $fake = Join-Path $RepoRoot 'out/bin/FakeKib/Release/net10.0'
            $exe = if ($IsWindows) { '.exe' } else { '' }
            Copy-Item (Join-Path $fake '*') $bin -Force
            Copy-Item (Join-Path $fake "FakeKib$exe") (Join-Path $bin "konvoy-image$exe") -Force
            if (-not ($env:PATH -split [IO.Path]::PathSeparator -contains $bin)) { $env:PATH = $bin + [IO.Path]::PathSeparator + $env:PATH }
        }
        # A compliant DKP 2.1 (v1.21.6+fips.0) KubeApiDouble cluster behind ./fips-cluster.conf and
        # ./management.conf; the examples plan only (-PlanOnly), so no dkp is needed.
        'Update-DkpFipsCluster' = {
            $id, $secret, $token = 'ASIAEXAMPLE000000001', (ConvertTo-SecureString 'example-secret' -AsPlainText -Force), 'example-session-token'
            $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
            foreach ($a in (Join-Path $RepoRoot 'out/bin/KubeApiDouble/Release/net10.0/KubeApiDouble.dll'), '--scenario', 'v1.21', '--quiet', '--kubeconfig-secret', "default/fips-cluster-kubeconfig=$(Join-Path $TestDrive 'fips-cluster.conf')") { $psi.ArgumentList.Add($a) }
            $psi.RedirectStandardInput = $true; $psi.RedirectStandardOutput = $true; $psi.UseShellExecute = $false
            $double = [Diagnostics.Process]::Start($psi)
            $global:DkpFipsExampleDoubles = @($global:DkpFipsExampleDoubles) + $double
            $url = ($double.StandardOutput.ReadLine() -split ' ')[1]
            $kubeconfig = "apiVersion: v1`nkind: Config`nclusters:`n- name: fips-cluster`n  cluster:`n    server: $url`ncontexts:`n- name: admin`n  context:`n    cluster: fips-cluster`n    user: admin`ncurrent-context: admin`nusers:`n- name: admin`n  user:`n    token: example`n"
            foreach ($file in 'fips-cluster.conf', 'management.conf') { Set-Content -LiteralPath (Join-Path $TestDrive $file) -Value $kubeconfig }
        }
    }
    # Export-DkpFipsReport reports on the cluster Test-DkpFipsCluster's examples check.
    $script:exampleSetup['Export-DkpFipsReport'] = $script:exampleSetup['Test-DkpFipsCluster']
    # The loopback EC2 endpoint (tests/DkpFips.FakeEc2) as the environment's EC2 endpoint
    # (AWS_ENDPOINT_URL_EC2, which the AWS SDK honours) and for every *.amazonaws.com URL of an
    # example; credentials from the environment, and a session's temporary ones in $id, $secret
    # and $token; ./amis.csv for the CSV example.
    $script:exampleSetup['Test-FipsAmi'] = {
        if (-not $global:DkpFipsExampleEc2) { $global:DkpFipsExampleEc2 = Start-FakeEc2 }
        $env:AWS_ENDPOINT_URL_EC2 = $global:DkpFipsExampleEc2.Url
        $env:AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE000000001'
        $env:AWS_SECRET_ACCESS_KEY = 'example-secret'
        $id, $secret, $token = 'ASIAEXAMPLE000000001', (ConvertTo-SecureString 'example-secret' -AsPlainText -Force), 'example-session-token'
        $exampleEndpoints = @{ 'https://[\w.-]+\.amazonaws\.com' = $global:DkpFipsExampleEc2.Url.TrimEnd('/') }
        Set-Content -LiteralPath (Join-Path $TestDrive 'amis.csv') -Value "ImageId,Region`nami-0f1a2b3c4d5e60002,us-east-1`nami-0f1a2b3c4d5e60001,us-west-2`nami-0c7217cdde317cfec,us-east-1"
    }
    # Real docker-registry instances (tests/DkpFips.TestRegistry) as the mirror: the htpasswd one
    # behind registry.example.internal:5000 (its credential in ./mirror-credential.xml), the open
    # one behind registry.example.internal and $env:MIRROR.
    $script:exampleSetup['Test-FipsBuild'] = {
        if (-not $global:DkpFipsExampleRegistry) { $global:DkpFipsExampleRegistry = Start-TestRegistry -User 'mirror-user' -Password 'example-mirror-password' }
        $registry = $global:DkpFipsExampleRegistry
        [pscredential]::new('mirror-user', (ConvertTo-SecureString 'example-mirror-password' -AsPlainText -Force)) | Export-Clixml -LiteralPath (Join-Path $TestDrive 'mirror-credential.xml')
        $env:MIRROR = "$($registry.open)/mesosphere"
        $exampleEndpoints = @{ 'registry\.example\.internal:5000' = $registry.auth; 'registry\.example\.internal' = $registry.open }
    }
    # Find- and Copy-FipsBuild: the open registry as docker.io/mesosphere and
    # registry.example.internal/mesosphere, an empty htpasswd one as the copy destination
    # mirror.example.internal:5000 (its credential in $cred).
    $script:exampleSetup['Find-FipsBuild'] = {
        if (-not $global:DkpFipsExampleCopyRegistry) { $global:DkpFipsExampleCopyRegistry = Start-TestRegistry -User 'mirror-user' -Password 'example-mirror-password' -Destination }
        $registry = $global:DkpFipsExampleCopyRegistry
        $cred = [pscredential]::new('mirror-user', (ConvertTo-SecureString 'example-mirror-password' -AsPlainText -Force))
        $exampleEndpoints = @{ 'docker\.io/mesosphere' = "$($registry.open)/mesosphere"; 'registry\.example\.internal' = $registry.open; 'mirror\.example\.internal:5000' = $registry.dest }
    }
    $script:exampleSetup['Copy-FipsBuild'] = $script:exampleSetup['Find-FipsBuild']
    $script:exampleSetup['Save-FipsBuild'] = $script:exampleSetup['Find-FipsBuild']
    # Export-FipsCatalog: a registry with a complete FIPS build no catalog row has (v1.99.1_fips.0,
    # its only etcd v3.6.9_fips.0) as registry.example.internal/mesosphere.
    $script:exampleSetup['Export-FipsCatalog'] = {
        if (-not $global:DkpFipsExampleFoundRegistry) { $global:DkpFipsExampleFoundRegistry = Start-TestRegistry -SeedAll 'v1.99.1_fips.0=v3.6.9_fips.0' }
        $exampleEndpoints = @{ 'registry\.example\.internal' = $global:DkpFipsExampleFoundRegistry.open }
    }
    # Publish-FipsBuild publishes ./fips.tar, saved here from the open registry.
    $script:exampleSetup['Publish-FipsBuild'] = {
        . $exampleSetup['Find-FipsBuild']
        Save-FipsBuild v1.23.7+fips.0 -Source "$($registry.open)/mesosphere" -Path (Join-Path $TestDrive 'fips.tar') -Force | Out-Null
    }
    # The dkp double as dkp on PATH (it records nothing and succeeds, printing right dry-run YAML);
    # ./clusters.csv and ./mirror-credential.xml for the batch and mirror examples; a session's
    # temporary credentials in $id, $secret and $token.
    $script:exampleSetup['New-DkpFipsCluster'] = {
        $id, $secret, $token = 'ASIAEXAMPLE000000001', (ConvertTo-SecureString 'example-secret' -AsPlainText -Force), 'example-session-token'
        $bin = Join-Path $TestDrive 'dkp-bin'
        $null = New-Item -ItemType Directory -Force $bin
        $fake = Join-Path $RepoRoot 'out/bin/FakeDkp/Release/net10.0'
        $exe = if ($IsWindows) { '.exe' } else { '' }
        Copy-Item (Join-Path $fake '*') $bin -Force
        Copy-Item (Join-Path $fake "FakeDkp$exe") (Join-Path $bin "dkp$exe") -Force
        $env:PATH = $bin + [IO.Path]::PathSeparator + $env:PATH
        Set-Content -LiteralPath (Join-Path $TestDrive 'clusters.csv') -Value "ClusterName,Provider,KubernetesVersion,AmiId,VmTemplate,OverrideSecretName,Region`nfips-batch-1,aws,1.23,ami-03dcaa75d45aca36f,,,us-west-2`nfips-batch-2,vsphere,1.22,,konvoy-rhel-84-fips-1.22.8,,"
        [pscredential]::new('mirror-user', (ConvertTo-SecureString 'example-mirror-password' -AsPlainText -Force)) | Export-Clixml -LiteralPath (Join-Path $TestDrive 'mirror-credential.xml')
    }
    $script:examples = @(foreach ($c in Get-Command -Module DkpFips -CommandType Cmdlet) {
            $i = 0
            foreach ($e in (Get-Help $c.Name -Examples).examples.example) {
                $i++
                @{ Command = $c.Name; Index = $i; Code = $e.code }
            }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'RegistryHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    $script:alwaysCommon = [System.Management.Automation.PSCmdlet]::CommonParameters + 'UseTransaction'
    $script:approvedVerbs = (Get-Verb).Verb

    function Get-PipelineInputText($metadata) {
        $kinds = @()
        if ($metadata.Where({ $_.ValueFromPipelineByPropertyName })) { $kinds += 'ByPropertyName' }
        if ($metadata.Where({ $_.ValueFromPipeline })) { $kinds += 'ByValue' }
        if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
    }
}

Describe 'Help of <Name>' -ForEach $commands {
    BeforeAll {
        $script:help = Get-Help $Name -Full
        $script:command = Get-Command $Name
    }

    It 'has a real synopsis, not the generated syntax line' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$Name *"
        $help.Synopsis.Trim() | Should -Not -Be $Name
    }

    It 'has a description' {
        ($help.description.Text -join '').Length | Should -BeGreaterThan 40
    }

    It 'has at least two examples, each with code and remarks' {
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.examples.example) {
            $example.code | Should -Not -BeNullOrEmpty
            ($example.remarks.Text -join '') | Should -Not -BeNullOrEmpty
        }
    }

    It 'documents exactly the parameters the cmdlet has' {
        $documented = @($help.parameters.parameter.name) | Sort-Object
        # -WhatIf and -Confirm are documented (PlatyPS schema), the other common parameters are not.
        $actual = @($command.Parameters.Keys | Where-Object { $_ -notin $alwaysCommon }) | Sort-Object
        $documented | Should -Be $actual
    }

    It 'shows one syntax per parameter set, with the parameters of that set' {
        $documentedSets = @($help.syntax.syntaxItem | ForEach-Object { (@($_.parameter.name) | Sort-Object) -join ',' }) | Sort-Object
        $actualSets = @($command.ParameterSets | ForEach-Object { (@($_.Parameters.Name | Where-Object { $_ -notin $alwaysCommon }) | Sort-Object) -join ',' }) | Sort-Object
        $documentedSets | Should -Be $actualSets
    }

    It 'has an online help link that is its HelpUri' {
        $command.HelpUri | Should -Be "https://github.com/dkpfips/DkpFips/blob/main/docs/$Name.md"
        $help.relatedLinks.navigationLink[0].uri | Should -Be $command.HelpUri
    }
}

Describe 'Parameter help of <Command> -<Parameter> matches its metadata' -ForEach $parameters {
    BeforeAll {
        $script:doc = (Get-Help $Command -Parameter $Parameter)
        $script:meta = (Get-Command $Command).Parameters[$Parameter]
    }

    It 'has a description' {
        ($doc.description.Text -join '').Length | Should -BeGreaterThan 10
    }

    It 'has the real type, mandatory flag, position, pipeline input and wildcard support' {
        $doc.type.name | Should -Be $meta.ParameterType.Name
        $sets = $meta.ParameterSets.Values
        $doc.required | Should -Be ([string][bool]($sets.Where({ $_.IsMandatory }).Count)).ToLowerInvariant()
        $positions = @($sets.Position | Where-Object { $_ -ge 0 } | Select-Object -Unique)
        $expectedPosition = if ($positions.Count) { [string]$positions[0] } else { 'named' }
        $doc.position | Should -Be $expectedPosition
        $doc.pipelineInput | Should -Be (Get-PipelineInputText $sets)
        $doc.globbing | Should -Be ([string][bool]($meta.Attributes.Where({ $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count)).ToLowerInvariant()
        $expectedAliases = if ($meta.Aliases.Count) { ($meta.Aliases | Sort-Object) -join ', ' } else { 'none' }
        (($doc.aliases -split ',\s*' | Sort-Object) -join ', ') | Should -Be $expectedAliases
    }

    It 'lists the accepted values of a ValidateSet, and only then' {
        $validSet = $meta.Attributes.Where({ $_ -is [System.Management.Automation.ValidateSetAttribute] }) | Select-Object -First 1
        $documented = @($doc.parameterValueGroup.parameterValue | ForEach-Object { "$_" })
        if ($validSet) { $documented | Should -Be @($validSet.ValidValues) } else { $documented | Should -BeNullOrEmpty }
    }
}

Describe 'Example <Index> of <Command>' -ForEach $examples {
    It 'runs and succeeds' {
        Push-Location $TestDrive
        $environment = [Environment]::GetEnvironmentVariables()
        try {
            $exampleEndpoints = @{}
            if ($exampleSetup.ContainsKey($Command)) { . $exampleSetup[$Command] }
            $run = $Code
            foreach ($pattern in $exampleEndpoints.Keys | Sort-Object Length -Descending) { $run = $run -replace $pattern, $exampleEndpoints[$pattern] }
            $output = & ([scriptblock]::Create($run)) 2>&1
            $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $errors | Should -BeNullOrEmpty
            # A gate (it throws when the check fails) is silent when it passes.
            if ($Code -notmatch '\bthrow\b') { $output | Should -Not -BeNullOrEmpty }
        }
        finally {
            Pop-Location
            # Through env: (on PowerShell 7.6, [Environment]::SetEnvironmentVariable($name, $null)
            # leaves an empty variable in native child processes).
            $now = [Environment]::GetEnvironmentVariables()
            foreach ($name in $now.Keys) { if (-not $environment.Contains($name)) { Remove-Item -LiteralPath "env:$name" } }
            foreach ($name in $environment.Keys) { if ($now[$name] -cne $environment[$name]) { Set-Item -LiteralPath "env:$name" -Value $environment[$name] } }
        }
    }
}

Describe 'Conventions of <Name>' -ForEach $commands {
    BeforeAll {
        $script:command = Get-Command $Name
        $script:type = $command.ImplementingType
        $script:attribute = $type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
    }

    It 'uses an approved verb' {
        $command.Verb | Should -BeIn $approvedVerbs
    }

    It 'declares its output type' {
        $command.OutputType | Should -Not -BeNullOrEmpty
        foreach ($t in $command.OutputType) { $t.Type | Should -Not -BeNullOrEmpty }
    }

    It 'supports -WhatIf and -Confirm when its verb creates or changes something' {
        if ($command.Verb -in 'New', 'Set', 'Update', 'Remove', 'Add', 'Install', 'Start', 'Stop', 'Export', 'Invoke', 'Copy', 'Save', 'Publish') {
            $attribute.SupportsShouldProcess | Should -BeTrue
        }
        else {
            $attribute.SupportsShouldProcess | Should -BeFalse -Because 'read-only cmdlets must not pretend to change anything'
        }
    }

    It 'is a sealed cmdlet class over the shared base' {
        $type.IsSealed | Should -BeTrue
        $base = $type.BaseType
        while ($base -and $base.Name -ne 'DkpFipsCmdlet') { $base = $base.BaseType }
        $base | Should -Not -BeNullOrEmpty -Because 'every cmdlet derives from DkpFipsCmdlet (directly or through a shared parameter base)'
    }

    It 'gives each of its own output types a format view and a readable ToString()' {
        foreach ($t in $command.OutputType.Type | Where-Object { $_.Namespace -like 'DkpFips*' }) {
            Get-FormatData -TypeName $t.FullName | Should -Not -BeNullOrEmpty -Because "$($t.FullName) needs a view in DkpFips.format.ps1xml"
            $t.GetMethod('ToString', [type[]]@()).DeclaringType | Should -Be $t -Because "$($t.FullName) should say what it is in a string"
        }
    }

    It 'binds its inputs by property name (or, like Export-Csv, takes whole objects as -InputObject)' {
        $byName = @($command.Parameters.Values | Where-Object { $_.Name -notin $common -and $_.ParameterSets.Values.Where({ $_.ValueFromPipelineByPropertyName }) })
        $wholeObjects = $command.Parameters['InputObject'].ParameterSets.Values.Where({ $_.ValueFromPipeline })
        ($byName.Count -gt 0 -or $wholeObjects.Count -gt 0) | Should -BeTrue
    }
}

AfterAll {
    if ($global:DkpFipsExampleEc2) { Stop-FakeEc2 $global:DkpFipsExampleEc2; $global:DkpFipsExampleEc2 = $null }
    if ($global:DkpFipsExampleRegistry) { Stop-TestRegistry $global:DkpFipsExampleRegistry; $global:DkpFipsExampleRegistry = $null }
    if ($global:DkpFipsExampleCopyRegistry) { Stop-TestRegistry $global:DkpFipsExampleCopyRegistry; $global:DkpFipsExampleCopyRegistry = $null }
    if ($global:DkpFipsExampleFoundRegistry) { Stop-TestRegistry $global:DkpFipsExampleFoundRegistry; $global:DkpFipsExampleFoundRegistry = $null }
}

Describe 'about_DkpFips' {
    It 'is shown by Get-Help' {
        $text = Get-Help about_DkpFips | Out-String
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'FIPS mode is chosen when the\s+cluster is created'
    }

    It 'names every exported cmdlet' {
        $text = Get-Help about_DkpFips | Out-String
        foreach ($name in (Get-Command -Module DkpFips -CommandType Cmdlet).Name) { $text | Should -Match "\b$name\b" }
    }
}
