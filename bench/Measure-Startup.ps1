<#
.SYNOPSIS
    Start-up cost of DkpFips, as ratios of a bare pwsh start measured in the same run, next to
    the floor that any binary module with a format file pays.

.DESCRIPTION
    Each scenario runs in fresh processes, interleaved round by round so that machine noise
    hits every scenario alike. Reports, per scenario, the median wall time with its spread
    (min..max) and the median CPU time of the process (user+sys, Linux only: it is far less
    sensitive than wall time to other work on a shared machine), each as a ratio to the bare start:
      bare              pwsh -NoProfile -Command 1   (its output is formatted by Out-Default)
      import            + Import-Module DkpFips                                (target <= 1.10x)
      import+first      + the first Get-FipsBuild, formatted by Out-Default    (target <= 1.30x)
                        the way the first command of a session is shown, and the way the
                        baseline shows its "1"
    Info rows (no target), measured in the same rounds:
      floor: manifest   a manifest-only module, nothing exported: PowerShell's own module
                        machinery (manifest parsing, module-load telemetry, session state)
      floor: binary+fmt a one-cmdlet binary module with a one-view FormatsToProcess file (built
                        from the same kind of netstandard2.0 cmdlet assembly): the least a binary
                        module with format views can cost
      import+first | Out-String    the previous form of the import+first scenario; Out-String
                        autoloads Microsoft.PowerShell.Utility (a module of its own, ~400 more
                        methods to JIT), so it is set against `1 | Out-String`, measured alike
      bare | Out-String
      bare, telemetry off / import, telemetry off
                        the same with POWERSHELL_TELEMETRY_OPTOUT=1: PowerShell reports every
                        Import-Module to its telemetry (an ApplicationInsights metric, ~90 methods
                        to JIT on the first import of a process), whatever the module
    And inside one process, the Import-Module time alone (target < 25 ms), after PSReadLine is
    imported as it is in every interactive session, for DkpFips and for the two floors.
    Run it with: dotnet pwsh ./build.ps1 -Task Bench -BenchFilter Measure-Startup
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Rounds = 11
)

$ErrorActionPreference = 'Stop'
$exe = [Environment]::ProcessPath
[string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }

# The floors: built in a temporary folder for this run only.
$floorRoot = Join-Path ([IO.Path]::GetTempPath()) "dkpfips-bench-floor-$PID"
$null = New-Item -ItemType Directory -Force -Path (Join-Path $floorRoot 'manifest'), (Join-Path $floorRoot 'binary')
Set-Content -Path (Join-Path $floorRoot 'manifest/FloorManifest.psd1') -Value "@{ ModuleVersion = '1.0.0'; GUID = '0b6f3a4e-9f1d-4c55-8a43-3e7f2f0c1a01'; FunctionsToExport = @(); CmdletsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }"
Set-Content -Path (Join-Path $floorRoot 'binary/FloorBinary.psd1') -Value "@{ RootModule = 'FloorBinary.dll'; ModuleVersion = '1.0.0'; GUID = '0b6f3a4e-9f1d-4c55-8a43-3e7f2f0c1a02'; FormatsToProcess = @('FloorBinary.format.ps1xml'); FunctionsToExport = @(); CmdletsToExport = @('Get-FloorItem'); AliasesToExport = @(); VariablesToExport = @() }"
Set-Content -Path (Join-Path $floorRoot 'binary/FloorBinary.format.ps1xml') -Value @'
<?xml version="1.0" encoding="utf-8"?>
<Configuration><ViewDefinitions><View><Name>FloorItem</Name><ViewSelectedBy><TypeName>FloorBinary.FloorItem</TypeName></ViewSelectedBy>
<TableControl><TableHeaders><TableColumnHeader><Label>Name</Label><Width>12</Width></TableColumnHeader><TableColumnHeader /></TableHeaders>
<TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem><PropertyName>Name</PropertyName></TableColumnItem><TableColumnItem><PropertyName>Value</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries>
</TableControl></View></ViewDefinitions></Configuration>
'@
# The floor cmdlet assembly is compiled here, in this process, against the running SMA (its
# compile cost is not measured). A netstandard2.0 build would load the same way.
Add-Type -OutputAssembly (Join-Path $floorRoot 'binary/FloorBinary.dll') -TypeDefinition @'
using System.Management.Automation;
namespace FloorBinary
{
    public sealed class FloorItem { public string Name { get; set; } = "floor"; public string Value { get; set; } = "item"; }
    [Cmdlet(VerbsCommon.Get, "FloorItem"), OutputType(typeof(FloorItem))]
    public sealed class GetFloorItemCommand : PSCmdlet { protected override void ProcessRecord() { WriteObject(new FloorItem()); } }
}
'@
$floorManifest = Join-Path $floorRoot 'manifest/FloorManifest.psd1'
# DkpFips itself without its FormatsToProcess line: what the format file alone costs (issue 7
# requires FormatsToProcess in the manifest; this row shows its price against issue 2's targets).
Copy-Item -Recurse (Split-Path $ModulePath) (Join-Path $floorRoot 'noformats')
$noFormats = Join-Path $floorRoot "noformats/$(Split-Path $ModulePath -Leaf)"
(Get-Content $noFormats) -notmatch '^\s*FormatsToProcess\s*=' | Set-Content $noFormats
$floorBinary = Join-Path $floorRoot 'binary/FloorBinary.psd1'

$scenarios = [ordered]@{
    'bare'                        = '1'
    'import'                      = "Import-Module '$ModulePath'"
    'import+first'                = "Import-Module '$ModulePath'; Get-FipsBuild"
    'import, no format file'      = "Import-Module '$noFormats'"
    'floor: manifest'             = "Import-Module '$floorManifest'"
    'floor: binary+fmt'           = "Import-Module '$floorBinary'"
    'floor: binary+fmt, first'    = "Import-Module '$floorBinary'; Get-FloorItem"
    'bare | Out-String'           = '$null = 1 | Out-String'
    'import+first | Out-String'   = "Import-Module '$ModulePath'; `$null = Get-FipsBuild | Out-String"
    'bare, telemetry off'         = '1'
    'import, telemetry off'       = "Import-Module '$ModulePath'"
}
$baselineOf = @{ 'import+first | Out-String' = 'bare | Out-String'; 'import, telemetry off' = 'bare, telemetry off' }
$targets = @{ 'import' = 1.10; 'import+first' = 1.30 }

# CPU time of the children this process has waited for (Linux: /proc/self/stat cutime+cstime, in clock ticks).
$canCpu = Test-Path '/proc/self/stat'
function Get-ChildCpuMs {
    if (-not $canCpu) { return 0 }
    $stat = Get-Content '/proc/self/stat' -Raw
    $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
    # Fields after the command name start at field 3 (state): cutime and cstime are fields 16 and 17.
    ([long]$fields[13] + [long]$fields[14]) * 10.0
}

function Measure-Process([string] $Command, [switch] $TelemetryOff) {
    $saved = $env:POWERSHELL_TELEMETRY_OPTOUT
    if ($TelemetryOff) { $env:POWERSHELL_TELEMETRY_OPTOUT = '1' }
    $cpu = Get-ChildCpuMs
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $output = & $exe @prefix -NoProfile -NonInteractive -Command $Command
    $watch.Stop()
    $env:POWERSHELL_TELEMETRY_OPTOUT = $saved
    if ($LASTEXITCODE -ne 0) { throw "Benchmark command failed: $Command" }
    [pscustomobject]@{ Wall = $watch.Elapsed.TotalMilliseconds; Cpu = (Get-ChildCpuMs) - $cpu; Output = $output }
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $mid = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

try {
    # One warm-up round so that the OS file cache is equally warm for all scenarios; it also
    # checks that import+first really printed the catalog through the DkpFips table view.
    foreach ($name in $scenarios.Keys) {
        $warm = Measure-Process $scenarios[$name] -TelemetryOff:($name -like '*telemetry off')
        $text = $warm.Output -join "`n"
        if ($name -eq 'import+first' -and ($text -notmatch 'KubernetesVersion' -or $text -notmatch 'Basis')) {
            throw "import+first did not print the Get-FipsBuild table: $($warm.Output | Select-Object -First 3)"
        }
    }

    $samples = @{}
    foreach ($name in $scenarios.Keys) { $samples[$name] = [Collections.Generic.List[object]]::new() }
    $inProcessNames = [ordered]@{ 'DkpFips' = $ModulePath; 'DkpFips, no format file' = $noFormats; 'floor: manifest' = $floorManifest; 'floor: binary+fmt' = $floorBinary }
    $inProcess = @{}
    foreach ($name in $inProcessNames.Keys) { $inProcess[$name] = [Collections.Generic.List[double]]::new() }
    $inProcessCold = [Collections.Generic.List[double]]::new()

    for ($round = 1; $round -le $Rounds; $round++) {
        foreach ($name in $scenarios.Keys) { $samples[$name].Add((Measure-Process $scenarios[$name] -TelemetryOff:($name -like '*telemetry off'))) }
        # A plain stopwatch around the one command: a script block around it would add its own
        # first-compile cost (~20 ms) to the figure.
        foreach ($name in $inProcessNames.Keys) {
            $command = "Import-Module PSReadLine; `$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$($inProcessNames[$name])'; `$w.Elapsed.TotalMilliseconds"
            $inProcess[$name].Add([double](& $exe @prefix -NoProfile -NonInteractive -Command $command))
        }
        $inProcessCold.Add([double](& $exe @prefix -NoProfile -NonInteractive -Command "`$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$ModulePath'; `$w.Elapsed.TotalMilliseconds"))
    }

    $rows = foreach ($name in $scenarios.Keys) {
        $base = if ($baselineOf[$name]) { $baselineOf[$name] } else { 'bare' }
        $wall = Get-Median $samples[$name].Wall
        $ratio = $wall / (Get-Median $samples[$base].Wall)
        $cpu = Get-Median $samples[$name].Cpu
        $cpuRatio = if ($canCpu) { $cpu / (Get-Median $samples[$base].Cpu) } else { $null }
        $target = $targets[$name]
        [pscustomobject]@{
            Scenario   = $name
            WallMs     = [math]::Round($wall, 0)
            'Min..Max' = '{0:0}..{1:0}' -f ($samples[$name].Wall | Measure-Object -Minimum -Maximum).Minimum, ($samples[$name].Wall | Measure-Object -Maximum).Maximum
            Ratio      = [math]::Round($ratio, 3)
            CpuMs      = if ($canCpu) { [math]::Round($cpu, 0) } else { $null }
            CpuRatio   = if ($canCpu) { [math]::Round($cpuRatio, 3) } else { $null }
            Target     = if ($target) { "<= $($target)x" } elseif ($name -eq $base) { 'baseline' } else { "info (vs $base)" }
            Verdict    = if (-not $target) { '' } elseif ($ratio -le $target) { 'met' } elseif ($canCpu -and $cpuRatio -le $target) { 'MISSED (wall); met (cpu)' } else { 'MISSED' }
        }
    }
    $inRows = foreach ($name in $inProcessNames.Keys) {
        $median = Get-Median $inProcess[$name]
        [pscustomobject]@{
            Scenario   = "Import-Module in-process after PSReadLine: $name"
            MedianMs   = [math]::Round($median, 1)
            'Min..Max' = '{0:0.0}..{1:0.0}' -f ($inProcess[$name] | Measure-Object -Minimum).Minimum, ($inProcess[$name] | Measure-Object -Maximum).Maximum
            Target     = if ($name -eq 'DkpFips') { '< 25 ms' } else { 'info (floor)' }
            Verdict    = if ($name -ne 'DkpFips') { '' } elseif ($median -lt 25) { 'met' } else { 'MISSED' }
        }
    }
    $inRows += [pscustomobject]@{
        Scenario   = 'Import-Module in-process, first module of the process: DkpFips'
        MedianMs   = [math]::Round((Get-Median $inProcessCold), 1)
        'Min..Max' = '{0:0.0}..{1:0.0}' -f ($inProcessCold | Measure-Object -Minimum).Minimum, ($inProcessCold | Measure-Object -Maximum).Maximum
        Target     = 'info'
        Verdict    = ''
    }

    "Rounds: $Rounds fresh processes per scenario, interleaved; medians; machine: $([Environment]::ProcessorCount) cores$(if (Test-Path /proc/loadavg) { ', load average ' + (Get-Content /proc/loadavg).Split(' ')[0] }), $([Runtime.InteropServices.RuntimeInformation]::FrameworkDescription), PowerShell $($PSVersionTable.PSVersion), telemetry $(if ($env:POWERSHELL_TELEMETRY_OPTOUT) { 'opted out' } else { 'on (module-load telemetry is part of every import)' })"
    $rows | Format-Table -AutoSize | Out-String -Width 160
    $inRows | Format-Table -AutoSize | Out-String -Width 160
}
finally {
    Remove-Item -Recurse -Force -Path $floorRoot -ErrorAction SilentlyContinue
}
