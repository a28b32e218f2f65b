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
    $saved = @{}
    foreach ($key in $Environment.Keys) { $saved[$key] = [Environment]::GetEnvironmentVariable($key); [Environment]::SetEnvironmentVariable($key, $Environment[$key]) }
    try {
        $output = & $exe @prefix -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
    }
    finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
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
