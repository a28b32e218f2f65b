# KubeApiDouble helpers shared by the cluster cmdlets' tests: dot-source in BeforeAll after
# TestHelpers.ps1; stop the doubles with Stop-KubeApiDoubles in AfterAll.
$script:DoubleDll = Join-Path $RepoRoot 'out/bin/KubeApiDouble/Release/net10.0/KubeApiDouble.dll'
$script:Doubles = [Collections.Generic.List[object]]::new()

function New-Kubeconfig {
    param([string] $Server, [string] $Token = 'test-token', [string] $Name = "kubeconfig-$([guid]::NewGuid().ToString('N')).yaml")
    $path = Join-Path $TestDrive $Name
    @"
apiVersion: v1
kind: Config
clusters:
- name: fips-cluster
  cluster:
    server: $Server
contexts:
- name: fips-admin@fips-cluster
  context:
    cluster: fips-cluster
    user: fips-admin
current-context: fips-admin@fips-cluster
users:
- name: fips-admin
  user:
    token: $Token
"@ | Set-Content -LiteralPath $path -Encoding utf8
    $path
}

function Start-KubeApiDouble {
    <# Starts the double; returns its process, URL and a kubeconfig for it. -Log keeps its request lines readable. #>
    param([string] $Scenario = 'compliant', [string[]] $Arguments = @(), [string] $Token = 'test-token', [switch] $Log)
    $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($DoubleDll, '--scenario', $Scenario) + $Arguments + @(if (-not $Log) { '--quiet' })) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($psi)
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch '^listening (https?://127\.0\.0\.1:\d+)$') { throw "KubeApiDouble did not start: $line" }
    $double = [pscustomobject]@{ Process = $process; Url = $Matches[1]; Kubeconfig = (New-Kubeconfig -Server $Matches[1] -Token $Token) }
    $Doubles.Add($double)
    $double
}

function Stop-KubeApiDoubles {
    foreach ($double in $Doubles) {
        $double.Process.StandardInput.Close()
        if (-not $double.Process.WaitForExit(10000)) { $double.Process.Kill() }
    }
    $Doubles.Clear()
}
