<#
.SYNOPSIS
    Test-DkpFipsCluster on a 500-node, 3,000-pod cluster: time after connection, requests and
    memory, as ratios of the raw list calls measured in the same run.

.DESCRIPTION
    Serves the "large" fixture of tests/KubeApiDouble (500 nodes, 3,000 kube-system pods, the
    Cluster API objects) on 127.0.0.1 and checks it with Test-DkpFipsCluster, workload and
    management cluster both. Rounds alternate between:
      baseline   the raw list calls alone: GET /version, then /api/v1/nodes and the kube-system
                 pods, paged with limit=500/continue, each page parsed with System.Text.Json
                 (HttpClient, no KubernetesClient, no checks)
      workload   Test-DkpFipsCluster -Kubeconfig (every check of the workload cluster)
      full       + -ManagementKubeconfig -ClusterName (the Cluster API objects too)
    Reports medians (ms), ratios to the baseline, requests per run (from the module's verbose
    count and the server's own count) and managed memory allocated per run. The first call in
    the process (loading KubernetesClient, JIT, connection) is reported apart as "cold".
    Target from the issue: the checks finish in under 2 s after connection.
    Run it with: dotnet pwsh ./build.ps1 -Task Bench -BenchFilter TestDkpFipsCluster
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Rounds = 9
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
. (Join-Path $PSScriptRoot 'shared/KubeApiDouble.ps1')
$double = Start-BenchKubeApiDouble -Root $root -Scenario large
try {
    $url = $double.Url
    $kubeconfig = $double.Kubeconfig

    Import-Module $ModulePath

    $http = [Net.Http.HttpClient]::new()
    $http.DefaultRequestHeaders.Authorization = [Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', 'bench-token')
    $script:baselineRequests = 0
    function Invoke-RawLists {
        $script:baselineRequests = 0
        $items = 0
        $null = [Text.Json.JsonDocument]::Parse($http.GetStringAsync("$url/version").GetAwaiter().GetResult()); $script:baselineRequests++
        foreach ($path in '/api/v1/nodes', '/api/v1/namespaces/kube-system/pods') {
            $continue = $null
            do {
                $query = '?limit=500' + $(if ($continue) { '&continue=' + [Uri]::EscapeDataString($continue) } else { '' })
                $doc = [Text.Json.JsonDocument]::Parse($http.GetStringAsync("$url$path$query").GetAwaiter().GetResult())
                $script:baselineRequests++
                $items += $doc.RootElement.GetProperty('items').GetArrayLength()
                $metadata = $doc.RootElement.GetProperty('metadata')
                $next = [Text.Json.JsonElement]::new()
                $continue = if ($metadata.TryGetProperty('continue', [ref] $next)) { $next.GetString() } else { $null }
                $doc.Dispose()
            } while ($continue)
        }
        if ($items -ne 3500) { throw "Baseline read $items items, expected 3500." }
    }

    $scenarios = [ordered]@{
        baseline = { Invoke-RawLists }
        workload = { $script:last = Test-DkpFipsCluster -Kubeconfig $kubeconfig -Verbose 4>&1 }
        full     = { $script:last = Test-DkpFipsCluster -Kubeconfig $kubeconfig -ManagementKubeconfig $kubeconfig -ClusterName fips-cluster -Verbose 4>&1 }
    }

    function Measure-Once([scriptblock] $Block) {
        [GC]::Collect(); [GC]::WaitForPendingFinalizers()
        $before = [GC]::GetAllocatedBytesForCurrentThread()
        $beforeAll = [GC]::GetTotalAllocatedBytes($true)
        $watch = [Diagnostics.Stopwatch]::StartNew()
        & $Block
        $watch.Stop()
        [pscustomobject]@{ Ms = $watch.Elapsed.TotalMilliseconds; AllocatedMB = ([GC]::GetTotalAllocatedBytes($true) - $beforeAll) / 1MB }
    }

    function Get-Median([double[]] $Values) {
        $sorted = $Values | Sort-Object
        $mid = [int][math]::Floor($sorted.Count / 2)
        if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
    }

    # The server answers once first, so that "cold" is the module's first call, not the server's JIT.
    $null = Measure-Once $scenarios.baseline
    $cold = Measure-Once $scenarios.workload
    $report = $script:last | Where-Object { $_ -is [DkpFips.FipsClusterReport] }
    if (-not $report -or $report.NodeCount -ne 500 -or -not $report.IsFipsCompliant) { throw 'The cold run did not check the 500-node fixture as compliant.' }
    $null = Measure-Once $scenarios.full

    $samples = @{}
    foreach ($name in $scenarios.Keys) { $samples[$name] = [Collections.Generic.List[object]]::new() }
    $requests = @{ baseline = 0; workload = 0; full = 0 }
    for ($round = 0; $round -lt $Rounds; $round++) {
        foreach ($name in $scenarios.Keys) {
            $samples[$name].Add((Measure-Once $scenarios[$name]))
            $requests[$name] = if ($name -eq 'baseline') { $script:baselineRequests } else {
                (@($script:last | Where-Object { $_ -is [Management.Automation.VerboseRecord] } | ForEach-Object { if ($_.Message -match 'with (\d+) request') { [int]$Matches[1] } }) | Measure-Object -Sum).Sum
            }
        }
    }
    $checks = @($script:last | Where-Object { $_ -is [DkpFips.FipsClusterReport] })[0].Checks.Count

    $base = Get-Median ($samples.baseline | ForEach-Object Ms)
    "Test-DkpFipsCluster on 500 nodes / 3,000 kube-system pods (medians of $Rounds rounds, in-process, after connection)"
    '{0,-10} {1,10} {2,8} {3,9} {4,14}' -f 'scenario', 'median ms', 'ratio', 'requests', 'allocated MB'
    foreach ($name in $scenarios.Keys) {
        $ms = Get-Median ($samples[$name] | ForEach-Object Ms)
        $mb = Get-Median ($samples[$name] | ForEach-Object AllocatedMB)
        '{0,-10} {1,10:N0} {2,7:N2}x {3,9} {4,14:N1}' -f $name, $ms, ($ms / $base), $requests[$name], $mb
    }
    $fullMs = Get-Median ($samples.full | ForEach-Object Ms)
    "cold       {0,10:N0}          (first call in the process: loads KubernetesClient, JIT, connects)" -f $cold.Ms
    "checks per full run: $checks; target < 2000 ms after connection: $(if ($fullMs -lt 2000) { 'met' } else { 'NOT met' }) ($('{0:N0}' -f $fullMs) ms)"
    "working set: $('{0:N0}' -f ([Diagnostics.Process]::GetCurrentProcess().WorkingSet64 / 1MB)) MB after all rounds"
}
finally {
    $served = Stop-BenchKubeApiDouble $double
    if ($served -match 'requests (\d+)') { "server answered $($Matches[1]) requests in total" }
}
