# Shared by the Pester test files: dot-source in BeforeAll.

$script:ModuleManifest = $env:DKPFIPS_TEST_MODULE
if (-not $script:ModuleManifest) { throw 'Run the tests through build.ps1 -Task Test (DKPFIPS_TEST_MODULE is not set).' }
$script:RepoRoot = $env:DKPFIPS_TEST_ROOT

function Invoke-FreshPwsh {
    <# Runs a script in a new pwsh process (the same PowerShell as this one) and returns its output lines. #>
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
    $exe = [Environment]::ProcessPath
    [string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }
    # Plain text: ANSI escapes would end up in test messages and break the JUnit XML.
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes("`$PSStyle.OutputRendering = 'PlainText'`n" + $Script))
    # Through env:, so that $null unsets a variable for the child (on PowerShell 7.6,
    # [Environment]::SetEnvironmentVariable($key, $null) hands native children an empty one).
    function Set-EnvironmentValue([string] $Key, $Value) { if ($null -eq $Value) { Remove-Item -LiteralPath "env:$Key" -ErrorAction SilentlyContinue } else { Set-Item -LiteralPath "env:$Key" -Value $Value } }
    $saved = @{}
    foreach ($key in $Environment.Keys) { $saved[$key] = [Environment]::GetEnvironmentVariable($key); Set-EnvironmentValue $key $Environment[$key] }
    try {
        # The child also sends its host lines (Write-Host, ##vso commands) as CLIXML on stderr,
        # which this pwsh would print again: 6>$null keeps them out of the test log (where an
        # agent would obey a ##vso line); they are in the child's stdout, captured below.
        $output = & $exe @prefix -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1 6>$null
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
    }
    finally {
        foreach ($key in $saved.Keys) { Set-EnvironmentValue $key $saved[$key] }
    }
}

function Get-NuGetPackagePath {
    param([string] $Id, [string] $Version)
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    Join-Path $packages "$($Id.ToLowerInvariant())/$Version"
}

function New-CatalogFile {
    <# Writes catalog YAML to a new file under TestDrive and returns its path. #>
    param([Parameter(Mandatory)] [string] $Yaml, [string] $Name = "catalog-$([guid]::NewGuid().ToString('N')).yaml")
    $path = Join-Path $TestDrive $Name
    Set-Content -LiteralPath $path -Value $Yaml -Encoding utf8
    $path
}

function Start-FakeEc2 {
    <#
        Starts the loopback EC2 endpoint (tests/DkpFips.FakeEc2) as a child process and returns
        an object with its Url and Process. It ends with Stop-FakeEc2, or on its own when this
        process goes away (its stdin closes).
    #>
    param([int] $LatencyMs = 0)
    $dll = @('Release', 'Debug') | ForEach-Object { Join-Path $RepoRoot "out/bin/DkpFips.FakeEc2/$_/net10.0/DkpFips.FakeEc2.dll" } |
        Where-Object { Test-Path $_ } | Select-Object -First 1
    if (-not $dll) { throw 'DkpFips.FakeEc2 is not built: run build.ps1 -Task Build.' }
    $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($dll, '--latency-ms', "$LatencyMs", '--exit-on-stdin-close')) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($psi)
    $url = $process.StandardOutput.ReadLine()
    if ($url -notmatch '^http://127\.0\.0\.1:\d+/$') { $process.Kill(); throw "DkpFips.FakeEc2 did not start (said '$url')." }
    [pscustomobject]@{ Url = $url; Process = $process }
}

function Stop-FakeEc2 {
    param($Server)
    if ($Server -and -not $Server.Process.HasExited) {
        $Server.Process.StandardInput.Close()
        if (-not $Server.Process.WaitForExit(5000)) { $Server.Process.Kill() }
    }
}

function Get-FakeEc2Calls {
    <# The DescribeImages calls the endpoint has seen (region, access key id, image ids, status). #>
    param($Server)
    @((Invoke-RestMethod -Uri ($Server.Url + '_stats')).records)
}

function Reset-FakeEc2 {
    param($Server)
    $null = Invoke-RestMethod -Method Post -Uri ($Server.Url + '_reset')
}

function New-TestAwsCredential([string] $AccessKeyId, $SecretAccessKey) {
    <# -AwsCredential as every AWS cmdlet of DkpFips takes it: user name the key id, password the secret. #>
    $secure = if ($SecretAccessKey -is [securestring]) { $SecretAccessKey } else { ConvertTo-SecureString ([string] $SecretAccessKey) -AsPlainText -Force }
    [pscredential]::new($AccessKeyId, $secure)
}
