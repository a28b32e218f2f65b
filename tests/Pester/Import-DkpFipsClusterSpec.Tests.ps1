BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Ami = 'ami-03dcaa75d45aca36f'

    function New-SpecFile([string] $Yaml, [string] $Name = "spec-$([guid]::NewGuid().ToString('N')).yaml") {
        $path = Join-Path $TestDrive $Name
        Set-Content -LiteralPath $path -Value $Yaml -Encoding utf8 -NoNewline
        $path
    }

    function Get-PlanText($Plans) { @($Plans | ForEach-Object { "$($_.Executable) $($_.Arguments -join ' ')" }) }

    $script:Batch = @"
# three clusters sharing defaults
defaults:
  provider: aws
  kubernetesVersion: 1.23
  region: us-west-2
clusters:
  - name: fips-east-1
    amiId: $Ami
    region: us-east-1
  - name: fips-west-1
    imageId: $Ami
    argumentList: [--control-plane-replicas=3, --worker-replicas=4]
  - Name: fips-lab
    Provider: vsphere
    region: ~
    vmTemplate: rhel-8.6-fips
    namespace: lab
"@
}

Describe 'Import-DkpFipsClusterSpec' {
    Context 'reading a batch' {
        It 'emits one DkpFips.ClusterSpec per cluster, in file order, defaults merged and overridden' {
            $path = New-SpecFile $Batch

            $specs = @(Import-DkpFipsClusterSpec -Path $path)

            $specs.Count | Should -Be 3
            $specs[0] | Should -BeOfType DkpFips.ClusterSpec
            $specs.ClusterName | Should -Be 'fips-east-1', 'fips-west-1', 'fips-lab'
            $specs.Provider | Should -Be 'aws', 'aws', 'vsphere'
            $specs.KubernetesVersion | Should -Be '1.23', '1.23', '1.23'
            @($specs | ForEach-Object Region) | Should -Be 'us-east-1', 'us-west-2', $null
            $specs[1].AmiId | Should -Be $Ami
            $specs[1].ArgumentList | Should -Be '--control-plane-replicas=3', '--worker-replicas=4'
            $specs[2].MachineImage | Should -Be 'rhel-8.6-fips'
            $specs[2].Namespace | Should -Be 'lab'
            $specs.SourceLine | Should -Be 7, 10, 13
            $specs[0].SourcePath | Should -Be $path
            "$($specs[0])" | Should -Be 'fips-east-1'
        }

        It 'pipes into New-DkpFipsCluster -PlanOnly with the plans of the same clusters given as parameters' {
            $path = New-SpecFile $Batch

            $piped = Import-DkpFipsClusterSpec $path | New-DkpFipsCluster -PlanOnly -ErrorAction Stop

            $direct = @(
                New-DkpFipsCluster -ClusterName fips-east-1 -Provider aws -KubernetesVersion 1.23 -AmiId $Ami -Region us-east-1 -PlanOnly
                New-DkpFipsCluster -ClusterName fips-west-1 -Provider aws -KubernetesVersion 1.23 -AmiId $Ami -Region us-west-2 -ArgumentList '--control-plane-replicas=3', '--worker-replicas=4' -PlanOnly
                New-DkpFipsCluster -ClusterName fips-lab -Provider vsphere -KubernetesVersion 1.23 -VmTemplate rhel-8.6-fips -Namespace lab -PlanOnly
            )
            Get-PlanText $piped | Should -Be (Get-PlanText $direct)
        }

        It 'gives the same plans as Import-Csv rows of the same batch (and CSV batches keep working)' {
            $path = New-SpecFile "clusters:`n- name: fips-a`n  kubernetesVersion: '1.23'`n  amiId: $Ami`n  region: us-east-1`n- name: fips-b`n  kubernetesVersion: '1.22'`n  vmTemplate: t1`n"
            $csv = Join-Path $TestDrive 'same.csv'
            Set-Content -LiteralPath $csv -Value "ClusterName,KubernetesVersion,AmiId,Region,VmTemplate`nfips-a,1.23,$Ami,us-east-1,`nfips-b,1.22,,,t1`n"

            $fromYaml = Import-DkpFipsClusterSpec $path | New-DkpFipsCluster -PlanOnly -ErrorAction Stop
            $fromCsv = Import-Csv $csv | New-DkpFipsCluster -PlanOnly -ErrorAction Stop

            @($fromCsv).Count | Should -Be 2
            Get-PlanText $fromYaml | Should -Be (Get-PlanText $fromCsv)
        }

        It 'keeps a version such as 1.30 as written' {
            $path = New-SpecFile "clusters:`n- name: a`n  kubernetesVersion: 1.30`n  etcdVersion: 3.5.10+fips.0`n"

            (Import-DkpFipsClusterSpec $path).KubernetesVersion | Should -Be '1.30'
        }
    }

    Context 'paths' {
        It 'expands wildcards and takes paths from the pipeline, by value and by PSPath' {
            $dir = Join-Path $TestDrive 'many'
            $null = New-Item -ItemType Directory $dir
            Set-Content -LiteralPath (Join-Path $dir 'one.yaml') -Value "clusters:`n- name: one`n"
            Set-Content -LiteralPath (Join-Path $dir 'two.yaml') -Value "clusters:`n- name: two`n"

            (Import-DkpFipsClusterSpec (Join-Path $dir '*.yaml')).ClusterName | Sort-Object | Should -Be 'one', 'two'
            ((Join-Path $dir 'one.yaml') | Import-DkpFipsClusterSpec).ClusterName | Should -Be 'one'
            (Get-ChildItem $dir -Filter *.yaml | Import-DkpFipsClusterSpec).ClusterName | Sort-Object | Should -Be 'one', 'two'
        }

        It 'takes -LiteralPath as written (brackets are part of the name)' {
            $path = New-SpecFile "clusters:`n- name: literal`n" -Name 'batch[1].yaml'

            (Import-DkpFipsClusterSpec -LiteralPath $path).ClusterName | Should -Be 'literal'
        }

        It 'reports a missing file and a pattern that matches nothing, and goes on with the others' {
            $good = New-SpecFile "clusters:`n- name: good`n"

            $out = Import-DkpFipsClusterSpec -Path (Join-Path $TestDrive 'nope.yaml'), (Join-Path $TestDrive 'none-*.yaml'), $good -ErrorVariable errs -ErrorAction SilentlyContinue

            $out.ClusterName | Should -Be 'good'
            $errs.Count | Should -Be 2
            $errs.FullyQualifiedErrorId | Should -Be (@('ClusterSpecFileNotFound,DkpFips.Cmdlets.ImportDkpFipsClusterSpecCommand') * 2)
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'

            Import-DkpFipsClusterSpec -LiteralPath (Join-Path $TestDrive 'missing.yaml') -ErrorVariable literal -ErrorAction SilentlyContinue
            $literal[0].FullyQualifiedErrorId | Should -BeLike 'ClusterSpecFileNotFound,*'
        }
    }

    Context 'errors name the file, line and column' {
        It 'reports YAML that does not parse, emits nothing of that file, and reads the next file' {
            $bad = New-SpecFile "clusters:`n  - name: a`n    provider: [aws`n"
            $good = New-SpecFile "clusters:`n- name: good`n"

            $out = Import-DkpFipsClusterSpec $bad, $good -ErrorVariable errs -ErrorAction SilentlyContinue

            $out.ClusterName | Should -Be 'good'
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'ClusterSpecFileInvalid,DkpFips.Cmdlets.ImportDkpFipsClusterSpecCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $errs[0].Exception.Message | Should -Match ([regex]::Escape($bad) + '\(\d+,\d+\): the file is not valid YAML')
            $errs[0].TargetObject | Should -Be $bad
        }

        It 'refuses an unknown key at its line and column, naming the known keys' {
            $path = New-SpecFile "clusters:`n  - name: a`n    kubernetesVersoin: '1.23'`n    amiId: $Ami`n"

            $out = Import-DkpFipsClusterSpec $path -ErrorVariable errs -ErrorAction SilentlyContinue

            $out | Should -BeNullOrEmpty
            $errs[0].Exception.Message | Should -BeLike "$path(3,5): unknown key 'kubernetesVersoin'; known keys: clusterName, provider, kubernetesVersion*"
        }

        It 'refuses credentials in a spec file without echoing them' {
            $canary = 'Canary-Secret-7f3a'
            $path = New-SpecFile "clusters:`n- name: a`n  awsCredential: $canary`n"

            Import-DkpFipsClusterSpec $path -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs[0].Exception.Message | Should -BeLike "*(3,3): 'awsCredential' cannot be in a cluster spec file: credentials never go in a spec file*"
            ($errs | Out-String) | Should -Not -Match $canary
        }

        It 'refuses a cluster name listed twice, pointing at the second' {
            $path = New-SpecFile "clusters:`n- name: a`n- name: b`n- name: a`n"

            Import-DkpFipsClusterSpec $path -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs[0].Exception.Message | Should -Be "$path(4,9): the cluster name 'a' is listed twice (first at line 2); every cluster needs its own name."
        }

        It 'refuses an empty file' {
            $path = New-SpecFile ''

            Import-DkpFipsClusterSpec $path -ErrorVariable errs -ErrorAction SilentlyContinue

            $errs[0].Exception.Message | Should -BeLike "$path(1,1): the file is empty*"
        }
    }

    Context 'the spec fields are New-DkpFipsCluster parameters' {
        It 'has a property for each field, each binding a New-DkpFipsCluster parameter by property name' {
            $byName = (Get-Command New-DkpFipsCluster).Parameters.Values | Where-Object { $_.ParameterSets.Values.ValueFromPipelineByPropertyName -contains $true }
            $bindable = @($byName.Name) + @($byName.Aliases)
            $fields = [DkpFips.ClusterSpec].GetProperties().Name | Where-Object { $_ -notin 'MachineImage', 'SourcePath', 'SourceLine' }

            foreach ($field in $fields) { $field | Should -BeIn $bindable }
            # ... and every by-property-name parameter but the credentials (and Kubeconfig, the
            # renamed field kept only to refuse an old CSV column) is a field.
            $expected = $byName.Name | Where-Object { $_ -notin 'AwsCredential', 'RegistryMirrorCredential', 'Kubeconfig' } | Sort-Object
            $fields | Sort-Object | Should -Be $expected
        }
    }
}
