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
    # Examples run against local inputs only; a cmdlet whose examples need a cloud or a double
    # registers its setup here (scriptblock run in TestDrive before each example).
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
            foreach ($a in (Join-Path $RepoRoot 'out/bin/KubeApiDouble/Release/net10.0/KubeApiDouble.dll'), '--scenario', 'mixed', '--quiet') { $psi.ArgumentList.Add($a) }
            $psi.RedirectStandardInput = $true; $psi.RedirectStandardOutput = $true; $psi.UseShellExecute = $false
            $double = [Diagnostics.Process]::Start($psi)
            # Kept referenced: a collected Process closes the double's stdin, which stops it.
            $global:DkpFipsExampleDoubles = @($global:DkpFipsExampleDoubles) + $double
            $url = ($double.StandardOutput.ReadLine() -split ' ')[1]
            $kubeconfig = "apiVersion: v1`nkind: Config`nclusters:`n- name: fips-cluster`n  cluster:`n    server: $url`ncontexts:`n- name: admin`n  context:`n    cluster: fips-cluster`n    user: admin`ncurrent-context: admin`nusers:`n- name: admin`n  user:`n    token: example`n"
            foreach ($file in 'fips-cluster.conf', 'management.conf', 'default.conf') { Set-Content -LiteralPath (Join-Path $TestDrive $file) -Value $kubeconfig }
            $env:KUBECONFIG = Join-Path $TestDrive 'default.conf'
        }
        # The konvoy-image double on PATH; the examples run in TestDrive, where it writes manifest.json.
        'New-FipsAmi' = {
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
            $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
            foreach ($a in (Join-Path $RepoRoot 'out/bin/KubeApiDouble/Release/net10.0/KubeApiDouble.dll'), '--scenario', 'v1.21', '--quiet') { $psi.ArgumentList.Add($a) }
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
    $script:examples = @(foreach ($c in Get-Command -Module DkpFips -CommandType Cmdlet) {
            $i = 0
            foreach ($e in (Get-Help $c.Name -Examples).examples.example) {
                $i++
                @{ Command = $c.Name; Index = $i; Code = $e.code; Runnable = $script:exampleSetup.ContainsKey($c.Name) }
            }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
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
    It 'runs and succeeds' -Skip:(-not $Runnable) {
        Push-Location $TestDrive
        try {
            & $exampleSetup[$Command]
            $output = & ([scriptblock]::Create($Code)) 2>&1
            $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $errors | Should -BeNullOrEmpty
            $output | Should -Not -BeNullOrEmpty
        }
        finally { Pop-Location }
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
        if ($command.Verb -in 'New', 'Set', 'Update', 'Remove', 'Add', 'Install', 'Start', 'Stop', 'Export', 'Invoke') {
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

Describe 'about_DkpFips' {
    It 'is shown by Get-Help' {
        $text = Get-Help about_DkpFips | Out-String
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'FIPS mode is chosen when the\s+cluster is created'
    }
}
