# Dot-sourced by the bench scripts that need a loopback Kubernetes API server (not a bench itself:
# build.ps1 runs only the scripts directly in bench/).

function Start-BenchKubeApiDouble {
    <#
        Starts tests/KubeApiDouble with a scenario and writes a kubeconfig for it (bearer token
        bench-token). Returns Process, Url and Kubeconfig; stop it with Stop-BenchKubeApiDouble.
    #>
    param([Parameter(Mandatory)] [string] $Root, [string] $Scenario = 'large')
    $dll = Join-Path $Root 'out/bin/KubeApiDouble/Release/net10.0/KubeApiDouble.dll'
    if (-not (Test-Path $dll)) { throw "Build first: $dll is missing." }
    $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in $dll, '--scenario', $Scenario, '--quiet') { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($psi)
    $url = ($process.StandardOutput.ReadLine() -split ' ')[1]
    $kubeconfig = Join-Path ([IO.Path]::GetTempPath()) "dkpfips-bench-$PID-$([guid]::NewGuid().ToString('N').Substring(0, 8)).yaml"
    @"
apiVersion: v1
kind: Config
clusters:
- name: fips-cluster
  cluster:
    server: $url
contexts:
- name: bench
  context:
    cluster: fips-cluster
    user: bench
current-context: bench
users:
- name: bench
  user:
    token: bench-token
"@ | Set-Content -LiteralPath $kubeconfig
    [pscustomobject]@{ Process = $process; Url = $url; Kubeconfig = $kubeconfig }
}

function Stop-BenchKubeApiDouble {
    <# Stops the double; returns what it printed on the way out (its request count). #>
    param($Double)
    if (-not $Double) { return }
    $Double.Process.StandardInput.Close()
    $said = $Double.Process.StandardOutput.ReadToEnd()
    if (-not $Double.Process.WaitForExit(10000)) { $Double.Process.Kill() }
    Remove-Item -LiteralPath $Double.Kubeconfig -ErrorAction SilentlyContinue
    $said
}
