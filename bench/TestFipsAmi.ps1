<#
.SYNOPSIS
    Test-FipsAmi over 500 AMIs in 5 regions against the loopback EC2 endpoint with 50 ms added
    latency per call: batched (the cmdlet) against the naive one-call-per-image loop, measured
    in the same run.

.DESCRIPTION
    Starts tests/DkpFips.FakeEc2 with --latency-ms, imports the module once (warm process), then:
      cold      the first batched run of the process (loads and JIT-compiles the AWS SDK)
      batched   500 images piped into one Test-FipsAmi (grouped per region, 100 ids per call,
                regions in parallel); after -WarmupRounds unmeasured runs, median and spread
                (min..max) of -Rounds runs, with the CPU time of this process and of the
                endpoint double (it runs on the same cores: on a real network EC2's work
                would not compete with the client's)
      naive     one Test-FipsAmi per image (500 sequential calls); one run (it is slow)
    Reports medians, the calls the endpoint counted, the most calls in flight at once, the
    ratio naive/batched, and the target: batched wall time at most 3x the latency of the chunks
    of the largest region.
    Run it with: dotnet pwsh ./build.ps1 -Task Bench -BenchFilter TestFipsAmi
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Images = 500,
    [int] $LatencyMs = 50,
    [int] $Rounds = 9,
    # Unmeasured batched runs after the cold one: the SDK's XML unmarshallers run as quick
    # unoptimised JIT code until the runtime has recompiled them (tiered compilation), which
    # takes a few runs of 500 images. The cold run is reported on its own row.
    [int] $WarmupRounds = 3
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
$dll = @('Release', 'Debug') | ForEach-Object { Join-Path $root "out/bin/DkpFips.FakeEc2/$_/net10.0/DkpFips.FakeEc2.dll" } | Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $dll) { throw 'DkpFips.FakeEc2 is not built: run build.ps1 -Task Build.' }

$psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
foreach ($a in @($dll, '--latency-ms', "$LatencyMs", '--exit-on-stdin-close')) { $psi.ArgumentList.Add($a) }
$psi.RedirectStandardInput = $true; $psi.RedirectStandardOutput = $true; $psi.UseShellExecute = $false
$server = [Diagnostics.Process]::Start($psi)
try {
    $url = $server.StandardOutput.ReadLine()
    Import-Module $ModulePath
    $aws = @{ EndpointUrl = $url; AccessKey = 'AKIDBENCH00000000001'; SecretKey = 'bench-secret' }
    $regions = 'us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'
    # Ids the fake endpoint makes up as KIB FIPS images in every region (Fixtures.GeneratedPrefix).
    $rows = for ($i = 0; $i -lt $Images; $i++) {
        [pscustomobject]@{ ImageId = 'ami-0bbb' + $i.ToString('x13'); Region = $regions[$i % $regions.Count] }
    }
    $chunkSize = 100
    $largestRegion = ($rows | Group-Object Region | Measure-Object Count -Maximum).Maximum
    $chunks = [math]::Ceiling($largestRegion / $chunkSize)

    function Get-Stats { Invoke-RestMethod -Uri ($url + '_stats') }
    function Reset-Stats { $null = Invoke-RestMethod -Method Post -Uri ($url + '_reset') }
    function Get-Median([double[]] $Values) {
        $sorted = $Values | Sort-Object; $mid = [int][math]::Floor($sorted.Count / 2)
        if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
    }

    # Cold: the first call in the process loads the AWS SDK.
    Reset-Stats
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $first = $rows | Test-FipsAmi @aws -Quiet
    $coldMs = $watch.Elapsed.TotalMilliseconds
    if (@($first | Where-Object { $_ }).Count -ne $Images) { throw 'The batched run did not pass every image.' }

    foreach ($round in 1..$WarmupRounds) { $null = $rows | Test-FipsAmi @aws -Quiet }

    $self = [Diagnostics.Process]::GetCurrentProcess()
    function Get-ServerCpuMs {
        if (-not (Test-Path "/proc/$($server.Id)/stat")) { return [double]::NaN }
        $stat = Get-Content "/proc/$($server.Id)/stat" -Raw
        $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
        ([long]$fields[11] + [long]$fields[12]) * 10.0
    }
    $batched = foreach ($round in 1..$Rounds) {
        Reset-Stats
        $self.Refresh(); $cpu0 = $self.TotalProcessorTime.TotalMilliseconds; $server0 = Get-ServerCpuMs
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $verbose = $rows | Test-FipsAmi @aws -Quiet -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        $ms = $watch.Elapsed.TotalMilliseconds
        $self.Refresh(); $cpu = $self.TotalProcessorTime.TotalMilliseconds - $cpu0; $serverCpu = (Get-ServerCpuMs) - $server0
        $stats = Get-Stats
        # The cmdlet reports the wall time of its API calls and assessments (without pipeline binding).
        $engine = [double](($verbose.Message | Where-Object { $_ -match 'assessment\(s\) in (\d+) ms' } | Select-Object -First 1) -replace '.* in (\d+) ms.*', '$1')
        [pscustomobject]@{ Ms = $ms; EngineMs = $engine; Calls = $stats.calls; Concurrent = $stats.maxConcurrentCalls; Cpu = $cpu; ServerCpu = $serverCpu }
    }

    Reset-Stats
    $watch = [Diagnostics.Stopwatch]::StartNew()
    foreach ($row in $rows) { $null = Test-FipsAmi -ImageId $row.ImageId -Region $row.Region @aws -Quiet }
    $naiveMs = $watch.Elapsed.TotalMilliseconds
    $naiveCalls = (Get-Stats).calls

    $batchedMs = Get-Median $batched.Ms
    $engineMs = Get-Median $batched.EngineMs
    function Get-Spread([double[]] $Values) { '{0:0}..{1:0}' -f ($Values | Measure-Object -Minimum).Minimum, ($Values | Measure-Object -Maximum).Maximum }
    $target = 3 * $LatencyMs * $chunks
    "Images: $Images over $($regions.Count) regions, $WarmupRounds warm-up + $Rounds measured runs ($largestRegion in the largest, $chunks chunk(s) of $chunkSize); latency $LatencyMs ms per call; machine: $([Environment]::ProcessorCount) cores$(if (Test-Path /proc/loadavg) { ', load average ' + (Get-Content /proc/loadavg).Split(' ')[0] }), PowerShell $($PSVersionTable.PSVersion)"
    @(
        [pscustomobject]@{ Scenario = 'batched (median)'; WallMs = [math]::Round($batchedMs, 1); 'Min..Max' = Get-Spread $batched.Ms; Calls = ($batched.Calls | Sort-Object -Unique) -join '/'; InFlight = ($batched.Concurrent | Measure-Object -Maximum).Maximum; Ratio = 1.0 }
        [pscustomobject]@{ Scenario = '  of which API calls + checks'; WallMs = $engineMs; 'Min..Max' = Get-Spread $batched.EngineMs; Calls = $null; InFlight = $null; Ratio = [math]::Round($engineMs / $batchedMs, 2) }
        [pscustomobject]@{ Scenario = '  CPU of this process (median)'; WallMs = [math]::Round((Get-Median $batched.Cpu), 0); 'Min..Max' = Get-Spread $batched.Cpu; Calls = $null; InFlight = $null; Ratio = $null }
        [pscustomobject]@{ Scenario = '  CPU of the EC2 double (median)'; WallMs = [math]::Round((Get-Median $batched.ServerCpu), 0); 'Min..Max' = Get-Spread $batched.ServerCpu; Calls = $null; InFlight = $null; Ratio = $null }
        [pscustomobject]@{ Scenario = 'batched, cold process'; WallMs = [math]::Round($coldMs, 1); 'Min..Max' = ''; Calls = $regions.Count * $chunks; InFlight = $null; Ratio = [math]::Round($coldMs / $batchedMs, 2) }
        [pscustomobject]@{ Scenario = 'naive, one call per image'; WallMs = [math]::Round($naiveMs, 1); 'Min..Max' = ''; Calls = $naiveCalls; InFlight = 1; Ratio = [math]::Round($naiveMs / $batchedMs, 1) }
    ) | Format-Table -AutoSize | Out-String -Width 120
    "Target: API calls + checks <= 3 x $LatencyMs ms x $chunks chunk(s) = $target ms: $(if ($engineMs -le $target) { 'met' } else { 'MISSED' }) ($engineMs ms); whole cmdlet with pipeline binding of $Images objects: $([math]::Round($batchedMs, 1)) ms"
    "Naive loop / batched: $([math]::Round($naiveMs / $batchedMs, 1))x"
}
finally {
    $server.StandardInput.Close()
    if (-not $server.WaitForExit(5000)) { $server.Kill() }
}
