BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'RegistryHelpers.ps1')
    Import-Module $ModuleManifest -Force

    # A canary password: it must never appear in any output, error or verbose message.
    $script:canary = 'CANARY-find-5d1c0e'
    $script:registry = Start-TestRegistry -User 'fipsuser' -Password $canary
    $script:open = "$($registry.open)/mesosphere"
    $script:auth = "$($registry.auth)/mesosphere"
    $script:goodCredential = [pscredential]::new('fipsuser', (ConvertTo-SecureString $canary -AsPlainText -Force))
    $script:wrongCredential = [pscredential]::new('fipsuser', (ConvertTo-SecureString 'CANARY-wrong-f1nd' -AsPlainText -Force))
}

AfterAll {
    Stop-TestRegistry $registry
}

Describe 'Find-FipsBuild' {
    It 'lists the FIPS builds the registry has, oldest first, with completeness and catalog' {
        $found = Find-FipsBuild -Registry $open
        $found | ForEach-Object { $_ | Should -BeOfType ([DkpFips.FoundFipsBuildInfo]) }
        $found.KubernetesVersion | Should -Be @('v1.22.8+fips.0', 'v1.23.7+fips.0', 'v1.24.6+fips.0')
        $found.KubernetesImageTag | Should -Be @('v1.22.8_fips.0', 'v1.23.7_fips.0', 'v1.24.6_fips.0')
        $found.IsComplete | Should -Be @($false, $true, $true)
        $found[0].MissingComponents | Should -Be @('kube-scheduler')
        $found | ForEach-Object { $_.InCatalog | Should -BeTrue; $_.Registry | Should -Be $open; $_.EtcdVersions | Should -Be @('3.4.13+fips.0') }
        $found[1].CatalogRelease | Should -Be @('DKP 2.3')
        $found[1].CatalogEtcdVersion | Should -Be @('3.4.13+fips.0')
        $found[1].CatalogEtcdPresent | Should -BeTrue
        $found[2].CatalogEtcdPresent | Should -BeTrue
    }

    It 'with -Complete emits only the builds all four components carry' {
        (Find-FipsBuild $open -Complete).KubernetesVersion | Should -Be @('v1.23.7+fips.0', 'v1.24.6+fips.0')
    }

    It 'pipes into Test-FipsBuild by KubernetesVersion' {
        $tests = Find-FipsBuild $open -Complete | Test-FipsBuild -Registry $open
        $tests.KubernetesVersion | Should -Be @('v1.23.7+fips.0', 'v1.24.6+fips.0')
        $tests[0].IsComplete | Should -BeTrue
    }

    It 'finds nothing in a namespace without the images' {
        Find-FipsBuild "$($registry.open)/nothing-here" | Should -BeNullOrEmpty
    }

    It 'lists a registry behind htpasswd with -Credential and shows a table' {
        $found = Find-FipsBuild $auth -Credential $goodCredential -Verbose 4>&1
        $objects = $found | Where-Object { $_ -is [DkpFips.FoundFipsBuildInfo] }
        $objects.KubernetesVersion | Should -Be @('v1.23.7+fips.0')
        ($found | Out-String) | Should -Not -Match $canary
        $table = ($objects | Out-String -Width 120) -split "`n" | Where-Object { $_.Trim() }
        $table[0] | Should -Match '^KubernetesVersion\s+IsComplete\s+InCatalog\s+CatalogRelease\s+MissingComponents\s+Registry'
    }

    It 'refuses a wrong credential with RegistryUnauthorized, naming no secret' {
        $found = Find-FipsBuild $auth -Credential $wrongCredential -ErrorVariable err -ErrorAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RegistryUnauthorized,*'
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err[0].Exception.Message | Should -Match 'refused the given credential'
        ($err | Out-String) | Should -Not -Match 'CANARY-wrong'
    }

    It 'asks for a credential when none is given' {
        Find-FipsBuild $auth -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RegistryUnauthorized,*'
        $err[0].Exception.Message | Should -Match 'pass -Credential'
    }

    It 'refuses a malformed registry and plain HTTP to a remote host' {
        Find-FipsBuild 'bad host/x' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRegistry,*'
        Find-FipsBuild 'http://registry.example.internal/mesosphere' -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'InsecureRegistry,*'
    }

    It 'reports an unreachable registry as RegistryRequestFailed' {
        Find-FipsBuild '127.0.0.1:1/mesosphere' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RegistryRequestFailed,*'
        $err[0].Exception.Message | Should -Match 'Cannot reach 127.0.0.1:1'
    }
}
