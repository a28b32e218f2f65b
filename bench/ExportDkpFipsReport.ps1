<#
.SYNOPSIS
    Export-DkpFipsReport on a large evidence set, in each format, as ratios of PowerShell's own
    ConvertTo-Json of the same objects, measured in the same run.

.DESCRIPTION
    Checks the "large" fixture of tests/KubeApiDouble (500 nodes, 3,000 kube-system pods) once
    with Test-DkpFipsCluster, then reports 20 copies of that result (20 clusters of 500 nodes:
    tens of thousands of checks) per round:
      baseline   ConvertTo-Json -Depth 5 | Set-Content: PowerShell's own serialization of the
                 same objects (Export-Clixml would store the 20 copies once, by reference)
      junit      Export-DkpFipsReport -Format JUnit
      markdown   Export-DkpFipsReport -Format Markdown
      html       Export-DkpFipsReport -Format Html
    Reports medians (ms), ratios to the baseline and file sizes. The first export in the process
    (JIT) is reported apart as "cold".
    Run it with: dotnet pwsh ./build.ps1 -Task Bench -BenchFilter ExportDkpFipsReport
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Rounds = 7,
    [int] $Copies = 20
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
. (Join-Path $PSScriptRoot 'shared/KubeApiDouble.ps1')
$double = Start-BenchKubeApiDouble -Root $root -Scenario large
$work = Join-Path ([IO.Path]::GetTempPath()) "dkpfips-bench-report-$PID"
$null = New-Item -ItemType Directory -Force $work
try {
    $kubeconfig = $double.Kubeconfig
    Import-Module $ModulePath
    $one = Test-DkpFipsCluster -Kubeconfig $kubeconfig
    $results = @(1..$Copies | ForEach-Object { $one })
    $checks = $one.Checks.Count * $Copies
    Write-Host ("Evidence: {0} targets, {1:N0} checks" -f $Copies, $checks)

    $cases = [ordered]@{
        baseline = { $results | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue | Set-Content (Join-Path $work 'r.json') }
        junit    = { $results | Export-DkpFipsReport (Join-Path $work 'r.xml') }
        markdown = { $results | Export-DkpFipsReport (Join-Path $work 'r.md') }
        html     = { $results | Export-DkpFipsReport (Join-Path $work 'r.html') }
    }
    $cold = [Diagnostics.Stopwatch]::StartNew(); & $cases.html; $cold.Stop()
    $times = @{}; foreach ($k in $cases.Keys) { $times[$k] = [Collections.Generic.List[double]]::new() }
    for ($r = 0; $r -lt $Rounds; $r++) {
        foreach ($k in $cases.Keys) {
            $sw = [Diagnostics.Stopwatch]::StartNew(); & $cases[$k]; $sw.Stop()
            $times[$k].Add($sw.Elapsed.TotalMilliseconds)
        }
    }
    $median = { param($v) $s = @($v | Sort-Object); $s[[int][math]::Floor($s.Count / 2)] }
    $base = & $median $times.baseline
    $files = @{ baseline = 'r.json'; junit = 'r.xml'; markdown = 'r.md'; html = 'r.html' }
    foreach ($k in $cases.Keys) {
        $m = & $median $times[$k]
        $size = (Get-Item (Join-Path $work $files[$k])).Length
        Write-Host ("{0,-9} median {1,8:N1} ms  min {2,8:N1}  max {3,8:N1}  ratio {4,5:N2}x  file {5,10:N0} bytes" -f $k, $m, ($times[$k] | Measure-Object -Minimum).Minimum, ($times[$k] | Measure-Object -Maximum).Maximum, ($m / $base), $size)
    }
    Write-Host ("cold html (first export in the process) {0:N1} ms; per check (html median) {1:N2} us" -f $cold.Elapsed.TotalMilliseconds, ((& $median $times.html) * 1000 / $checks))
}
finally {
    $null = Stop-BenchKubeApiDouble $double
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
