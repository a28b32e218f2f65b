# Evidence for Windows PowerShell 5.1 without Windows. The netstandard2.0 engine runs on Mono (a
# .NET Framework 4.x runtime) through the path Windows PowerShell 5.1 takes: a program with no
# library beside it, whose AssemblyResolve handler (the module resolver's policy) LoadFroms the
# assembled module's dependencies/ folder. Each scenario must answer as the module does on
# PowerShell 7: the catalog, a user catalog file, a create plan, AMI verdicts over SigV4 against
# the EC2 double, and a registry check against a real registry.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'RegistryHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:ModuleDir = Split-Path $ModuleManifest

    # The harness alone in an empty folder: nothing can load from beside it.
    $built = @('Release', 'Debug') | ForEach-Object { Join-Path $RepoRoot "out/bin/MonoHarness/$_/net472/MonoHarness.exe" } |
        Where-Object { Test-Path $_ } | Select-Object -First 1
    if (-not $built) { throw 'tests/MonoHarness is not built: run build.ps1 -Task Build.' }
    # build.ps1 -Task Test installs Debian's mono-devel: a missing runtime fails, it never skips.
    if (-not (Get-Command mono -CommandType Application -ErrorAction SilentlyContinue)) { throw 'mono is not installed (Debian package mono-devel).' }
    $script:HarnessDir = Join-Path $TestDrive 'harness'
    $null = New-Item -ItemType Directory $HarnessDir
    Copy-Item $built $HarnessDir
    $script:Harness = Join-Path $HarnessDir 'MonoHarness.exe'

    function Invoke-Harness {
        param([Parameter(Mandatory)] [string] $Scenario, [string[]] $Arguments = @())
        $lines = @(& mono $Harness $ModuleDir $Scenario @Arguments 2>&1 | ForEach-Object { "$_" })
        $exit = $LASTEXITCODE
        if ($exit -ne 0) { throw "MonoHarness $Scenario exited $exit`n$($lines -join "`n")" }
        $lines
    }

    function Select-Value([string[]] $Lines, [string] $Key) {
        @($Lines | Where-Object { $_.StartsWith("${Key}: ") } | ForEach-Object { $_.Substring($Key.Length + 2) })
    }
}

Describe 'The engine on a .NET Framework runtime (Mono), loaded as Windows PowerShell 5.1 loads it' {
    It 'runs on Mono and loads DkpFips.Core from dependencies/ through the resolver' {
        $out = Invoke-Harness catalog
        Select-Value $out 'runtime' | Should -BeLike 'Mono *'
        Select-Value $out 'loaded' | Should -Contain 'DkpFips.Core from dependencies/'
        Select-Value $out 'core' | Should -Be (Join-Path $ModuleDir 'dependencies/DkpFips.Core.dll')
    }

    It 'serves the same built-in catalog as Get-FipsBuild on PowerShell 7' {
        $expected = @(Get-FipsBuild | ForEach-Object { "$($_.DkpVersion) $($_.KubernetesVersion)" })
        $expected.Count | Should -BeGreaterThan 10
        Select-Value (Invoke-Harness catalog) 'builtin' | Should -Be $expected
    }

    It 'reads a user catalog file with YamlDotNet loaded from dependencies/, and reports a broken one' {
        $good = New-CatalogFile -Yaml @'
schemaVersion: 1
builds:
- product: NKP
  dkpVersion: '2.17'
  kubernetesVersion: v1.34.1+fips.0
  etcdVersion: 3.6.4+fips.0
'@
        $out = Invoke-Harness catalog $good
        Select-Value $out 'from-dependencies' | Should -Contain 'YamlDotNet'
        Select-Value $out 'catalog-error' | Should -BeNullOrEmpty
        [int](Select-Value $out 'rows' | Select-Object -First 1) | Should -Be (@(Get-FipsBuild -CatalogPath $good).Count)

        $bad = New-CatalogFile -Yaml "schemaVersion: 1`nbuilds:`n- dkpVersion: '2.17'`n  kubernetesVersion: v1.34.1`n"
        Select-Value (Invoke-Harness catalog $bad) 'catalog-error' | Should -Not -BeNullOrEmpty
    }

    It 'plans the same dkp create command as New-DkpFipsCluster -PlanOnly' {
        $expected = (New-DkpFipsCluster -ClusterName mono-1 -KubernetesVersion 1.23 -AmiId ami-03dcaa75d45aca36f -PlanOnly).Arguments
        $actual = Select-Value (Invoke-Harness plan 'mono-1', '1.23', 'ami-03dcaa75d45aca36f') 'arg'
        $actual | Should -Be @($expected)
        $actual | Should -Contain '--kubernetes-version=v1.23.7+fips.0'
    }

    Context 'over the network' {
        BeforeAll {
            $script:Ec2 = Start-FakeEc2
        }
        AfterAll {
            Stop-FakeEc2 $Ec2
        }

        It 'signs DescribeImages with SigV4 (AWSSDK from dependencies/) and gives the verdicts Test-FipsAmi gives' {
            $ids = 'ami-0f1a2b3c4d5e60001', 'ami-0f1a2b3c4d5e60003', 'ami-0c7217cdde317cfec', 'ami-1a2b3c4d'
            # The double checks the signature of requests made with this key (Fixtures.SignedKey).
            $key = 'AKIDSIGNED0000000001'; $secret = 'CANARY-SECRET-9f3a77e1c0b2'
            $out = Invoke-Harness ami (@($Ec2.Url, $key, $secret, 'us-east-1', '1.23.7+fips.0') + $ids)
            Select-Value $out 'from-dependencies' | Should -Contain 'AWSSDK.EC2'
            Select-Value $out 'ami-failure' | Should -BeNullOrEmpty
            $verdicts = Select-Value $out 'ami' | ForEach-Object { ($_ -split ' ')[1] }
            $expected = Test-FipsAmi -ImageId $ids -Region us-east-1 -KubernetesVersion 1.23.7+fips.0 -EndpointUrl $Ec2.Url -AwsCredential (New-TestAwsCredential $key $secret) |
                ForEach-Object { if ($_.IsFipsReady) { 'ready' } else { 'unfit' } }
            $verdicts | Should -Be @($expected)
            $verdicts | Should -Be @('ready', 'unfit', 'unfit', 'ready')   # KIB FIPS, KIB non-FIPS, Ubuntu, CentOS 7.9 FIPS
        }

        It 'checks a build at a real registry as Test-FipsBuild does' {
            $registry = Start-TestRegistry
            try {
                $open = "$($registry.open)/mesosphere"
                $out = Invoke-Harness registry $open, '2.3'
                $statuses = Select-Value $out 'image' | ForEach-Object { $parts = $_ -split ' '; "$($parts[0]) $($parts[1])" }
                $expected = (Test-FipsBuild -Registry $open -KubernetesVersion 1.23.7+fips.0).Images | ForEach-Object { "$($_.Reference) $($_.Status)" }
                @($statuses | Sort-Object) | Should -Be @($expected | Sort-Object)
                $statuses.Count | Should -Be 5
            }
            finally {
                Stop-TestRegistry $registry
            }
        }
    }
}
