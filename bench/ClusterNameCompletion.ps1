<#
.SYNOPSIS
    Tab completion of -ClusterName from the batch journal, against completions that read no file.

.DESCRIPTION
    Writes journals of 50, 1,000 and 10,000 records (the lines New-DkpFipsCluster writes; 50 is
    one large batch, 10,000 years of them) and times, in this process, TabExpansion2 on
    'Test-DkpFipsCluster -ClusterName fips-1' with DKPFIPS_JOURNAL_PATH on each. Baselines measured
    in the same run, interleaved round by round: -Provider (a fixed list) and -KubernetesVersion
    (the catalog). Reports medians and ratios to the -Provider baseline.
    Run it with: dotnet pwsh ./build.ps1 -Task Bench -BenchFilter ClusterNameCompletion
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Rounds = 41
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $mid = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

$dir = Join-Path ([IO.Path]::GetTempPath()) "dkpfips-bench-$PID"
$null = New-Item -ItemType Directory -Force $dir
try {
    $journals = [ordered]@{}
    foreach ($count in 50, 1000, 10000) {
        $path = Join-Path $dir "journal-$count.jsonl"
        $lines = for ($i = 0; $i -lt $count; $i++) {
            $status = if ($i % 7) { 'Succeeded' } else { 'Failed' }
            '{{"time":"2026-11-30T11:16:51.0000000+00:00","name":"fips-{0}","status":"{1}","exitCode":{2},"durationSeconds":1273.512,"logPath":"/tmp/DkpFips/logs/fips-{0}-20261130-111651.log","detail":"dkp create cluster aws --cluster-name=fips-{0} --kubernetes-version=v1.23.7+fips.0 --etcd-version=3.4.13+fips.0 --kubernetes-image-repository=docker.io/mesosphere --etcd-image-repository=docker.io/mesosphere --ami=ami-03dcaa75d45aca36f"}}' -f ($i % 2000), $status, [int]($status -eq 'Failed')
        }
        [IO.File]::WriteAllLines($path, [string[]]$lines)
        $journals["-ClusterName, $count records"] = $path
    }

    $cases = [ordered]@{ '-Provider (baseline)' = 'New-DkpFipsCluster -Provider v'; '-KubernetesVersion (catalog)' = 'Get-FipsBuild -KubernetesVersion 1.2' }
    foreach ($key in $journals.Keys) { $cases[$key] = 'Test-DkpFipsCluster -ClusterName fips-1' }

    function Invoke-Case([string] $Name) {
        $env:DKPFIPS_JOURNAL_PATH = $journals[$Name]
        $line = $cases[$Name]
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches)
    }

    # Warm-up and a correctness check.
    foreach ($name in $cases.Keys) { $null = Invoke-Case $name }
    $offered = (Invoke-Case '-ClusterName, 1000 records').Count
    if ($offered -ne 111) { throw "Expected 111 names starting with fips-1 in the 1,000-record journal, got $offered." }

    $samples = @{}
    for ($round = 1; $round -le $Rounds; $round++) {
        foreach ($name in $cases.Keys) {
            if (-not $samples[$name]) { $samples[$name] = [Collections.Generic.List[double]]::new() }
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $null = Invoke-Case $name
            $watch.Stop()
            $samples[$name].Add($watch.Elapsed.TotalMilliseconds)
        }
    }

    "TabExpansion2, median of $Rounds rounds in one warm process"
    $baseline = Get-Median $samples['-Provider (baseline)']
    $rows = foreach ($name in $cases.Keys) {
        $median = Get-Median $samples[$name]
        [pscustomobject]@{ Completion = $name; MedianMs = [math]::Round($median, 2); VsProvider = '{0:N2}x' -f ($median / $baseline) }
    }
    $rows | Format-Table -AutoSize | Out-String -Width 120
}
finally {
    Remove-Item env:DKPFIPS_JOURNAL_PATH -ErrorAction SilentlyContinue
    Remove-Item $dir -Recurse -Force
}
