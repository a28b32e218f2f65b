<#
.SYNOPSIS
    What New-FipsAmi adds to a konvoy-image run, as a ratio of starting the KIB double directly.

.DESCRIPTION
    In one process, interleaved round by round so that machine noise hits every scenario alike:
      direct     & FakeKib build aws images/ami/rhel-84.yaml ... (the process alone, its output discarded)
      cmdlet     New-FipsAmi with -KibPath FakeKib: plan, run with log file and verbose
                 streaming, read and check manifest.json                (target <= 1.25x direct)
      plan       New-FipsAmi -PlanOnly (catalog lookup, OS check, plan)  (target < 5 ms)
    The manifest grows by one build per run, as it does for a real KIB working folder.
    Run it with: dotnet pwsh ./build.ps1 -Task Bench -BenchFilter NewFipsAmi
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Rounds = 15
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$root = Split-Path $PSScriptRoot -Parent
$kib = Join-Path $root "out/bin/FakeKib/Release/net10.0/FakeKib$(if ($IsWindows) { '.exe' })"
if (-not (Test-Path $kib)) { throw "Build first: $kib is missing." }
$work = Join-Path ([IO.Path]::GetTempPath()) ("dkpfips-bench-kib-" + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory $work
$arguments = 'build', 'aws', 'images/ami/rhel-84.yaml', '--overrides=overrides/fips.yaml', '--kubernetes-version=1.23.7', '--region=us-west-2'

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $mid = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

$scenarios = [ordered]@{
    direct = { Push-Location $work; try { $null = & $kib @arguments; if ($LASTEXITCODE) { throw 'FakeKib failed' } } finally { Pop-Location } }
    cmdlet = { $null = New-FipsAmi images/ami/rhel-84.yaml -KubernetesVersion 1.23 -Region us-west-2 -KibPath $kib -WorkingDirectory $work -LogDirectory $work -ErrorAction Stop }
    plan   = { $null = New-FipsAmi images/ami/rhel-84.yaml -KubernetesVersion 1.23 -Region us-west-2 -KibPath $kib -WorkingDirectory $work -PlanOnly -ErrorAction Stop }
}

try {
    foreach ($s in $scenarios.Values) { & $s }   # warm-up
    $samples = @{}
    foreach ($name in $scenarios.Keys) { $samples[$name] = [Collections.Generic.List[double]]::new() }
    for ($round = 1; $round -le $Rounds; $round++) {
        foreach ($name in $scenarios.Keys) {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            & $scenarios[$name]
            $samples[$name].Add($watch.Elapsed.TotalMilliseconds)
        }
    }

    $direct = Get-Median $samples['direct']
    foreach ($name in $scenarios.Keys) {
        $median = Get-Median $samples[$name]
        [pscustomobject]@{ Scenario = $name; MedianMs = [math]::Round($median, 1); RatioToDirect = [math]::Round($median / $direct, 2) }
    }
}
finally { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }
