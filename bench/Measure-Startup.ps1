<#
.SYNOPSIS
    Start-up cost of DkpFips, as ratios of a bare pwsh start measured in the same run.

.DESCRIPTION
    Each scenario runs in fresh processes, interleaved round by round so that machine noise
    hits every scenario alike. Reports medians and the ratio to the bare start:
      bare            pwsh -NoProfile -Command 1
      import          + Import-Module DkpFips                       (target <= 1.10x)
      import+first    + the first Get-FipsBuild, formatted           (target <= 1.30x)
    and, inside one process, the Import-Module time alone (target < 25 ms), measured after
    PSReadLine is imported, as it is in every interactive session: the first Import-Module of a
    process also pays ~100 ms of PowerShell's own module machinery, whatever the module (shown
    as a second figure, for honesty).
    Run it with: dotnet pwsh ./build.ps1 -Task Bench
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Rounds = 9
)

$ErrorActionPreference = 'Stop'
$exe = [Environment]::ProcessPath
[string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }

$scenarios = [ordered]@{
    'bare'         = '1'
    'import'       = "Import-Module '$ModulePath'"
    'import+first' = "Import-Module '$ModulePath'; `$null = Get-FipsBuild | Out-String"
}

function Measure-Process([string] $Command) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $null = & $exe @prefix -NoProfile -NonInteractive -Command $Command
    $watch.Stop()
    if ($LASTEXITCODE -ne 0) { throw "Benchmark command failed: $Command" }
    $watch.Elapsed.TotalMilliseconds
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $mid = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

# One warm-up round so that the OS file cache is equally warm for all scenarios.
foreach ($command in $scenarios.Values) { $null = Measure-Process $command }

$samples = @{}
foreach ($name in $scenarios.Keys) { $samples[$name] = [Collections.Generic.List[double]]::new() }
$inProcess = [Collections.Generic.List[double]]::new()
$inProcessCold = [Collections.Generic.List[double]]::new()
# A plain stopwatch around the one command: a ForEach-Object script block around it would add
# its own first-compile cost (~20 ms) to the figure.
$inProcessCommand = "Import-Module PSReadLine; `$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$ModulePath'; `$w.Elapsed.TotalMilliseconds"
$inProcessColdCommand = "`$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$ModulePath'; `$w.Elapsed.TotalMilliseconds"

for ($round = 1; $round -le $Rounds; $round++) {
    foreach ($name in $scenarios.Keys) { $samples[$name].Add((Measure-Process $scenarios[$name])) }
    $inProcess.Add([double](& $exe @prefix -NoProfile -NonInteractive -Command $inProcessCommand))
    $inProcessCold.Add([double](& $exe @prefix -NoProfile -NonInteractive -Command $inProcessColdCommand))
}

$bare = Get-Median $samples['bare']
$targets = @{ 'bare' = $null; 'import' = 1.10; 'import+first' = 1.30 }
$rows = foreach ($name in $scenarios.Keys) {
    $median = Get-Median $samples[$name]
    $ratio = $median / $bare
    [pscustomobject]@{
        Scenario = $name
        MedianMs = [math]::Round($median, 1)
        Ratio    = [math]::Round($ratio, 3)
        Target   = if ($targets[$name]) { "<= $($targets[$name])x" } else { 'baseline' }
        Verdict  = if (-not $targets[$name]) { '' } elseif ($ratio -le $targets[$name]) { 'met' } else { 'MISSED' }
    }
}
$importMs = Get-Median $inProcess
$rows += [pscustomobject]@{ Scenario = 'Import-Module in-process (after PSReadLine)'; MedianMs = [math]::Round($importMs, 1); Ratio = $null; Target = '< 25 ms'; Verdict = if ($importMs -lt 25) { 'met' } else { 'MISSED' } }
$rows += [pscustomobject]@{ Scenario = 'Import-Module in-process (first module of the process)'; MedianMs = [math]::Round((Get-Median $inProcessCold), 1); Ratio = $null; Target = 'info'; Verdict = '' }

"Rounds: $Rounds fresh processes per scenario, medians; machine: $([Environment]::ProcessorCount) cores, $([Runtime.InteropServices.RuntimeInformation]::FrameworkDescription), PowerShell $($PSVersionTable.PSVersion)"
$rows | Format-Table -AutoSize | Out-String -Width 120
