<#
.SYNOPSIS
    A 200-cluster batch from a YAML spec file to an Azure Pipelines matrix, against the same
    batch from a CSV file (Import-Csv) measured in the same run.

.DESCRIPTION
    Both paths end in ConvertTo-DkpFipsPipelineMatrix (which plans and validates all 200
    clusters); they differ only in how the specs are read:
        yaml: Import-DkpFipsClusterSpec clusters.yaml | ConvertTo-DkpFipsPipelineMatrix
        csv:  Import-Csv clusters.csv | ConvertTo-DkpFipsPipelineMatrix
    Each round is a fresh pwsh: the first conversion is "cold" (includes loading YamlDotNet
    and JIT), then the median of 5 "warm" conversions. Medians over -Rounds processes, and the
    ratio yaml / csv. Run it with:
        dotnet pwsh ./build.ps1 -Task Bench -BenchFilter ConvertToPipelineMatrix
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Rounds = 3,
    [int] $Count = 200
)

$ErrorActionPreference = 'Stop'
$ModulePath = (Resolve-Path $ModulePath).Path
$exe = [Environment]::ProcessPath
[string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }
$work = Join-Path ([IO.Path]::GetTempPath()) ("dkpfips-bench-" + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory $work

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $mid = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

try {
    $ami = 'ami-03dcaa75d45aca36f'
    $yaml = [Text.StringBuilder]::new("defaults:`n  provider: aws`n  kubernetesVersion: 1.23`n  region: us-west-2`nclusters:`n")
    $csv = [Text.StringBuilder]::new("ClusterName,Provider,KubernetesVersion,Region,AmiId`n")
    foreach ($i in 1..$Count) {
        $null = $yaml.Append("  - name: bench-$i`n    amiId: $ami`n")
        $null = $csv.Append("bench-$i,aws,1.23,us-west-2,$ami`n")
    }
    Set-Content -LiteralPath (Join-Path $work 'clusters.yaml') -Value $yaml.ToString() -NoNewline
    Set-Content -LiteralPath (Join-Path $work 'clusters.csv') -Value $csv.ToString() -NoNewline

    $measure = {
        param($Reader)
        @"
Set-Location -LiteralPath '$work'
Import-Module '$ModulePath'
`$run = { $Reader | ConvertTo-DkpFipsPipelineMatrix -ErrorAction Stop }
`$w = [Diagnostics.Stopwatch]::StartNew(); `$m = & `$run; `$w.Stop()
if (`$m.LegCount -ne $Count) { throw "expected $Count legs, got `$(`$m.LegCount)" }
`$cold = `$w.Elapsed.TotalMilliseconds
`$warm = foreach (`$i in 1..5) { `$w.Restart(); `$null = & `$run; `$w.Stop(); `$w.Elapsed.TotalMilliseconds }
`$warm = @(`$warm | Sort-Object)[2]
@{ cold = `$cold; warm = `$warm } | ConvertTo-Json -Compress
"@
    }

    $results = @{ yaml = @{ cold = @(); warm = @() }; csv = @{ cold = @(); warm = @() } }
    $readers = [ordered]@{ yaml = 'Import-DkpFipsClusterSpec ./clusters.yaml'; csv = 'Import-Csv ./clusters.csv' }
    for ($r = 0; $r -lt $Rounds; $r++) {
        foreach ($name in $readers.Keys) {
            $out = & $exe @prefix -NoProfile -NonInteractive -Command (& $measure $readers[$name])
            if ($LASTEXITCODE -ne 0) { throw "Benchmark command failed ($LASTEXITCODE): $out" }
            $m = @($out)[-1] | ConvertFrom-Json
            $results[$name].cold += $m.cold
            $results[$name].warm += $m.warm
        }
    }

    $csvCold = Get-Median $results.csv.cold
    $csvWarm = Get-Median $results.csv.warm
    "Spec file vs CSV to a $Count-leg matrix ($Rounds fresh processes, medians; ms)"
    @(
        foreach ($name in $readers.Keys) {
            $cold = Get-Median $results[$name].cold
            $warm = Get-Median $results[$name].warm
            [pscustomobject]@{
                Input = $name; Pipeline = "$($readers[$name]) | ConvertTo-DkpFipsPipelineMatrix"
                ColdMs = [math]::Round($cold, 1); WarmMs = [math]::Round($warm, 1)
                'Cold x csv' = [math]::Round($cold / $csvCold, 2); 'Warm x csv' = [math]::Round($warm / $csvWarm, 2)
            }
        }
    ) | Format-Table -AutoSize | Out-String -Width 160 | Write-Output
}
finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
