BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'RegistryHelpers.ps1')
    Import-Module $ModuleManifest -Force

    # Real loopback docker-registry instances: one with a complete FIPS build no catalog row has
    # (v1.99.1, its only etcd 3.6.9), one with two such builds and two etcd builds, and the
    # scenario registry (DKP 2.2's build without kube-scheduler, DKP 2.3 and 2.4 complete).
    $script:single = Start-TestRegistry -SeedAll 'v1.99.1_fips.0=v3.6.9_fips.0'
    $script:double = Start-TestRegistry -SeedAll 'v1.99.1_fips.0=v3.6.9_fips.0,v1.98.2_fips.0=v3.6.8_fips.0'
    $script:scenario = Start-TestRegistry
    $script:singleNs = "$($single.open)/mesosphere"
    $script:doubleNs = "$($double.open)/mesosphere"
    $script:scenarioNs = "$($scenario.open)/mesosphere"
    $script:today = [DateTime]::UtcNow.ToString('yyyy-MM-dd')

    function Get-FolderFiles { @(Get-ChildItem -LiteralPath $TestDrive -File -Recurse | ForEach-Object Name) }
}

AfterAll {
    Stop-TestRegistry $single
    Stop-TestRegistry $double
    Stop-TestRegistry $scenario
}

Describe 'Export-FipsCatalog' {
    BeforeEach {
        Get-ChildItem -LiteralPath $TestDrive | Remove-Item -Recurse -Force
        $script:file = Join-Path $TestDrive 'found.yaml'
    }

    It 'writes an uncatalogued found build as a row that Get-FipsBuild reads and Test-FipsBuild proves' {
        $rows = Find-FipsBuild $singleNs | Where-Object { -not $_.InCatalog } |
            Export-FipsCatalog $file -DkpVersion 2.99 -Support @{ aws = 'RHEL 8.10'; vsphere = 'RHEL 8.10', 'Oracle Linux RHCK 7.9' } -PassThru

        $rows | Should -HaveCount 1
        $rows[0] | Should -BeOfType ([DkpFips.FipsBuild])
        $rows[0].Product | Should -Be 'NKP'
        $rows[0].KubernetesVersion | Should -Be 'v1.99.1+fips.0'
        $rows[0].EtcdVersion | Should -Be '3.6.9+fips.0'
        $rows[0].KubernetesImageRepository | Should -Be $singleNs
        $rows[0].EtcdImageRepository | Should -Be $singleNs
        $rows[0].SupportByProvider | Should -Be @('aws: RHEL 8.10', 'vsphere: RHEL 8.10, Oracle Linux RHCK 7.9')
        $rows[0].Unconfirmed | Should -Be @('etcdVersion')
        $rows[0].Basis | Should -Be 'Custom'
        $rows[0].Source | Should -Be "found at $singleNs by Find-FipsBuild on $today (UTC)"
        Get-FolderFiles | Should -Be @('found.yaml') -Because 'the file is written aside and moved into place, no temporary file stays'

        $build = Get-FipsBuild -CatalogPath $file -KubernetesVersion v1.99.1+fips.0
        $build.DkpVersion | Should -Be '2.99'
        $build.EtcdImageTag | Should -Be 'v3.6.9_fips.0'

        $proof = $build | Test-FipsBuild -Registry $singleNs
        $proof.IsComplete | Should -BeTrue
        # The same row against a registry that lacks the build fails: the check is real.
        ($build | Test-FipsBuild -Registry $scenarioNs -WarningAction SilentlyContinue).IsComplete | Should -BeFalse
    }

    It 'makes Find-FipsBuild see the build in the catalog once the file is in DKPFIPS_CATALOG_PATH' {
        Find-FipsBuild $singleNs | Export-FipsCatalog $file -DkpVersion 2.99 -Provider aws -OperatingSystem 'RHEL 8.10'
        $saved = $env:DKPFIPS_CATALOG_PATH
        try {
            $env:DKPFIPS_CATALOG_PATH = $file
            $found = Find-FipsBuild $singleNs
            $found.InCatalog | Should -BeTrue
            $found.CatalogRelease | Should -Be @('NKP 2.99')
            $found.CatalogEtcdPresent | Should -BeTrue
        }
        finally {
            if ($null -eq $saved) { Remove-Item env:DKPFIPS_CATALOG_PATH } else { $env:DKPFIPS_CATALOG_PATH = $saved }
        }
    }

    It 'marks what nobody stated as unconfirmed, and what the user stated as confirmed' {
        $none = Find-FipsBuild $singleNs | Export-FipsCatalog $file -DkpVersion v2.99 -Product DKP -PassThru
        $none.DkpVersion | Should -Be '2.99'
        $none.Product | Should -Be 'DKP'
        $none.Unconfirmed | Should -Be @('etcdVersion', 'operatingSystems', 'providers')
        $none.SupportedProviders | Should -Be @('aws', 'vsphere', 'preprovisioned')
        $none.SupportedOperatingSystems | Should -BeNullOrEmpty

        $all = Find-FipsBuild $singleNs | Export-FipsCatalog $file -DkpVersion 2.99 -Provider pre-provisioned -OperatingSystem 'RHEL 8.10' -EtcdVersion v3.6.9+fips.0 -Notes "From the release notes: 'FIPS' table # 3`nsecond line" -PassThru
        $all.Unconfirmed | Should -BeNullOrEmpty

        $all.SupportByProvider | Should -Be @('preprovisioned: RHEL 8.10')
        $all.Notes | Should -Be "From the release notes: 'FIPS' table # 3`nsecond line"
        (Get-FipsBuild -CatalogPath $file -DkpVersion 2.99).Notes | Should -Be $all.Notes
        $empty = Find-FipsBuild $singleNs | Export-FipsCatalog $file -DkpVersion 2.99 -Support @{ aws = 'RHEL 8.10'; vsphere = @() } -PassThru
        $empty.Unconfirmed | Should -Be @('etcdVersion', 'operatingSystems') -Because 'a provider given without any operating system states none'
        $empty.SupportByProvider | Should -Be @('aws: RHEL 8.10', 'vsphere: (no operating system listed)')
    }

    It 'asks for -EtcdVersion, naming the candidates, when the registry has several etcd builds' {
        $thrown = $null
        try { Find-FipsBuild $doubleNs | Export-FipsCatalog $file -DkpVersion 2.99 -ErrorVariable err -ErrorAction SilentlyContinue } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -Be 'NoCatalogRows,DkpFips.Cmdlets.ExportFipsCatalogCommand'
        $err.Where({ $_.FullyQualifiedErrorId -like 'EtcdVersionRequired,*' }) | Should -HaveCount 2
        $err[0].Exception.Message | Should -Match '2 FIPS etcd builds \(3\.6\.8\+fips\.0, 3\.6\.9\+fips\.0\)'
        $err[0].Exception.Message | Should -Match 'Kubernetes v1\.98\.2\+fips\.0'
        $file | Should -Not -Exist

        $rows = Find-FipsBuild $doubleNs | Export-FipsCatalog $file -DkpVersion 2.99 -EtcdVersion 3.6.8+fips.0 -PassThru
        $rows.KubernetesVersion | Should -Be @('v1.98.2+fips.0', 'v1.99.1+fips.0')
        $rows.EtcdVersion | Should -Be @('3.6.8+fips.0', '3.6.8+fips.0')
    }

    It 'refuses an -EtcdVersion the registry does not have, naming the ones it has' {
        $thrown = $null
        try { Find-FipsBuild $singleNs | Export-FipsCatalog $file -DkpVersion 2.99 -EtcdVersion 3.6.7+fips.0 -ErrorVariable err -ErrorAction SilentlyContinue } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'NoCatalogRows,*'
        $err[0].FullyQualifiedErrorId | Should -BeLike 'EtcdVersionNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.Message | Should -Match 'has no etcd 3\.6\.7\+fips\.0.*its FIPS etcd builds: 3\.6\.9\+fips\.0'
        $file | Should -Not -Exist
    }

    It 'refuses an incomplete build by name and writes the complete ones' {
        $rows = Find-FipsBuild $scenarioNs | Export-FipsCatalog $file -DkpVersion 2.99 -Provider aws -ErrorVariable err -ErrorAction SilentlyContinue -PassThru
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RegistryImageNotFound,*'
        $err[0].Exception.Message | Should -Match 'Kubernetes v1\.22\.8\+fips\.0 at .* is incomplete: .* lacks kube-scheduler'
        $rows.KubernetesVersion | Should -Be @('v1.23.7+fips.0', 'v1.24.6+fips.0')
        (Get-FipsBuild -CatalogPath $file -DkpVersion 2.99).KubernetesVersion | Should -Be @('v1.23.7+fips.0', 'v1.24.6+fips.0')
    }

    It 'skips a row the catalog already has with a warning, and writes nothing when nothing is new' {
        $found = Find-FipsBuild $scenarioNs -Complete
        $rows = $found | Export-FipsCatalog $file -DkpVersion 2.3 -WarningVariable warned -WarningAction SilentlyContinue -PassThru
        @($warned).Count | Should -Be 1
        $warned[0].Message | Should -Match 'Skipped NKP 2\.3: Kubernetes v1\.23\.7\+fips\.0.*the catalog already has DKP 2\.3 with Kubernetes v1\.23\.7\+fips\.0 \(built-in\)'
        $rows.KubernetesVersion | Should -Be 'v1.24.6+fips.0' -Because 'DKP 2.4 has that build; a 2.3 row of it is new'

        Remove-Item -LiteralPath $file
        $thrown = $null
        try { $found | Where-Object KubernetesVersion -EQ 'v1.23.7+fips.0' | Export-FipsCatalog $file -DkpVersion 2.3 -WarningAction SilentlyContinue } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'NoCatalogRows,*'
        $file | Should -Not -Exist
    }

    It 'refuses a bad value with InvalidCatalogRow and the reason, writing nothing' -ForEach @(
        @{ Arguments = @{ DkpVersion = 'two' }; Reason = "-DkpVersion 'two' is not a release number" }
        @{ Arguments = @{ DkpVersion = '2.99'; Support = @{ azure = 'RHEL 8.10' } }; Reason = "provider 'azure' cannot carry a FIPS build" }
        @{ Arguments = @{ DkpVersion = '2.99'; Provider = 'aws'; OperatingSystem = 'Windows Server 2022' }; Reason = "'Windows Server 2022' in support.aws is not a FIPS operating system" }
        @{ Arguments = @{ DkpVersion = '2.99'; Support = @{} }; Reason = '-Support lists no provider' }
        @{ Arguments = @{ DkpVersion = '2.99'; EtcdVersion = '3.6.9' }; Reason = "-EtcdVersion '3.6.9' is not a full FIPS etcd build" }
    ) {
        $found = Find-FipsBuild $singleNs
        $thrown = { $found | Export-FipsCatalog $file @Arguments } | Should -Throw -ErrorId 'InvalidCatalogRow,*' -PassThru
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.Exception.Message | Should -Match ([regex]::Escape($Reason))
        Get-FolderFiles | Should -BeNullOrEmpty
    }

    It 'keeps an existing file with -NoClobber, replaces it without, and writes nothing with -WhatIf' {
        Set-Content -LiteralPath $file -Value 'keep me'
        { Find-FipsBuild $singleNs | Export-FipsCatalog $file -DkpVersion 2.99 -NoClobber } | Should -Throw -ErrorId 'CatalogFileExists,*'
        Get-Content -LiteralPath $file | Should -Be 'keep me'

        Find-FipsBuild $singleNs | Export-FipsCatalog $file -DkpVersion 2.99 -WhatIf
        Get-Content -LiteralPath $file | Should -Be 'keep me'

        Find-FipsBuild $singleNs | Export-FipsCatalog $file -DkpVersion 2.99
        (Get-FipsBuild -CatalogPath $file -DkpVersion 2.99).KubernetesVersion | Should -Be 'v1.99.1+fips.0'
        Get-FolderFiles | Should -Be @('found.yaml')
    }

    It 'adds to an existing file with -Append, skipping a row it already has' {
        Find-FipsBuild $singleNs | Export-FipsCatalog $file -DkpVersion 2.99
        Find-FipsBuild $singleNs | Export-FipsCatalog $file -DkpVersion 2.99.1 -Append -NoClobber
        (Get-FipsBuild -CatalogPath $file -KubernetesVersion v1.99.1+fips.0).DkpVersion | Should -Be @('2.99', '2.99.1')

        $thrown = $null
        try { Find-FipsBuild $singleNs | Export-FipsCatalog $file -DkpVersion 2.99 -Append -WarningVariable warned -WarningAction SilentlyContinue } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'NoCatalogRows,*'
        $warned[0].Message | Should -Match 'already has NKP 2\.99'
        (Get-FipsBuild -CatalogPath $file -KubernetesVersion v1.99.1+fips.0).DkpVersion | Should -Be @('2.99', '2.99.1')
    }

    It 'refuses to append to a file the catalog reader refuses' {
        Set-Content -LiteralPath $file -Value "schemaVersion: 2`nbuilds:`n- dkpVersion: nope`n"
        { Find-FipsBuild $singleNs | Export-FipsCatalog $file -DkpVersion 2.99 -Append } | Should -Throw -ErrorId 'CatalogFileInvalid,*'
        Get-Content -LiteralPath $file -Raw | Should -Match 'dkpVersion: nope'
    }

    It 'refuses a missing folder and a directory as -Path' {
        { Find-FipsBuild $singleNs | Export-FipsCatalog (Join-Path $TestDrive 'no/such/dir/c.yaml') -DkpVersion 2.99 } | Should -Throw -ErrorId 'CatalogWriteFailed,*'
        { Find-FipsBuild $singleNs | Export-FipsCatalog $TestDrive -DkpVersion 2.99 } | Should -Throw -ErrorId 'CatalogWriteFailed,*'
    }

    It 'takes found builds only: a catalog row does not bind' {
        { Get-FipsBuild -KubernetesVersion 1.23 | Export-FipsCatalog $file -DkpVersion 2.99 -ErrorAction Stop } | Should -Throw -ErrorId 'InputObjectNotBound,*'
    }
}
