<#
.SYNOPSIS
    Copy-FipsBuild against skopeo copy --all of the same images (wall time), and the peak memory
    of a copy whose layers total more than 100 MiB.

.DESCRIPTION
    Starts real CNCF distribution registries (Debian's docker-registry, through the
    tests/DkpFips.TestRegistry double) on 127.0.0.1: an open source holding the DKP 2.5 build
    with -LargeMib MiB of random (incompressible) layers over its five images, once per shape of
    -LayersPerImage (one layer per image, then eight), and an empty destination behind htpasswd. Round by round, interleaved, each into a fresh namespace so
    every blob is really sent:
      - skopeo copy --all of the five images, one after the other (the baseline: how sites
        script it today; each image is one skopeo process), each round with a fresh, empty
        blob-info cache: skopeo remembers in /var/lib/containers/cache (root) or
        ~/.local/share/containers/cache where it has put each blob, and with that memory a later
        round mounts the blobs from an earlier round's namespace instead of copying them, which
        times a mount, not a copy (and Copy-FipsBuild keeps no such memory between runs);
      - Copy-FipsBuild of the same build with -ThrottleLimit 1 and 4 (the default), in this process.
    Reports medians, the ratio to skopeo, and the CPU time the two registries spent per copy
    (equal work means every blob was really sent by both tools), and checks that both ends serve
    the same digests.
    Then, in fresh processes, the peak working set of Copy-FipsBuild (default -ThrottleLimit,
    so several blobs in flight) copying the large build of the last shape against the same copy
    of the small DKP 2.3 build (v1.23.7, layers of a few hundred bytes): the difference is what
    the layers cost in memory, to be compared with their total size.
    Run it with: dotnet pwsh ./build.ps1 -Task Bench -BenchFilter CopyFipsBuild
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Rounds = 3,
    [int] $LargeMib = 160,
    # The build's shapes: one large layer per image, and layers like a real image's (several
    # per image), where the blobs of one image can go side by side.
    [int[]] $LayersPerImage = @(1, 8),
    # With N > 0 the copies read the source through a proxy that holds each request N ms: the
    # round trips of a remote registry (the proxy is read-only, so only the source's). skopeo
    # cannot read through that proxy (it answers skopeo's manifest GET "manifest invalid"), so
    # then the baseline is Copy-FipsBuild -ThrottleLimit 1.
    [int] $SourceLatencyMs = 0
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
. (Join-Path $root 'tests/Pester/RegistryHelpers.ps1')
Import-Module $ModulePath -Force
if (-not (Get-Command skopeo -CommandType Application -ErrorAction SilentlyContinue)) { throw 'skopeo is missing: apt-get install -y skopeo (build.ps1 -Task Test installs it).' }

# CPU time (user + system, ms) of the registry processes: what they did for one copy.
function Get-CpuMs([int[]] $ProcessIds) {
    $ticks = 0.0
    foreach ($id in $ProcessIds) {
        $fields = ((Get-Content "/proc/$id/stat" -Raw) -replace '^.*\) ', '') -split ' '
        $ticks += [double]$fields[11] + [double]$fields[12]
    }
    $ticks * 10
}

# skopeo with an empty blob-info cache of its own: run as nobody (as root the cache is the
# machine's /var/lib/containers/cache) with HOME and XDG_DATA_HOME in a fresh folder.
function Invoke-ColdSkopeo([string[]] $Arguments) {
    $cache = Join-Path ([IO.Path]::GetTempPath()) ('skopeo-cache-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory $cache | Out-Null
    try {
        if ((& id -u) -eq '0') {
            & chown 65534:65534 $cache
            & setpriv --reuid=65534 --regid=65534 --clear-groups env "HOME=$cache" "XDG_DATA_HOME=$cache" skopeo @Arguments
        }
        else {
            & env "HOME=$cache" "XDG_DATA_HOME=$cache" skopeo @Arguments
        }
        if ($LASTEXITCODE -ne 0) { throw "skopeo $($Arguments[-2]) failed." }
    }
    finally { Remove-Item -Recurse -Force $cache -ErrorAction SilentlyContinue }
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $mid = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

$password = 'bench-' + [guid]::NewGuid().ToString('N')
$credential = [pscredential]::new('bench', (ConvertTo-SecureString $password -AsPlainText -Force))
$build = Get-FipsBuild -DkpVersion 2.5
$registry = $null
try {
    foreach ($layers in $LayersPerImage) {
        if ($registry) { Stop-TestRegistry $registry }
        $registry = Start-TestRegistry -User 'bench' -Password $password -Destination -LargeMib $LargeMib -LargeLayers $layers -LatencyMs $SourceLatencyMs -Root $root
        $source = if ($SourceLatencyMs) { "$($registry.slow)/mesosphere" } else { "$($registry.open)/mesosphere" }
        $images = $build | Test-FipsBuild -Registry $source
        if (-not $images.IsComplete) { throw 'The large build is not complete in the source registry.' }
        $references = $images.Images | ForEach-Object { "$($_.Name):$($_.Tag)" }

        $tools = @(if (-not $SourceLatencyMs) { 'skopeo' }) + 'Copy-FipsBuild -ThrottleLimit 1', 'Copy-FipsBuild -ThrottleLimit 4'
        $samples = @{}
        $registryCpu = @{}
        foreach ($tool in $tools) { $samples[$tool] = [Collections.Generic.List[double]]::new(); $registryCpu[$tool] = [Collections.Generic.List[double]]::new() }
        for ($round = 1; $round -le $Rounds; $round++) {
            if ('skopeo' -in $tools) {
                $cpu = Get-CpuMs $registry.pids
                $watch = [Diagnostics.Stopwatch]::StartNew()
                foreach ($reference in $references) {
                    Invoke-ColdSkopeo 'copy', '--all', '--quiet', '--src-tls-verify=false', '--dest-tls-verify=false', '--dest-creds', "bench:$password", "docker://$source/$reference", "docker://$($registry.dest)/skopeo$round/$reference"
                }
                $watch.Stop()
                $samples['skopeo'].Add($watch.Elapsed.TotalMilliseconds)
                $registryCpu['skopeo'].Add((Get-CpuMs $registry.pids) - $cpu)
            }

            foreach ($limit in 1, 4) {
                $cpu = Get-CpuMs $registry.pids
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $copies = $build | Copy-FipsBuild -Source $source -Destination "$($registry.dest)/limit$limit-$round" -DestinationCredential $credential -ThrottleLimit $limit
                $watch.Stop()
                if (@($copies | Where-Object Status -NE 'Copied').Count) { throw 'Copy-FipsBuild did not copy every image.' }
                $samples["Copy-FipsBuild -ThrottleLimit $limit"].Add($watch.Elapsed.TotalMilliseconds)
                $registryCpu["Copy-FipsBuild -ThrottleLimit $limit"].Add((Get-CpuMs $registry.pids) - $cpu)
            }
        }

        # Both tools leave the same digests at the destination.
        $bySkopeo = ($build | Test-FipsBuild -Registry "$($registry.dest)/$(if ('skopeo' -in $tools) { 'skopeo1' } else { 'limit1-1' })" -Credential $credential).Images | ForEach-Object { "$($_.Name)=$($_.Digest)" }
        $byUs = ($build | Test-FipsBuild -Registry "$($registry.dest)/limit4-1" -Credential $credential).Images | ForEach-Object { "$($_.Name)=$($_.Digest)" }
        if (Compare-Object $bySkopeo $byUs) { throw 'skopeo and Copy-FipsBuild left different digests.' }

        $through = if ($SourceLatencyMs) { ", the source read through $SourceLatencyMs ms of latency per request" } else { '' }
        "Copy of the DKP 2.5 build: 5 images of $layers layer(s), $LargeMib MiB of layers, median of $Rounds rounds, local docker-registry (htpasswd destination)$through; digests identical"
        $baseline = Get-Median $samples[$tools[0]]
        $(foreach ($tool in $tools) {
                $median = Get-Median $samples[$tool]
                [pscustomobject]@{ Tool = $tool; MedianMs = [math]::Round($median, 0); $(if ($tools[0] -eq 'skopeo') { 'VsSkopeo' } else { 'VsThrottleLimit1' }) = '{0:N2}x' -f ($median / $baseline); MiBPerSec = [math]::Round($LargeMib / ($median / 1000), 1); RegistriesCpuMs = [math]::Round((Get-Median $registryCpu[$tool]), 0) }
            }) | Format-Table -AutoSize | Out-String -Width 120
    }

    # Peak memory in fresh processes: the large build against the small one (same code path).
    $exe = [Environment]::ProcessPath
    [string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }
    $env:DKPFIPS_BENCH_PASSWORD = $password
    # A build by its Kubernetes version: DKP 2.3 has two catalog rows, and the small registry
    # holds only v1.23.7's images.
    function Measure-PeakMiB([string] $Kubernetes, [string] $From, [string] $To) {
        $code = "`$ErrorActionPreference = 'Stop'; Import-Module '$ModulePath'; `$c = [pscredential]::new('bench', (ConvertTo-SecureString `$env:DKPFIPS_BENCH_PASSWORD -AsPlainText -Force)); " +
            "`$r = Get-FipsBuild -KubernetesVersion $Kubernetes | Copy-FipsBuild -Source '$From' -Destination '$To' -DestinationCredential `$c; if (@(`$r | Where-Object Status -NE 'Copied').Count) { throw 'not copied' }; " +
            "[GC]::Collect(); [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64"
        $out = & $exe @prefix -NoProfile -NonInteractive -Command $code
        if ($LASTEXITCODE -ne 0) { throw "The measured copy failed: $out" }
        [math]::Round([double]($out | Select-Object -Last 1) / 1MB, 1)
    }
    $small = Start-TestRegistry -Root $root
    try {
        $smallPeak = Measure-PeakMiB '1.23.7' "$($small.open)/mesosphere" "$($registry.dest)/memory-small"
    }
    finally { Stop-TestRegistry $small }
    $largePeak = Measure-PeakMiB '1.25.4' "$($registry.open)/mesosphere" "$($registry.dest)/memory-large"
    "Peak working set of a fresh process running Copy-FipsBuild ($($LayersPerImage[-1]) layer(s) per image):"
    [pscustomobject]@{ SmallBuildMiB = $smallPeak; LargeBuildMiB = $largePeak; DifferenceMiB = [math]::Round($largePeak - $smallPeak, 1); LayersMiB = $LargeMib; DifferenceVsLayers = '{0:P1}' -f (($largePeak - $smallPeak) / $LargeMib) } |
        Format-List | Out-String -Width 120
}
finally {
    Remove-Item Env:DKPFIPS_BENCH_PASSWORD -ErrorAction SilentlyContinue
    Stop-TestRegistry $registry
}
