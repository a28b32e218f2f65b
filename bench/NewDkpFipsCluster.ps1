<#
.SYNOPSIS
    New-DkpFipsCluster at batch scale, as ratios of an ideal or a baseline measured in the same run.

.DESCRIPTION
    1. Parallel batch: 40 clusters through the FakeDkp test double, each dkp run taking 1 s
       (FAKEDKP_LIFETIME_MS=1000: the double ends 1 s after its process started, whatever
       the runtime start-up costs on a loaded machine), with -ThrottleLimit 8. The ideal is 5 waves x 1 s = 5 s
       (target <= 1.25x). The same run also measures one cluster alone, so the ratio to
       "5 x one cluster" shows the batch overhead apart from process start-up.
    2. Planning: 10,000 clusters from a CSV with -PlanOnly, in a fresh pwsh: wall time and
       peak working set (targets < 5 s and < 300 MB), against Import-Csv alone on the same file.
    Medians of -Rounds fresh processes. Run it with:
        dotnet pwsh ./build.ps1 -Task Bench -BenchFilter NewDkpFipsCluster
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Rounds = 3
)

$ErrorActionPreference = 'Stop'
$ModulePath = (Resolve-Path $ModulePath).Path
$root = Split-Path (Split-Path (Split-Path $ModulePath))
$fake = Join-Path $root 'out/bin/FakeDkp/Release/net10.0/FakeDkp'
if ($IsWindows) { $fake += '.exe' }
if (-not (Test-Path $fake)) { throw "The FakeDkp test double is missing at $fake; build the solution first." }

$exe = [Environment]::ProcessPath
[string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }
$work = Join-Path ([IO.Path]::GetTempPath()) ("dkpfips-bench-" + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory $work

function Invoke-Fresh([string] $Command) {
    # Prints one JSON line; the last line of output is the measurement.
    $out = & $exe @prefix -NoProfile -NonInteractive -Command $Command
    if ($LASTEXITCODE -ne 0) { throw "Benchmark command failed ($LASTEXITCODE): $out" }
    @($out)[-1] | ConvertFrom-Json
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $mid = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

try {
    $env:FAKEDKP_LIFETIME_MS = '1000'
    $batch = {
        param($Count, $Throttle)
        @"
Import-Module '$ModulePath'
`$rows = 1..$Count | ForEach-Object { [pscustomobject]@{ ClusterName = "bench-`$_"; KubernetesVersion = '1.23'; AmiId = 'ami-03dcaa75d45aca36f' } }
`$w = [Diagnostics.Stopwatch]::StartNew()
`$r = `$rows | New-DkpFipsCluster -DkpPath '$fake' -ThrottleLimit $Throttle -LogDirectory '$work/logs' -Confirm:`$false
`$w.Stop()
if (@(`$r | Where-Object Status -ne 'Succeeded').Count) { throw 'a cluster failed' }
@{ seconds = `$w.Elapsed.TotalSeconds } | ConvertTo-Json -Compress
"@
    }
    $single = [Collections.Generic.List[double]]::new()
    $forty = [Collections.Generic.List[double]]::new()
    $null = Invoke-Fresh (& $batch 2 2)   # warm-up: file cache, JIT of the double
    for ($i = 0; $i -lt $Rounds; $i++) {
        $single.Add((Invoke-Fresh (& $batch 1 1)).seconds)
        $forty.Add((Invoke-Fresh (& $batch 40 8)).seconds)
    }
    Remove-Item env:FAKEDKP_LIFETIME_MS

    $one = Get-Median $single
    $all = Get-Median $forty
    $ideal = 5.0
    "Parallel batch: 40 clusters x 1 s, -ThrottleLimit 8 ($Rounds rounds, medians)"
    [pscustomobject]@{ Scenario = 'one cluster (1 s of dkp)'; Seconds = [math]::Round($one, 2); Ratio = '' } |
        Format-Table -AutoSize | Out-String -Width 120 | Write-Output
    $rows = @(
        [pscustomobject]@{ Scenario = '40 clusters, throttle 8'; Seconds = [math]::Round($all, 2); 'x ideal 5 s' = [math]::Round($all / $ideal, 3); 'x (5 x one)' = [math]::Round($all / (5 * $one), 3); Target = '<= 1.25x ideal'; Met = ($all / $ideal) -le 1.25 }
    )
    $rows | Format-Table -AutoSize | Out-String -Width 120 | Write-Output

    # Planning 10,000 clusters from CSV.
    $csv = Join-Path $work 'clusters.csv'
    $providers = 'aws', 'vsphere', 'preprovisioned'
    $lines = [Collections.Generic.List[string]]::new()
    $lines.Add('ClusterName,Provider,KubernetesVersion,AmiId,VmTemplate,OverrideSecretName,Region,ImageRepository')
    for ($i = 1; $i -le 10000; $i++) {
        switch ($providers[$i % 3]) {
            'aws' { $lines.Add("fips-$i,aws,1.23,ami-03dcaa75d45aca36f,,,us-west-2,") }
            'vsphere' { $lines.Add("fips-$i,vsphere,1.22,,konvoy-rhel-84-fips,,,mirror.example.internal/mesosphere") }
            default { $lines.Add("fips-$i,preprovisioned,v1.21.6+fips.0,,,fips-overrides,,") }
        }
    }
    [IO.File]::WriteAllLines($csv, $lines)
    $measure = {
        param($Pipeline)
        @"
Import-Module '$ModulePath'
`$w = [Diagnostics.Stopwatch]::StartNew()
`$n = ($Pipeline | Measure-Object).Count
`$w.Stop()
`$p = [Diagnostics.Process]::GetCurrentProcess(); `$p.Refresh()
@{ seconds = `$w.Elapsed.TotalSeconds; count = `$n; peakMB = `$p.PeakWorkingSet64 / 1MB } | ConvertTo-Json -Compress
"@
    }
    $csvOnly = [Collections.Generic.List[object]]::new()
    $plan = [Collections.Generic.List[object]]::new()
    for ($i = 0; $i -lt $Rounds; $i++) {
        $csvOnly.Add((Invoke-Fresh (& $measure "Import-Csv '$csv'")))
        $plan.Add((Invoke-Fresh (& $measure "Import-Csv '$csv' | New-DkpFipsCluster -PlanOnly")))
    }
    if ($plan[0].count -ne 10000) { throw "Planned $($plan[0].count) clusters, expected 10000." }
    $baseSeconds = Get-Median ($csvOnly | ForEach-Object seconds)
    $planSeconds = Get-Median ($plan | ForEach-Object seconds)
    $basePeak = Get-Median ($csvOnly | ForEach-Object peakMB)
    $planPeak = Get-Median ($plan | ForEach-Object peakMB)
    "Planning 10,000 clusters from CSV with -PlanOnly ($Rounds fresh processes, medians)"
    @(
        [pscustomobject]@{ Scenario = 'Import-Csv alone (baseline)'; Seconds = [math]::Round($baseSeconds, 2); PeakMB = [math]::Round($basePeak); 'x baseline time' = 1; Target = ''; Met = '' }
        [pscustomobject]@{ Scenario = 'Import-Csv | New-DkpFipsCluster -PlanOnly'; Seconds = [math]::Round($planSeconds, 2); PeakMB = [math]::Round($planPeak); 'x baseline time' = [math]::Round($planSeconds / $baseSeconds, 2); Target = '< 5 s, < 300 MB'; Met = ($planSeconds -lt 5 -and $planPeak -lt 300) }
    ) | Format-Table -AutoSize | Out-String -Width 120 | Write-Output
    "Ratios: batch {0:0.000}x ideal; planning {1:0.00} of 5 s and {2:0.00} of 300 MB" -f ($all / $ideal), ($planSeconds / 5), ($planPeak / 300)
}
finally {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
