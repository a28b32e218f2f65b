BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:newRelease = @'
schemaVersion: 1
builds:
- product: NKP
  dkpVersion: '2.17'
  kubernetesVersion: v1.34.1+fips.0
  etcdVersion: 3.6.4+fips.0
  kubernetesImageRepository: mirror.example.internal/mesosphere
  etcdImageRepository: mirror.example.internal/mesosphere
  operatingSystems: [RHEL 9.4]
'@
}

Describe 'Get-FipsBuild' {
    Context 'the built-in catalog' {
        It 'emits typed builds, oldest Kubernetes first, covering every domain release' {
            $builds = Get-FipsBuild
            $builds | Should -HaveCount 15
            $builds | ForEach-Object { $_ | Should -BeOfType ([DkpFips.FipsBuild]) }
            $builds.DkpVersion | Should -Be @('2.0', '2.1', '2.2', '2.3', '2.3.2', '2.4', '2.5', '2.6', '2.7', '2.8', '2.12', '2.13', '2.14', '2.15', '2.16')
            ($builds | Where-Object Basis -EQ 'Documented').DkpVersion | Should -Be @('2.1', '2.2', '2.3')
        }

        It 'serves the rows of the catalog YAML it ships, read back with YamlDotNet' {
            $shipped = Join-Path (Split-Path $ModuleManifest) 'catalog/BuiltInCatalog.yaml'
            $builtIn = Get-FipsBuild
            $reread = Get-FipsBuild -CatalogPath $shipped
            $reread | Should -HaveCount $builtIn.Count
            $props = 'Product', 'DkpVersion', 'KubernetesVersion', 'EtcdVersion', 'KubernetesImageTag', 'EtcdImageTag', 'Basis', 'Source', 'Notes'
            for ($i = 0; $i -lt $builtIn.Count; $i++) {
                foreach ($p in $props) { $reread[$i].$p | Should -Be $builtIn[$i].$p }
                $reread[$i].Origin | Should -Be $shipped
            }
        }

        It 'gives every FIPS flag value and image tag of a build' {
            $b = Get-FipsBuild -DkpVersion 2.3.1
            $b.KubernetesVersion | Should -BeExactly 'v1.23.7+fips.0'
            $b.EtcdVersion | Should -BeExactly '3.4.13+fips.0'
            $b.KubernetesImageRepository | Should -BeExactly 'docker.io/mesosphere'
            $b.EtcdImageRepository | Should -BeExactly 'docker.io/mesosphere'
            $b.KubernetesImageTag | Should -BeExactly 'v1.23.7_fips.0'
            $b.EtcdImageTag | Should -BeExactly 'v3.4.13_fips.0'
            $b.SupportedProviders | Should -Be @('aws', 'vsphere', 'preprovisioned')
            $b.SupportedOperatingSystems | Should -Contain 'RHEL 8.4'
            $b.SupportByProvider | Should -Be @('aws: CentOS 7.9, RHEL 7.9, RHEL 8.2, RHEL 8.4, Oracle Linux RHCK 7.9', 'vsphere: RHEL 7.9, RHEL 8.4', 'preprovisioned: CentOS 7.9')
            $b.Unconfirmed | Should -BeNullOrEmpty
            $b.Origin | Should -Be 'built-in'
            "$b" | Should -Be 'DKP 2.3 FIPS build: Kubernetes v1.23.7+fips.0, etcd 3.4.13+fips.0'
        }
    }

    Context 'filters' {
        It 'accepts every written form of a version: <Text>' -ForEach @(
            @{ Text = 'v1.22.8+fips.0' }, @{ Text = '1.22.8+fips.0' }, @{ Text = 'v1.22.8_fips.0' }, @{ Text = '1.22.8-fips.0' }, @{ Text = 'v1.22.8' }, @{ Text = '1.22' }
        ) {
            (Get-FipsBuild -KubernetesVersion $Text).DkpVersion | Should -Be '2.2'
        }

        It 'keeps an unquoted version such as 1.30 as typed' {
            (Get-FipsBuild 1.30).DkpVersion | Should -Be '2.13'
        }

        It 'refuses a number that may have lost a trailing zero instead of guessing' {
            { 1.30 | Get-FipsBuild -ErrorAction Stop } | Should -Throw -ExpectedMessage '*drops trailing zeros*'
        }

        It 'selects every build of a version line and -Latest the newest of them' {
            $extra = New-CatalogFile @"
schemaVersion: 1
builds:
- dkpVersion: '2.3'
  kubernetesVersion: 1.23.17+fips.0
  etcdVersion: 3.4.13+fips.0
"@
            (Get-FipsBuild 1.23 -CatalogPath $extra).KubernetesVersion | Should -Be @('v1.23.7+fips.0', 'v1.23.12+fips.0', 'v1.23.17+fips.0')
            (Get-FipsBuild 1.23 -CatalogPath $extra -Latest).KubernetesVersion | Should -Be 'v1.23.17+fips.0'
            (Get-FipsBuild -Latest).DkpVersion | Should -Be '2.16'
        }

        It 'matches DKP releases with wildcards and by patch release' {
            (Get-FipsBuild -DkpVersion '2.1*').DkpVersion | Should -Be @('2.1', '2.12', '2.13', '2.14', '2.15', '2.16')
            (Get-FipsBuild -DkpVersion 'v2.3.1').DkpVersion | Should -Be '2.3'
            (Get-FipsBuild -DkpVersion 2.2, 2.3).DkpVersion | Should -Be @('2.2', '2.3', '2.3.2')
        }

        It 'selects a patch release row for that patch and later ones, and the minor row before it: <Text>' -ForEach @(
            @{ Text = '2.3.0'; Release = '2.3'; Kubernetes = 'v1.23.7+fips.0' }
            @{ Text = '2.3.1'; Release = '2.3'; Kubernetes = 'v1.23.7+fips.0' }
            @{ Text = '2.3.2'; Release = '2.3.2'; Kubernetes = 'v1.23.12+fips.0' }
            @{ Text = 'v2.3.3'; Release = '2.3.2'; Kubernetes = 'v1.23.12+fips.0' }
        ) {
            $b = Get-FipsBuild -DkpVersion $Text
            $b.DkpVersion | Should -Be $Release
            $b.KubernetesVersion | Should -Be $Kubernetes
        }

        It 'lists every row of a minor line, and -Latest takes its newest patch' {
            $line = Get-FipsBuild -DkpVersion 2.3
            $line.DkpVersion | Should -Be @('2.3', '2.3.2')
            $line.Basis | Should -Be @('Documented', 'Inferred')
            (Get-FipsBuild -DkpVersion 2.3 -Latest).DkpVersion | Should -Be '2.3.2'
        }

        It 'uses the newest user patch row at or below the release asked for' {
            $patches = New-CatalogFile @"
schemaVersion: 2
builds:
- dkpVersion: '2.3.5'
  kubernetesVersion: 1.23.17+fips.0
  etcdVersion: 3.4.13+fips.0
  support: { aws: [RHEL 8.4] }
"@
            (Get-FipsBuild -CatalogPath $patches -DkpVersion 2.3.4).DkpVersion | Should -Be '2.3.2'
            (Get-FipsBuild -CatalogPath $patches -DkpVersion 2.3.9).DkpVersion | Should -Be '2.3.5'
        }

        It 'filters by what a row left unconfirmed' {
            (Get-FipsBuild | Where-Object Unconfirmed -Contains 'etcdVersion').DkpVersion | Should -Be '2.0'
            (Get-FipsBuild | Where-Object Unconfirmed -Contains 'providers').Product | Sort-Object -Unique | Should -Be @('DKP', 'NKP')
        }

        It 'binds by property name from CSV rows and plain objects' {
            $csv = @('KubernetesVersion,DkpVersion', '1.22,2.2', 'v1.24.6+fips.0,2.4') | ConvertFrom-Csv
            ($csv | Get-FipsBuild).DkpVersion | Should -Be @('2.2', '2.4')
            ([pscustomobject]@{ KubernetesVersion = '1.25' } | Get-FipsBuild).DkpVersion | Should -Be '2.5'
        }
    }

    Context 'bad input' {
        It 'writes a non-terminating FipsBuildNotFound error naming the nearest builds and goes on' {
            $out = Get-FipsBuild -KubernetesVersion '1.20', '1.22' -ErrorVariable errs -ErrorAction SilentlyContinue
            $out.DkpVersion | Should -Be '2.2'
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'FipsBuildNotFound,DkpFips.Cmdlets.GetFipsBuildCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].Exception.Message | Should -BeLike '*1.20*Nearest supported: v1.21.3+fips.0, v1.21.6+fips.0, v1.22.8+fips.0*'
        }

        It 'reports an unknown DKP release with the releases that exist' {
            Get-FipsBuild -DkpVersion 9.9 -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'FipsBuildNotFound,*'
            $errs[0].Exception.Message | Should -BeLike '*DKP 9.9*2.1, 2.2*'
        }

        It 'explains the patch-release rule when a patch release selects nothing' {
            Get-FipsBuild -DkpVersion 2.9.1 -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'FipsBuildNotFound,*'
            $errs[0].Exception.Message | Should -BeLike '*DKP 2.9.1 (a patch release selects the newest release of its line at or below it)*2.3, 2.3.2, 2.4*'
        }

        It 'rejects a malformed version with InvalidKubernetesVersion and the accepted forms' {
            $out = Get-FipsBuild -KubernetesVersion 'latest', '1.21.6' -ErrorVariable errs -ErrorAction SilentlyContinue
            $out.DkpVersion | Should -Be '2.1'
            $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidKubernetesVersion,DkpFips.Cmdlets.GetFipsBuildCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].Exception.Message | Should -BeLike "'latest' is not a Kubernetes version. Accepted forms: *1.23.7-fips.0*"
            $errs[0].TargetObject | Should -Be 'latest'
        }

        It 'refuses a version the catalog lacks in the same words, target and ErrorId as every build lookup' {
            $missing = [System.Collections.ArrayList]::new()
            Get-FipsBuild 1.20 -ErrorVariable +missing -ErrorAction SilentlyContinue
            Save-FipsBuild 1.20 -Path (Join-Path $TestDrive 'none.tar') -ErrorVariable +missing -ErrorAction SilentlyContinue
            Test-FipsBuild 1.20 -Registry https://127.0.0.1:1 -ErrorVariable +missing -ErrorAction SilentlyContinue
            $missing.Count | Should -Be 3
            $missing.FullyQualifiedErrorId -replace ',.*' | Sort-Object -Unique | Should -Be 'FipsBuildNotFound'
            $missing.Exception.Message | Sort-Object -Unique | Should -Be 'No FIPS build in the catalog matches Kubernetes 1.20. Nearest supported: v1.21.3+fips.0, v1.21.6+fips.0, v1.22.8+fips.0.'
            $missing[1..2].TargetObject | Should -Be '1.20', '1.20'
            Test-Path (Join-Path $TestDrive 'none.tar') | Should -BeFalse
        }

        It 'refuses an empty version at binding' {
            { Get-FipsBuild -KubernetesVersion '' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,DkpFips.Cmdlets.GetFipsBuildCommand'
        }
    }

    Context 'user catalog files' {
        It 'adds rows from -CatalogPath, marked Custom with their origin' {
            $path = New-CatalogFile $newRelease
            $b = Get-FipsBuild -CatalogPath $path -DkpVersion 2.17
            $b.KubernetesVersion | Should -Be 'v1.34.1+fips.0'
            $b.KubernetesImageTag | Should -Be 'v1.34.1_fips.0'
            $b.KubernetesImageRepository | Should -Be 'mirror.example.internal/mesosphere'
            $b.Basis | Should -Be 'Custom'
            $b.Origin | Should -Be $path
            $b.SupportedProviders | Should -Be @('aws', 'vsphere', 'preprovisioned')
        }

        It 'adds rows from every file in DKPFIPS_CATALOG_PATH' {
            $a = New-CatalogFile $newRelease
            $b = New-CatalogFile "schemaVersion: 1`nbuilds:`n- dkpVersion: '2.3'`n  kubernetesVersion: 1.23.7+fips.0`n  etcdVersion: 3.4.13+fips.1`n"
            $env:DKPFIPS_CATALOG_PATH = $a + [IO.Path]::PathSeparator + $b
            try {
                (Get-FipsBuild -DkpVersion 2.17).KubernetesVersion | Should -Be 'v1.34.1+fips.0'
                $overridden = Get-FipsBuild -DkpVersion 2.3.1
                $overridden.EtcdVersion | Should -Be '3.4.13+fips.1'
                $overridden.Basis | Should -Be 'Custom'
            }
            finally { Remove-Item Env:DKPFIPS_CATALOG_PATH }
            (Get-FipsBuild -DkpVersion 2.3.1).EtcdVersion | Should -Be '3.4.13+fips.0'
        }

        It 'reports a malformed file with file, line and column and keeps the built-in catalog' {
            $bad = New-CatalogFile "schemaVersion: 1`nbuilds:`n- dkpVersion: '2.9'`n  kubernetesVersion: 1.29.1`n  etcdVersion: 3.5.10+fips.0`n"
            $builds = Get-FipsBuild -CatalogPath $bad -ErrorVariable errs -ErrorAction SilentlyContinue
            $builds | Should -HaveCount 15
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'CatalogFileInvalid,DkpFips.Cmdlets.GetFipsBuildCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $errs[0].Exception.Message | Should -BeLike "$bad(4,22): kubernetesVersion '1.29.1' is not a FIPS build*"
            $errs[0].TargetObject | Should -Be $bad
        }

        It 'reports a missing file as CatalogFileNotFound, resolving relative paths like other cmdlets' {
            Push-Location $TestDrive
            try {
                $null = Get-FipsBuild -CatalogPath './nope.yaml' -ErrorVariable errs -ErrorAction SilentlyContinue
            }
            finally { Pop-Location }
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'CatalogFileNotFound,*'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be (Join-Path $TestDrive 'nope.yaml')
        }
    }

    Context 'presentation' {
        It 'shows a default table that fits 120 columns' {
            $text = Get-FipsBuild | Out-String -Width 120
            $lines = $text -split "`r?`n" | Where-Object { $_ }
            $lines[0] | Should -Match 'Product\s+Release\s+KubernetesVersion\s+EtcdVersion\s+Basis\s+KubernetesRepository\s+EtcdRepository'
            $lines | Where-Object { $_ -match '^DKP\s+2.3\s+v1.23.7\+fips.0\s+3.4.13\+fips.0\s+Documented\s+docker.io/mesosphere\s+docker.io/mesosphere$' } | Should -HaveCount 1
            $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
        }

        It 'shows sources and notes in the list view' {
            $text = Get-FipsBuild -DkpVersion 2.8 | Format-List | Out-String -Width 120
            $text | Should -Match 'Basis\s+: Inferred'
            $text | Should -Match 'Source\s+: mesosphere/konvoy-image-builder CHANGELOG 2.9.0'
            $text | Should -Match 'SupportedProviders\s+: \{aws, vsphere, preprovisioned\}'
            $text | Should -Match 'Unconfirmed\s+: operatingSystems, providers'
        }

        It 'shows the support of each provider on its own line in the list view' {
            $text = Get-FipsBuild -DkpVersion 2.2 | Format-List | Out-String -Width 200
            $text | Should -Match 'SupportByProvider\s+: aws: CentOS 7.9, RHEL 7.9, RHEL 8.2, RHEL 8.4, Oracle Linux RHCK 7.9\r?\n\s+vsphere: RHEL 7.9, RHEL 8.4\r?\n\s+preprovisioned: CentOS 7.9'
        }
    }

    Context 'tab completion' {
        It 'completes Kubernetes versions from the catalog, newest first' {
            $line = 'Get-FipsBuild -KubernetesVersion 1.2'
            $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $result.CompletionMatches.CompletionText | Should -Be @('v1.29.6+fips.0', 'v1.28.7+fips.0', 'v1.27.6+fips.0', 'v1.26.6+fips.0', 'v1.25.4+fips.0', 'v1.24.6+fips.0', 'v1.23.12+fips.0', 'v1.23.7+fips.0', 'v1.22.8+fips.0', 'v1.21.6+fips.0', 'v1.21.3+fips.0')
            $result.CompletionMatches[0].ToolTip | Should -BeLike 'NKP 2.12 (Inferred)*'
        }

        It 'completes DKP releases, including those of a -CatalogPath given on the same line' {
            $path = New-CatalogFile $newRelease
            $line = "Get-FipsBuild -CatalogPath '$path' -DkpVersion 2.1"
            $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $result.CompletionMatches.CompletionText | Should -Be @('2.17', '2.16', '2.15', '2.14', '2.13', '2.12', '2.1')
        }

        It 'completes patch releases above their minor, with the support per provider in the tooltip' {
            $line = 'Get-FipsBuild -DkpVersion 2.3'
            $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $result.CompletionMatches.CompletionText | Should -Be @('2.3.2', '2.3')
            $result.CompletionMatches[1].ToolTip | Should -BeLike '*vsphere: RHEL 7.9, RHEL 8.4*'
        }
    }
}

Describe 'Get-FipsBuild on an Azure Pipelines agent' {
    It 'also writes its errors as escaped ##vso logging commands when TF_BUILD is True, and only then' {
        $script = "Import-Module '$ModuleManifest'; Get-FipsBuild -KubernetesVersion '1.20', 'a;b]' -ErrorAction SilentlyContinue"
        $agent = Invoke-FreshPwsh $script -Environment @{ TF_BUILD = 'True' }
        $issues = @($agent.Output | Where-Object { $_ -like '##vso*' })
        $issues | Should -HaveCount 2
        $issues[0] | Should -BeLike '##vso`[task.logissue type=error;code=FipsBuildNotFound;`]No FIPS build*1.20*'
        $issues[1] | Should -BeLike "##vso``[task.logissue type=error;code=InvalidKubernetesVersion;``]'a%3Bb%5D' is not*"

        $local = Invoke-FreshPwsh $script -Environment @{ TF_BUILD = $null }
        $local.Output | Where-Object { $_ -like '*##vso*' } | Should -BeNullOrEmpty
    }
}
