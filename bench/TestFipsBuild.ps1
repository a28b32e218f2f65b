<#
.SYNOPSIS
    Test-FipsBuild over every catalog build against a local registry: concurrent vs sequential.

.DESCRIPTION
    Starts a real CNCF distribution registry (Debian's docker-registry, through the
    tests/DkpFips.TestRegistry double) on 127.0.0.1 holding a complete mirror of every
    built-in FIPS build, plus a proxy in front of it that adds -LatencyMs to every request (the
    round trip of a registry across a network). Times, in this process, Test-FipsBuild on all
    builds with -ThrottleLimit 1 (sequential, the baseline), 4, 8 (the default) and 16, against
    both, interleaved round by round. Reports medians, the speed-up over sequential, and the
    HTTP request count (one per distinct image: builds share their etcd images).
    Run it with: dotnet pwsh ./build.ps1 -Task Bench -BenchFilter TestFipsBuild
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Rounds = 7,
    [int] $LatencyMs = 20
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
. (Join-Path $root 'tests/Pester/RegistryHelpers.ps1')
Import-Module $ModulePath -Force

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $mid = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

$builds = Get-FipsBuild
$seed = ($builds | ForEach-Object { "$($_.KubernetesImageTag)=$($_.EtcdImageTag)" }) -join ','
$registry = Start-TestRegistry -SeedAll $seed -LatencyMs $LatencyMs -Root $root
try {
    $targets = [ordered]@{ 'loopback' = "$($registry.open)/mesosphere"; "+$LatencyMs ms" = "$($registry.slow)/mesosphere" }
    $limits = 1, 4, 8, 16

    # Warm-up and a correctness check: the mirror is complete, so every build must pass.
    $check = $builds | Test-FipsBuild -Registry $targets['loopback'] -Verbose 4>&1
    $results = @($check | Where-Object { $_ -is [DkpFips.FipsBuildRegistryTest] })
    if (@($results | Where-Object { -not $_.IsComplete }).Count) { throw 'The local mirror is incomplete; the benchmark would measure failures.' }
    $requests = ($check | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -match '^(\d+) HTTP request' } | Select-Object -First 1).Message -replace ' HTTP.*'
    $images = ($results | ForEach-Object { $_.Images.Count } | Measure-Object -Sum).Sum
    $null = $builds | Test-FipsBuild -Registry $targets["+$LatencyMs ms"]

    $samples = @{}
    for ($round = 1; $round -le $Rounds; $round++) {
        foreach ($target in $targets.Keys) {
            foreach ($limit in $limits) {
                $key = "$target|$limit"
                if (-not $samples[$key]) { $samples[$key] = [Collections.Generic.List[double]]::new() }
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $null = $builds | Test-FipsBuild -Registry $targets[$target] -ThrottleLimit $limit
                $watch.Stop()
                $samples[$key].Add($watch.Elapsed.TotalMilliseconds)
            }
        }
    }

    "Test-FipsBuild, $($builds.Count) builds, $images images, $requests HTTP requests per run, median of $Rounds rounds, local docker-registry"
    $rows = foreach ($target in $targets.Keys) {
        $baseline = Get-Median $samples["$target|1"]
        foreach ($limit in $limits) {
            $median = Get-Median $samples["$target|$limit"]
            [pscustomobject]@{
                Registry      = $target
                ThrottleLimit = $limit
                MedianMs      = [math]::Round($median, 1)
                VsSequential  = '{0:N2}x' -f ($median / $baseline)
                Speedup       = '{0:N2}x' -f ($baseline / $median)
            }
        }
    }
    $rows | Format-Table -AutoSize | Out-String -Width 120
}
finally {
    Stop-TestRegistry $registry
}
