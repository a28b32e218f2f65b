#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and measures the DkpFips module.

.DESCRIPTION
    Plain PowerShell, no build module. Run it through the pinned PowerShell tool:
        dotnet tool restore
        dotnet pwsh ./build.ps1 [-Task] Build|Test|Bench|Demo|Clean

    Build  Compiles the solution once and assembles the importable module at out/DkpFips/
           from an explicit list of files; a missing file fails the build.
    Test   Build, then the xunit tests of the engine and the Pester tests of the assembled
           module (in a fresh pwsh), JUnit XML under out/test-results/, and one line
           "N passed, N failed". Exits non-zero on any failure.
    Bench  Build, then the start-up benchmarks in bench/ (medians of fresh processes, as
           ratios of a bare pwsh start measured in the same run).
    Demo   Build, then import the module in a fresh pwsh and list the FIPS build catalog.
    Package
           Build, then publish the module as a .nupkg into the folder repository out/repo
           with Publish-PSResource (PSResourceGet ships with PowerShell 7.4+).
    Clean  Removes out/.
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Bench', 'Demo', 'Package', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench only: which bench/*.ps1 scripts to run (wildcards on the file name).
    [string] $BenchFilter = '*',

    # Demo only: use the module already in out/DkpFips (the tests run the README's main job
    # this way, without rebuilding the module they have loaded).
    [switch] $SkipBuild
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'DkpFips'
$ResultsOut = Join-Path $Out 'test-results'
$Bin = Join-Path $Out 'bin'
$HelpOut = Join-Path $Out 'help'
$RepoOut = Join-Path $Out 'repo'

# Every file of the shipped module, and where the build takes it from. Nothing is copied
# wholesale: a file that is not listed here does not ship.
function Get-ModuleLayout {
    $cmdlets = Join-Path $Bin "DkpFips/$Configuration/netstandard2.0"
    $loadContext = Join-Path $Bin "DkpFips.LoadContext/$Configuration/net8.0"
    $kubernetes = Join-Path $Bin "DkpFips.Kubernetes/$Configuration/net8.0"
    @(
        @{ From = Join-Path $Root 'DkpFips.psd1'; To = 'DkpFips.psd1' }
        @{ From = Join-Path $Root 'src/DkpFips/DkpFips.format.ps1xml'; To = 'DkpFips.format.ps1xml' }
        @{ From = Join-Path $Root 'LICENSE'; To = 'LICENSE' }
        @{ From = Join-Path $cmdlets 'DkpFips.dll'; To = 'DkpFips.dll' }
        @{ From = Join-Path $loadContext 'DkpFips.LoadContext.dll'; To = 'DkpFips.LoadContext.dll' }
        @{ From = Join-Path $cmdlets 'DkpFips.Core.dll'; To = 'dependencies/DkpFips.Core.dll' }
        @{ From = Join-Path $cmdlets 'YamlDotNet.dll'; To = 'dependencies/YamlDotNet.dll' }
        # PowerShell 7 only (net8.0): the cluster reader and KubernetesClient with the libraries it
        # needs that .NET 8 lacks. KubernetesClient's YamlDotNet is the one above (same version).
        @{ From = Join-Path $kubernetes 'DkpFips.Kubernetes.dll'; To = 'dependencies/DkpFips.Kubernetes.dll' }
        @{ From = Join-Path $kubernetes 'KubernetesClient.dll'; To = 'dependencies/KubernetesClient.dll' }
        @{ From = Join-Path $kubernetes 'Fractions.dll'; To = 'dependencies/Fractions.dll' }
        @{ From = Join-Path $cmdlets 'AWSSDK.Core.dll'; To = 'dependencies/AWSSDK.Core.dll' }
        @{ From = Join-Path $cmdlets 'AWSSDK.EC2.dll'; To = 'dependencies/AWSSDK.EC2.dll' }
        # Tar of the OCI image-layout archives of Save-/Publish-FipsBuild (netstandard2.0: both editions).
        @{ From = Join-Path $cmdlets 'ICSharpCode.SharpZipLib.dll'; To = 'dependencies/ICSharpCode.SharpZipLib.dll' }
        # netstandard2.0 polyfills AWSSDK.Core needs on Windows PowerShell 5.1 (.NET Framework);
        # System.Text.Json (at AWSSDK.Core's version) is also the engine's one JSON library.
        # PowerShell 7 has them in the runtime, and the private load context never loads these copies.
        foreach ($polyfill in 'Microsoft.Bcl.AsyncInterfaces', 'System.Buffers', 'System.Memory', 'System.Numerics.Vectors',
            'System.Runtime.CompilerServices.Unsafe', 'System.Text.Encodings.Web', 'System.Text.Json', 'System.Threading.Tasks.Extensions') {
            @{ From = Join-Path $cmdlets "$polyfill.dll"; To = "dependencies/$polyfill.dll" }
        }
        # The catalog source, for reading and as a template for user catalog files; the engine
        # serves the same rows compiled in (build/CatalogCompiler).
        @{ From = Join-Path $Root 'src/DkpFips.Core/Catalog/BuiltInCatalog.yaml'; To = 'catalog/BuiltInCatalog.yaml' }
        # Help compiled from docs/*.md by build/HelpCompiler (see Invoke-HelpCompiler).
        @{ From = Join-Path $HelpOut 'DkpFips.dll-Help.xml'; To = 'en-US/DkpFips.dll-Help.xml' }
        @{ From = Join-Path $HelpOut 'about_DkpFips.help.txt'; To = 'en-US/about_DkpFips.help.txt' }
    )
}

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "$FilePath $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE."
    }
}

function Invoke-Build {
    Write-Host "Building DkpFips.sln ($Configuration)"
    Invoke-Native dotnet @('build', (Join-Path $Root 'DkpFips.sln'), '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')

    # PlatyPS-schema markdown -> MAML and about_ text; a file that breaks the schema fails the build.
    if (Test-Path $HelpOut) { Remove-Item $HelpOut -Recurse -Force }
    Invoke-Native dotnet @((Join-Path $Bin "HelpCompiler/$Configuration/net10.0/HelpCompiler.dll"), (Join-Path $Root 'docs'), $HelpOut, 'DkpFips.dll')

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $missing = @()
    foreach ($file in Get-ModuleLayout) {
        if (-not (Test-Path -LiteralPath $file.From -PathType Leaf)) {
            $missing += $file.From
            continue
        }
        $target = Join-Path $ModuleOut $file.To
        $null = New-Item -ItemType Directory -Force -Path (Split-Path $target)
        Copy-Item -LiteralPath $file.From -Destination $target
    }
    if ($missing) {
        throw "The module cannot be assembled; missing file(s):`n  $($missing -join "`n  ")"
    }
    Write-Host "Module assembled at $ModuleOut"
}

function Get-PesterModulePath {
    # Pester comes from NuGet through a restore-only project (no PowerShell Gallery here).
    $project = Join-Path $Root 'tests/tools/TestTools.csproj'
    Invoke-Native dotnet @('restore', $project, '--nologo', '-v', 'quiet')
    [xml] $props = Get-Content -Raw $project
    $version = ($props.Project.ItemGroup.PackageDownload | Where-Object Include -EQ 'Pester').Version.Trim('[', ']')
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $path = Join-Path $packages "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path $path)) { throw "Pester $version was restored but $path is missing." }
    $path
}

function Get-JUnitCounts {
    param([string] $Path)
    [xml] $xml = Get-Content -Raw $Path
    $cases = @($xml.SelectNodes('//testcase'))
    $failed = @($cases | Where-Object { $_.SelectSingleNode('failure|error') }).Count
    $skipped = @($cases | Where-Object { $_.SelectSingleNode('skipped') }).Count
    [pscustomobject]@{ Passed = $cases.Count - $failed - $skipped; Failed = $failed; Skipped = $skipped }
}

function Invoke-Package {
    param([switch] $SkipBuild)
    if (-not $SkipBuild) { Invoke-Build }
    if (Test-Path $RepoOut) { Remove-Item $RepoOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Force $RepoOut
    # A child pwsh whose PSResourceGet settings live under out/, so the build never edits the
    # user's own repository list (XDG_DATA_HOME is where PSResourceGet keeps it off Windows).
    $store = Join-Path $Out 'psresourceget'
    # .NET reports a special folder that does not exist as '', and PSResourceGet then writes
    # its settings to the current directory: create it first.
    $null = New-Item -ItemType Directory -Force $store
    $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name DkpFipsBuild -Uri '$RepoOut' -Trusted -Force
try { Publish-PSResource -Path '$ModuleOut' -Repository DkpFipsBuild }
finally { Unregister-PSResourceRepository -Name DkpFipsBuild }
"@
    $saved = $env:XDG_DATA_HOME
    $env:XDG_DATA_HOME = $store
    try { Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-Command', $script) }
    finally { $env:XDG_DATA_HOME = $saved }
    $package = Get-ChildItem $RepoOut -Filter 'DkpFips.*.nupkg'
    if (-not $package) { throw "Publish-PSResource produced no package in $RepoOut." }
    Write-Host "Package: $($package.FullName)"
}

function Install-TestPrerequisites {
    # Debian packages the tests run for real: Debian's docker-registry (the CNCF distribution
    # registry) for Test-FipsBuild, htpasswd (apache2-utils) for its authenticated instance,
    # Chromium to render the HTML report of Export-DkpFipsReport, skopeo as the independent
    # registry client the Copy-FipsBuild tests compare with, Mono (a .NET Framework 4.x runtime
    # with the netstandard facade) to run the engine as Windows PowerShell 5.1 loads it.
    # Installed here so the README's one test command works on a fresh machine.
    $needed = @{ 'docker-registry' = 'docker-registry'; 'htpasswd' = 'apache2-utils'; 'chromium' = 'chromium'; 'skopeo' = 'skopeo'; 'mono' = 'mono-devel' }
    $missing = @($needed.Keys | Where-Object { -not (Get-Command $_ -CommandType Application -ErrorAction SilentlyContinue) } | ForEach-Object { $needed[$_] })
    if (-not $missing) { return }
    if (-not $IsLinux -or -not (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        throw "The tests need $($missing -join ', ') (Debian packages); install them and run again."
    }
    Write-Host "Installing test prerequisites: $($missing -join ', ')"
    $env:DEBIAN_FRONTEND = 'noninteractive'
    $asRoot = (& id -u) -eq '0'
    foreach ($arguments in @(@('update', '-qq'), (@('install', '-y', '-qq') + $missing))) {
        if ($asRoot) { Invoke-Native 'apt-get' $arguments } else { Invoke-Native 'sudo' (@('apt-get') + $arguments) }
    }
}

function Invoke-Test {
    Install-TestPrerequisites
    Invoke-Build
    Invoke-Package -SkipBuild
    if (Test-Path $ResultsOut) { Remove-Item $ResultsOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Force $ResultsOut

    $xunitXml = Join-Path $ResultsOut 'xunit.xml'
    Write-Host 'Running xunit tests (DkpFips.Core.Tests)'
    & dotnet test (Join-Path $Root 'tests/DkpFips.Core.Tests/DkpFips.Core.Tests.csproj') -c $Configuration --no-build --nologo `
        --logger "junit;LogFilePath=$xunitXml" --logger 'console;verbosity=minimal'
    $xunitExit = $LASTEXITCODE

    $pester = Get-PesterModulePath
    $pesterXml = Join-Path $ResultsOut 'pester.xml'
    Write-Host 'Running Pester tests against the assembled module (fresh pwsh)'
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Invoke-PesterTests.ps1') `
        -PesterPath $pester -ModulePath (Join-Path $ModuleOut 'DkpFips.psd1') -OutputPath $pesterXml
    $pesterExit = $LASTEXITCODE

    $counts = foreach ($file in $xunitXml, $pesterXml) {
        if (Test-Path $file) { Get-JUnitCounts $file } else { Write-Warning "No results at $file"; [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    }
    $passed = ($counts | Measure-Object Passed -Sum).Sum
    $failed = ($counts | Measure-Object Failed -Sum).Sum
    $skipped = ($counts | Measure-Object Skipped -Sum).Sum
    if ($xunitExit -ne 0 -and $failed -eq 0) { $failed = 1 }
    if ($pesterExit -ne 0 -and $failed -eq 0) { $failed = 1 }
    Write-Host "JUnit results: $ResultsOut"
    if ($skipped) { "$passed passed, $failed failed, $skipped skipped" } else { "$passed passed, $failed failed" }
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Bench {
    # Every bench/*.ps1 takes -ModulePath and prints its own figures (medians and ratios
    # against a baseline it measures in the same run). -BenchFilter picks some by name.
    Invoke-Build
    $scripts = Get-ChildItem (Join-Path $Root 'bench') -Filter '*.ps1' | Where-Object BaseName -Like $BenchFilter | Sort-Object Name
    foreach ($script in $scripts) {
        Write-Host "== $($script.BaseName)"
        & dotnet pwsh -NoProfile -NonInteractive -File $script.FullName -ModulePath (Join-Path $ModuleOut 'DkpFips.psd1')
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    }
}

function Invoke-Demo {
    if (-not $SkipBuild) { Invoke-Build }
    $manifest = Join-Path $ModuleOut 'DkpFips.psd1'
    & dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$manifest'; Get-FipsBuild | Format-Table | Out-String -Width 120; Get-FipsBuild -KubernetesVersion 1.23 -Latest | Format-List | Out-String -Width 120"
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

Push-Location $Root
try {
    foreach ($step in $Task) {
        switch ($step) {
            'Clean' { if (Test-Path $Out) { Remove-Item $Out -Recurse -Force }; Write-Host 'Removed out/' }
            'Build' { Invoke-Build }
            'Test' { Invoke-Test }
            'Bench' { Invoke-Bench }
            'Demo' { Invoke-Demo }
            'Package' { Invoke-Package }
        }
    }
}
finally {
    Pop-Location
}
