BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Ami = 'ami-03dcaa75d45aca36f'

    function New-SpecFile([string] $Yaml) {
        $path = Join-Path $TestDrive "spec-$([guid]::NewGuid().ToString('N')).yaml"
        Set-Content -LiteralPath $path -Value $Yaml -Encoding utf8 -NoNewline
        $path
    }

    # The per-leg snippet, as documented: the PowerShell block that starts with this line, in
    # the README and in the cmdlet's help. Both must hold the same text; the round trip runs it.
    function Get-LegSnippet([string] $File) {
        $text = Get-Content -Raw (Join-Path $RepoRoot $File)
        $m = [regex]::Match($text, '(?ms)^```powershell\r?\n(?<code># One leg of the matrix:.*?)^```')
        if (-not $m.Success) { throw "No per-leg snippet in $File." }
        $m.Groups['code'].Value -replace '\r\n', "`n"
    }

    # The agent's unescaping of a logging command value (the inverse of AzureDevOpsLog.Escape).
    function ConvertFrom-VsoValue([string] $Value) {
        $Value.Replace('%5D', ']').Replace('%3B', ';').Replace('%0A', "`n").Replace('%0D', "`r").Replace('%AZP25', '%')
    }

    # Every variable a leg can carry: the spec's properties New-DkpFipsCluster binds, and the
    # mark of a leg that -Force let past the catalog's release support.
    $script:FieldVariables = @([DkpFips.ClusterSpec].GetProperties().Name |
        Where-Object { $_ -notin 'MachineImage', 'SourcePath', 'SourceLine' } | ForEach-Object { 'DKPFIPS_' + $_.ToUpperInvariant() }) + 'DKPFIPS_FORCE'

    $script:RoundTripYaml = @"
defaults:
  provider: aws
  kubernetesVersion: 1.23
  region: us-west-2
  namespace: fleet
  managementKubeconfig: ./management.conf
clusters:
  - name: fips-east-1
    amiId: $Ami
    region: us-east-1
    imageRepository: mirror.example.internal/mesosphere
  - name: 1st-fips
    amiId: $Ami
    etcdVersion: 3.4.13+fips.1
    argumentList: ['--worker-replicas=4', '--control-plane-endpoint-host=a b;c]', '50%"quoted"']
  - name: fips-lab
    provider: vsphere
    region: ~
    kubernetesVersion: '1.22'
    vmTemplate: rhel-8.6-fips
    registryMirrorUrl: https://mirror.example.internal
    dkpPath: /opt/nkp/bin/nkp
  - name: fips-metal
    provider: preprovisioned
    region: ~
    overrideSecretName: fips-overrides
"@
}

Describe 'ConvertTo-DkpFipsPipelineMatrix' {
    AfterEach { Remove-Item env:TF_BUILD -ErrorAction SilentlyContinue }

    Context 'the matrix' {
        It 'has one leg per cluster, in batch order, with the cluster''s given fields as DKPFIPS_* variables' {
            $path = New-SpecFile $RoundTripYaml

            $m = Import-DkpFipsClusterSpec $path | ConvertTo-DkpFipsPipelineMatrix -MaxParallel 3 -ErrorAction Stop

            $m | Should -BeOfType DkpFips.PipelineMatrix
            $m.LegCount | Should -Be 4
            $m.MaxParallel | Should -Be 3
            $m.LegNames | Should -Be 'fips_east_1', 'c_1st_fips', 'fips_lab', 'fips_metal'
            $m.ClusterNames | Should -Be 'fips-east-1', '1st-fips', 'fips-lab', 'fips-metal'
            @($m.Matrix.Keys) | Should -Be $m.LegNames
            $east = $m.Matrix['fips_east_1']
            @($east.Keys) | Should -Be 'DKPFIPS_CLUSTERNAME', 'DKPFIPS_PROVIDER', 'DKPFIPS_KUBERNETESVERSION', 'DKPFIPS_AMIID', 'DKPFIPS_REGION', 'DKPFIPS_IMAGEREPOSITORY', 'DKPFIPS_MANAGEMENTKUBECONFIG', 'DKPFIPS_NAMESPACE'
            $east.DKPFIPS_KUBERNETESVERSION | Should -Be '1.23'
            $m.Matrix['c_1st_fips'].DKPFIPS_ARGUMENTLIST | ConvertFrom-Json | Should -Be '--worker-replicas=4', '--control-plane-endpoint-host=a b;c]', '50%"quoted"'
            $m.Matrix['fips_lab'].Contains('DKPFIPS_REGION') | Should -BeFalse
        }

        It 'emits compact JSON, the same as Matrix, as Json and ToString()' {
            $m = Import-DkpFipsClusterSpec (New-SpecFile $RoundTripYaml) | ConvertTo-DkpFipsPipelineMatrix

            "$m" | Should -BeExactly $m.Json
            $m.Json | Should -Not -Match '\r|\n|": |, "'
            $parsed = $m.Json | ConvertFrom-Json -AsHashtable
            @($parsed.Keys) | Should -Be $m.LegNames
            foreach ($leg in $m.LegNames) {
                foreach ($name in $m.Matrix[$leg].Keys) { $parsed[$leg][$name] | Should -BeExactly $m.Matrix[$leg][$name] }
                $parsed[$leg].Count | Should -Be $m.Matrix[$leg].Count
            }
        }

        It 'names legs validly for Azure Pipelines, uniquely and the same every time' {
            $long = 'a' + ('-b' * 31)
            $rows = 'fips-a', '1-a', 'x1-a', $long, 'fips-a1' | ForEach-Object { [pscustomobject]@{ ClusterName = $_; KubernetesVersion = '1.23'; AmiId = $Ami } }

            $first = $rows | ConvertTo-DkpFipsPipelineMatrix -ErrorAction Stop
            $second = $rows | ConvertTo-DkpFipsPipelineMatrix -ErrorAction Stop

            foreach ($leg in $first.LegNames) { $leg | Should -Match '^[A-Za-z][A-Za-z0-9_]{0,99}$' }
            @($first.LegNames | Sort-Object -Unique).Count | Should -Be 5
            $second.LegNames | Should -Be $first.LegNames
            $second.Json | Should -BeExactly $first.Json
        }

        It 'takes Import-Csv rows like spec file entries' {
            $csv = Join-Path $TestDrive 'batch.csv'
            Set-Content -LiteralPath $csv -Value "ClusterName,KubernetesVersion,AmiId,Region,ArgumentList`nfips-a,1.23,$Ami,us-east-1,--worker-replicas=2`nfips-b,1.22,$Ami,,--worker-replicas=3`n"
            $yaml = New-SpecFile "clusters:`n- name: fips-a`n  kubernetesVersion: '1.23'`n  amiId: $Ami`n  region: us-east-1`n  argumentList: [--worker-replicas=2]`n- name: fips-b`n  kubernetesVersion: '1.22'`n  amiId: $Ami`n  argumentList: --worker-replicas=3`n"

            $fromCsv = Import-Csv $csv | ConvertTo-DkpFipsPipelineMatrix -ErrorAction Stop

            $fromCsv.Json | Should -BeExactly (Import-DkpFipsClusterSpec $yaml | ConvertTo-DkpFipsPipelineMatrix).Json
        }
    }

    Context 'the whole batch is validated first, as New-DkpFipsCluster validates it' {
        It 'writes the same specific errors as New-DkpFipsCluster -PlanOnly, then InvalidClusterBatch, and no matrix' {
            $csv = Join-Path $TestDrive 'mixed.csv'
            Set-Content -LiteralPath $csv -Value "ClusterName,Provider,KubernetesVersion,AmiId,VmTemplate,ArgumentList`nfips-ok,,1.23,$Ami,,`nFips-Upper,,1.23,$Ami,,`nfips-gcp,gcp,1.23,,,`nfips-ami,,1.23,ami-123,,`nfips-old,,9.9,$Ami,,`nfips-flag,,1.23,$Ami,,--kubernetes-version=v1.23.7`nfips-ok,,1.23,$Ami,,`nfips-vs,vsphere,1.23,,,`n"

            $out = Import-Csv $csv | ConvertTo-DkpFipsPipelineMatrix -ErrorVariable errs -ErrorAction SilentlyContinue
            $null = Import-Csv $csv | New-DkpFipsCluster -PlanOnly -ErrorVariable planErrs -ErrorAction SilentlyContinue

            $out | Should -BeNullOrEmpty
            $ids = @($errs | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] })
            $ids[-1] | Should -Be 'InvalidClusterBatch'
            $ids[0..($ids.Count - 2)] | Should -Be @($planErrs | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] })
            $ids | Should -Contain 'DuplicateClusterName'
            $ids | Should -Contain 'FipsFlagOverride'
            $errs[-1].Exception.Message | Should -Be "7 of 8 cluster spec(s) are not valid; no matrix was made, so no leg runs."
            $errs[-1].CategoryInfo.Category | Should -Be 'InvalidData'
            @($errs[0..($errs.Count - 2)].Exception.Message) | Should -Be @($planErrs.Exception.Message)
        }

        It 'refuses the batch when a row has no name (the binder does not skip it)' {
            $rows = [pscustomobject]@{ ClusterName = 'fips-a'; KubernetesVersion = '1.23'; AmiId = $Ami }, [pscustomobject]@{ KubernetesVersion = '1.23'; AmiId = $Ami }

            $rows | ConvertTo-DkpFipsPipelineMatrix -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

            $errs.FullyQualifiedErrorId | Should -Be 'InvalidClusterName,DkpFips.Cmdlets.ConvertToDkpFipsPipelineMatrixCommand', 'InvalidClusterBatch,DkpFips.Cmdlets.ConvertToDkpFipsPipelineMatrixCommand'
        }

        It 'sets no output variable for an invalid batch' {
            $env:TF_BUILD = 'True'
            $rows = [pscustomobject]@{ ClusterName = 'bad_name'; KubernetesVersion = '1.23'; AmiId = $Ami }

            $lines = $rows | ConvertTo-DkpFipsPipelineMatrix -OutputVariable clusters -ErrorAction SilentlyContinue 6>&1

            @($lines | Where-Object { "$_" -like '##vso`[task.setvariable*' }) | Should -BeNullOrEmpty
        }

        It 'refuses an empty batch' {
            @() | ConvertTo-DkpFipsPipelineMatrix -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

            $errs[0].FullyQualifiedErrorId | Should -Be 'NoClusterSpecs,DkpFips.Cmdlets.ConvertToDkpFipsPipelineMatrixCommand'
        }

        It 'validates -MaxParallel (<Value>)' -ForEach @(@{ Value = 0 }, @{ Value = 1001 }) {
            { [pscustomobject]@{ ClusterName = 'a'; KubernetesVersion = '1.23'; AmiId = $Ami } | ConvertTo-DkpFipsPipelineMatrix -MaxParallel $Value } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,DkpFips.Cmdlets.ConvertToDkpFipsPipelineMatrixCommand'
        }

        It 'refuses an output variable name the agent would not accept' {
            { [pscustomobject]@{ ClusterName = 'a'; KubernetesVersion = '1.23'; AmiId = $Ami } | ConvertTo-DkpFipsPipelineMatrix -OutputVariable 'clusters;x' } |
                Should -Throw -ErrorId 'InvalidOutputVariableName,DkpFips.Cmdlets.ConvertToDkpFipsPipelineMatrixCommand'
        }
    }

    Context 'Azure Pipelines output variable' {
        BeforeAll {
            $script:Tricky = New-SpecFile "clusters:`n- name: fips-a`n  kubernetesVersion: '1.23'`n  amiId: $Ami`n  argumentList: ['--control-plane-endpoint-host=a;b]c', '100%', 'x]]y;;']`n"
        }

        It 'on the agent, writes one escaped setvariable line per variable with -OutputVariable' {
            $env:TF_BUILD = 'True'

            $all = Import-DkpFipsClusterSpec $Tricky | ConvertTo-DkpFipsPipelineMatrix -OutputVariable clusters -MaxParallel 4 6>&1
            $m = $all | Where-Object { $_ -is [DkpFips.PipelineMatrix] }
            $lines = @($all | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } | ForEach-Object { "$($_.MessageData)" })

            $lines.Count | Should -Be 2
            $prefix = '##vso[task.setvariable variable=clusters;isOutput=true]'
            $lines[0] | Should -BeLike "$([WildcardPattern]::Escape($prefix))*"
            $value = $lines[0].Substring($prefix.Length)
            $value | Should -Not -Match '[;\]\r\n]'
            ConvertFrom-VsoValue $value | Should -BeExactly $m.Json
            $m.Json | Should -Match '%'
            $lines[1] | Should -BeExactly '##vso[task.setvariable variable=clustersMaxParallel;isOutput=true]4'
            $m.OutputVariable | Should -Be 'clusters'
        }

        It 'writes no setvariable line without -OutputVariable, nor off the agent' {
            $env:TF_BUILD = 'True'
            $onAgent = Import-DkpFipsClusterSpec $Tricky | ConvertTo-DkpFipsPipelineMatrix 6>&1
            Remove-Item env:TF_BUILD
            $offAgent = Import-DkpFipsClusterSpec $Tricky | ConvertTo-DkpFipsPipelineMatrix -OutputVariable clusters 6>&1

            @(@($onAgent) + @($offAgent) | Where-Object { $_ -is [System.Management.Automation.InformationRecord] }) | Should -BeNullOrEmpty
            @($offAgent).Count | Should -Be 1
        }

        It 'never carries a credential into the matrix' {
            $env:TF_BUILD = 'True'
            $canary = 'Canary-Secret-91c2'
            $credential = [pscredential]::new('AKIAEXAMPLE', (ConvertTo-SecureString $canary -AsPlainText -Force))
            $row = [pscustomobject]@{ ClusterName = 'fips-a'; KubernetesVersion = '1.23'; AmiId = $Ami; AwsCredential = $credential; RegistryMirrorCredential = $credential; RegistryMirrorUrl = 'https://mirror.example' }

            $all = $row | ConvertTo-DkpFipsPipelineMatrix -OutputVariable clusters -Verbose 6>&1 4>&1

            ($all | Out-String) + ($all | Where-Object { $_ -is [DkpFips.PipelineMatrix] }).Json | Should -Not -Match "$canary|AKIAEXAMPLE"
        }
    }

    Context 'release support' {
        BeforeAll {
            # DKP 2.1 has no FIPS vSphere: only -Force plans fips-vs21; fips-aws21 needs nothing.
            $script:Unsupported = @(
                [pscustomobject]@{ ClusterName = 'fips-aws21'; Provider = 'aws'; KubernetesVersion = '1.21.6'; AmiId = $Ami }
                [pscustomobject]@{ ClusterName = 'fips-vs21'; Provider = 'vsphere'; KubernetesVersion = '1.21.6'; VmTemplate = 'rhel-7.9-fips' }
            )
        }

        It 'refuses the whole batch when a cluster is outside the release''s support' {
            $m = $Unsupported | ConvertTo-DkpFipsPipelineMatrix -ErrorVariable errs -ErrorAction SilentlyContinue

            $m | Should -BeNullOrEmpty
            ($errs.FullyQualifiedErrorId -replace ',.*') | Should -Be 'ProviderNotSupportedByRelease', 'InvalidClusterBatch'
            $errs[0].ErrorDetails.RecommendedAction | Should -BeLike '*-Force*'
        }

        It 'with -Force makes a leg of it, with a warning, and marks only that leg DKPFIPS_FORCE' {
            $m = $Unsupported | ConvertTo-DkpFipsPipelineMatrix -Force -WarningVariable warned -WarningAction SilentlyContinue -ErrorAction Stop

            $m.LegNames | Should -Be 'fips_aws21', 'fips_vs21'
            $m.Matrix['fips_vs21'].DKPFIPS_FORCE | Should -BeExactly 'true'
            $m.Matrix['fips_aws21'].Contains('DKPFIPS_FORCE') | Should -BeFalse
            $warned | Should -HaveCount 1
            "$($warned[0])" | Should -BeLike "Cluster 'fips-vs21': Planned with -Force although *DKP 2.1*vsphere*DKPFIPS_FORCE=true*"
        }

        It 'plans the forced leg on its agent with -Force, and the other without' {
            $m = $Unsupported | ConvertTo-DkpFipsPipelineMatrix -Force -WarningAction SilentlyContinue -ErrorAction Stop
            $snippet = Get-LegSnippet 'README.md'
            foreach ($leg in $m.Matrix.GetEnumerator()) {
                $environment = @{}
                foreach ($name in $FieldVariables) { $environment[$name] = '' }
                foreach ($variable in $leg.Value.GetEnumerator()) { $environment[$variable.Key] = $variable.Value }
                $r = Invoke-FreshPwsh -Script "Import-Module '$ModuleManifest'; `$WarningPreference = 'SilentlyContinue'; `$p = @(& {`n$snippet`n}); 'PLANS ' + `$p.Count + ' ' + `$p[0].ClusterName" -Environment $environment
                $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
                $r.Output | Should -Contain "PLANS 1 $($leg.Value.DKPFIPS_CLUSTERNAME)"
            }
            # Without its mark the vSphere leg is refused on the agent too.
            $bare = @{}
            foreach ($name in $FieldVariables) { $bare[$name] = '' }
            foreach ($variable in $m.Matrix['fips_vs21'].GetEnumerator()) { if ($variable.Key -ne 'DKPFIPS_FORCE') { $bare[$variable.Key] = $variable.Value } }
            $r = Invoke-FreshPwsh -Script "Import-Module '$ModuleManifest'; & {`n$snippet`n} 2>&1 | ForEach-Object { if (`$_ -is [System.Management.Automation.ErrorRecord]) { 'ERROR ' + `$_.FullyQualifiedErrorId } }" -Environment $bare
            $r.Output | Should -Contain 'ERROR ProviderNotSupportedByRelease,DkpFips.Cmdlets.NewDkpFipsClusterCommand'
        }
    }

    Context 'round trip: spec file -> matrix -> each leg on its own agent -> the same plans' {
        It 'documents one per-leg snippet, the same in the README and the help' {
            $readme = Get-LegSnippet 'README.md'
            $help = Get-LegSnippet 'docs/ConvertTo-DkpFipsPipelineMatrix.md'

            $help | Should -BeExactly $readme
            # It reads every variable a leg can carry, and nothing else.
            $read = @([regex]::Matches($readme, '\$env:(DKPFIPS_\w+)') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique)
            $read | Should -Be @($FieldVariables | Sort-Object)
        }

        It 'plans every leg in a fresh pwsh from its variables alone exactly as planning the file locally' {
            $dir = Join-Path $TestDrive 'roundtrip'
            $null = New-Item -ItemType Directory $dir
            $path = Join-Path $dir 'clusters.yaml'
            Set-Content -LiteralPath $path -Value $RoundTripYaml -NoNewline
            $snippet = Get-LegSnippet 'README.md'

            $matrix = Import-DkpFipsClusterSpec $path | ConvertTo-DkpFipsPipelineMatrix -ErrorAction Stop
            Push-Location $dir
            try { $local = @(Import-DkpFipsClusterSpec $path | New-DkpFipsCluster -PlanOnly -ErrorAction Stop) }
            finally { Pop-Location }
            $local.Count | Should -Be 4

            $i = 0
            foreach ($leg in $matrix.Matrix.GetEnumerator()) {
                # The agent's environment: this leg's variables and no other DKPFIPS_* field.
                $environment = @{}
                foreach ($name in $FieldVariables) { $environment[$name] = '' }
                foreach ($variable in $leg.Value.GetEnumerator()) { $environment[$variable.Key] = $variable.Value }
                $script = @"
Set-Location -LiteralPath '$dir'
Import-Module '$ModuleManifest'
`$plans = @(& {
$snippet
})
foreach (`$p in `$plans) { 'PLAN ' + (ConvertTo-Json -Compress -InputObject ([ordered]@{ Executable = `$p.Executable; Arguments = @(`$p.Arguments); CommandLine = `$p.CommandLine })) }
"@
                $r = Invoke-FreshPwsh -Script $script -Environment $environment
                $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
                $plans = @($r.Output | Where-Object { $_ -like 'PLAN *' } | ForEach-Object { $_.Substring(5) | ConvertFrom-Json })
                $plans.Count | Should -Be 1 -Because "leg $($leg.Key) plans one cluster: $($r.Output -join "`n")"
                $plans[0].Executable | Should -BeExactly $local[$i].Executable
                $plans[0].Arguments | Should -BeExactly $local[$i].Arguments -Because "leg $($leg.Key)"
                $plans[0].CommandLine | Should -BeExactly $local[$i].CommandLine
                $i++
            }
            $i | Should -Be 4
            $local[1].Arguments | Should -Contain '--control-plane-endpoint-host=a b;c]'
            $local[0].Arguments | Should -Contain "--kubeconfig=$(Join-Path $dir 'management.conf')"
        }
    }

    Context 'parameters' {
        It 'binds by property name exactly what New-DkpFipsCluster binds, less its credentials' {
            $mine = (Get-Command ConvertTo-DkpFipsPipelineMatrix).Parameters.Values | Where-Object { $_.ParameterSets.Values.ValueFromPipelineByPropertyName -contains $true }
            $theirs = (Get-Command New-DkpFipsCluster).Parameters.Values |
                Where-Object { $_.ParameterSets.Values.ValueFromPipelineByPropertyName -contains $true -and $_.Name -notin 'AwsCredential', 'RegistryMirrorCredential' }

            $describe = { param($p) "$($p.Name):$($p.ParameterType.Name):$(($p.Aliases | Sort-Object) -join '|')" }
            @($mine | ForEach-Object { & $describe $_ } | Sort-Object) | Should -Be @($theirs | ForEach-Object { & $describe $_ } | Sort-Object)
        }
    }
}
