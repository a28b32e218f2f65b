BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'The assembled module' {
    It 'has a valid manifest exporting exactly its cmdlets' {
        $manifest = Test-ModuleManifest -Path $ModuleManifest
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        $manifest.ExportedFunctions.Count | Should -Be 0
        $manifest.ExportedAliases.Count | Should -Be 0
        $manifest.ExportedCmdlets.Keys | Should -Contain 'Get-FipsBuild'
    }

    It 'carries the version of DkpFips.psd1 in its assemblies' {
        $version = (Import-PowerShellDataFile $ModuleManifest).ModuleVersion
        $dll = Join-Path (Split-Path $ModuleManifest) 'DkpFips.dll'
        [Reflection.AssemblyName]::GetAssemblyName($dll).Version.ToString(3) | Should -Be $version
    }

    It 'loads none of its libraries on import, and each into the private context only when needed' {
        $catalog = Join-Path (Split-Path $ModuleManifest) 'catalog/BuiltInCatalog.yaml'
        $r = Invoke-FreshPwsh @"
`$loaded = { ([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -match '^(DkpFips|YamlDotNet|AWSSDK|KubernetesClient)' } | ForEach-Object {
    `$_.GetName().Name + '@' + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name } | Sort-Object) -join ',' }
Import-Module '$ModuleManifest'
'import:' + (& `$loaded)
`$null = Get-FipsBuild
'builtin:' + (& `$loaded)
`$null = Get-FipsBuild -CatalogPath '$catalog'
'userfile:' + (& `$loaded)
"@
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Contain 'import:DkpFips@Default'
        # The built-in catalog is compiled in: no YAML parser is needed for it.
        $r.Output | Should -Contain 'builtin:DkpFips.Core@DkpFips,DkpFips.LoadContext@Default,DkpFips@Default'
        $r.Output | Should -Contain 'userfile:DkpFips.Core@DkpFips,DkpFips.LoadContext@Default,DkpFips@Default,YamlDotNet@DkpFips'
    }

    It 'works after another module loaded older AWSSDK.Core and YamlDotNet (<Order>)' -ForEach @(
        @{ Order = 'theirs first' }, @{ Order = 'DkpFips first' }
    ) {
        $aws = Join-Path (Get-NuGetPackagePath 'AWSSDK.Core' '3.7.402') 'lib/netcoreapp3.1/AWSSDK.Core.dll'
        $yaml = Join-Path (Get-NuGetPackagePath 'YamlDotNet' '11.2.1') 'lib/netstandard2.1/YamlDotNet.dll'
        $catalog = Join-Path (Split-Path $ModuleManifest) 'catalog/BuiltInCatalog.yaml'
        $aws, $yaml | ForEach-Object { $_ | Should -Exist }
        $theirs = "Add-Type -Path '$aws'; Add-Type -Path '$yaml'; 'theirs:' + [YamlDotNet.Serialization.Deserializer].Assembly.GetName().Version"
        $ours = "Import-Module '$ModuleManifest'; 'ours:' + (Get-FipsBuild 1.23 -Latest -CatalogPath '$catalog').KubernetesVersion"
        $script = if ($Order -eq 'theirs first') { "$theirs; $ours" } else { "$ours; $theirs" }
        $script += @"
; 'yaml:' + ((Get-FipsBuild -DkpVersion 2.2 -CatalogPath '$catalog').EtcdImageTag)
'versions:' + (([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'YamlDotNet' } | ForEach-Object { `$_.GetName().Version.Major } | Sort-Object) -join ',')
"@
        $r = Invoke-FreshPwsh $script
        $r.Output -join "`n" | Should -Not -Match 'Exception|Error'
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Contain 'theirs:11.0.0.0'
        $r.Output | Should -Contain 'ours:v1.23.7+fips.0'
        $r.Output | Should -Contain 'yaml:v3.4.13_fips.0'
        $r.Output | Should -Contain 'versions:11,18'
    }

    It 'can be imported with -Force twice in a row and still works' {
        $r = Invoke-FreshPwsh "Import-Module '$ModuleManifest'; `$null = Get-FipsBuild; Import-Module '$ModuleManifest' -Force; Import-Module '$ModuleManifest' -Force; (Get-FipsBuild -DkpVersion 2.1).KubernetesVersion; Remove-Module DkpFips; Import-Module '$ModuleManifest'; (Get-FipsBuild -DkpVersion 2.2).KubernetesVersion"
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Be @('v1.21.6+fips.0', 'v1.22.8+fips.0')
    }

    It 'ships exactly the files of its layout' {
        $root = Split-Path $ModuleManifest
        $files = Get-ChildItem $root -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/') } | Sort-Object
        $files | Should -Be @('catalog/BuiltInCatalog.yaml', 'dependencies/DkpFips.Core.dll', 'dependencies/DkpFips.Kubernetes.dll', 'dependencies/Fractions.dll', 'dependencies/KubernetesClient.dll', 'dependencies/YamlDotNet.dll', 'DkpFips.dll', 'DkpFips.format.ps1xml', 'DkpFips.LoadContext.dll', 'DkpFips.psd1', 'en-US/about_DkpFips.help.txt', 'en-US/DkpFips.dll-Help.xml', 'LICENSE')
    }
}
