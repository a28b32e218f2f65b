# Real CNCF distribution registries for the Test-FipsBuild tests and bench: dot-source, then
# Start-TestRegistry / Stop-TestRegistry. The test double (tests/DkpFips.TestRegistry) starts
# docker-registry on 127.0.0.1 with temp storage, pushes the FipsScenario images over the
# registry HTTP API, and stops the registries when its standard input closes.

function Get-TestRegistryPath {
    param([string] $Root = $script:RepoRoot)
    foreach ($configuration in 'Release', 'Debug') {
        $dll = Join-Path $Root "out/bin/DkpFips.TestRegistry/$configuration/net10.0/DkpFips.TestRegistry.dll"
        if (Test-Path $dll) { return $dll }
    }
    throw 'DkpFips.TestRegistry is not built: run build.ps1 -Task Build.'
}

function Start-TestRegistry {
    <# Returns { open = '127.0.0.1:port'; slow (with -LatencyMs); auth (with -User) or $null; tls (with -Tls); dest, readonly (with -Destination); pids; Process }. #>
    param([string] $User, [string] $Password, [string] $SeedAll, [int] $LatencyMs, [switch] $Tls, [switch] $Destination, [int] $LargeMib, [int] $LargeLayers, [string] $Root = $script:RepoRoot)
    $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
    $psi.ArgumentList.Add((Get-TestRegistryPath -Root $Root))
    if ($User) { '--user', $User, '--password', $Password | ForEach-Object { $psi.ArgumentList.Add($_) } }
    if ($SeedAll) { '--seed-all', $SeedAll | ForEach-Object { $psi.ArgumentList.Add($_) } }
    if ($Tls) { $psi.ArgumentList.Add('--tls') }
    if ($Destination) { $psi.ArgumentList.Add('--destination') }
    if ($LargeMib) { '--large-mib', "$LargeMib" | ForEach-Object { $psi.ArgumentList.Add($_) } }
    if ($LargeLayers) { '--large-layers', "$LargeLayers" | ForEach-Object { $psi.ArgumentList.Add($_) } }
    if ($LatencyMs) { '--latency-ms', "$LatencyMs" | ForEach-Object { $psi.ArgumentList.Add($_) } }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $process = [Diagnostics.Process]::Start($psi)
    $line = $process.StandardOutput.ReadLine()
    if (-not $line) {
        $process.WaitForExit(10000) | Out-Null
        throw "The test registry did not start (exit code $($process.ExitCode))."
    }
    $info = $line | ConvertFrom-Json
    $info | Add-Member -NotePropertyName Process -NotePropertyValue $process -PassThru
}

function Stop-TestRegistry {
    param($Registry)
    if (-not $Registry) { return }
    $Registry.Process.StandardInput.Close()
    if (-not $Registry.Process.WaitForExit(15000)) { $Registry.Process.Kill($true) }
    $Registry.Process.Dispose()
}
