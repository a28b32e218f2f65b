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

    It 'loads none of its libraries on import, and they load into the private context on first use' {
        $r = Invoke-FreshPwsh @"
Import-Module '$ModuleManifest'
`$names = { [AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { `$_.GetName().Name } }
'import:' + ((& `$names | Where-Object { `$_ -match '^(DkpFips|YamlDotNet|AWSSDK|KubernetesClient)' } | Sort-Object) -join ',')
`$null = Get-FipsBuild
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -match '^(DkpFips.Core|YamlDotNet)$' } | ForEach-Object {
    'use:' + `$_.GetName().Name + '@' + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name
}
"@
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Contain 'import:DkpFips'
        $r.Output | Should -Contain 'use:DkpFips.Core@DkpFips'
        $r.Output | Should -Contain 'use:YamlDotNet@DkpFips'
    }

    It 'works after another module loaded older AWSSDK.Core and YamlDotNet (<Order>)' -ForEach @(
        @{ Order = 'theirs first' }, @{ Order = 'DkpFips first' }
    ) {
        $aws = Join-Path (Get-NuGetPackagePath 'AWSSDK.Core' '3.7.402') 'lib/netcoreapp3.1/AWSSDK.Core.dll'
        $yaml = Join-Path (Get-NuGetPackagePath 'YamlDotNet' '11.2.1') 'lib/netstandard2.1/YamlDotNet.dll'
        $aws, $yaml | ForEach-Object { $_ | Should -Exist }
        $theirs = "Add-Type -Path '$aws'; Add-Type -Path '$yaml'; 'theirs:' + [YamlDotNet.Serialization.Deserializer].Assembly.GetName().Version"
        $ours = "Import-Module '$ModuleManifest'; 'ours:' + (Get-FipsBuild 1.23 -Latest).KubernetesVersion"
        $script = if ($Order -eq 'theirs first') { "$theirs; $ours" } else { "$ours; $theirs" }
        $script += @"
; 'yaml:' + ((Get-FipsBuild -DkpVersion 2.2).EtcdImageTag)
'versions:' + (([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'YamlDotNet' } | ForEach-Object { `$_.GetName().Version.Major } | Sort-Object) -join ',')
"@
        $r = Invoke-FreshPwsh $script
        $r.Output -join "`n" | Should -Not -Match 'Exception|Error'
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Contain 'theirs:11.0.0.0'
        $r.Output | Should -Contain 'ours:v1.23.7+fips.0'
        $r.Output | Should -Contain 'yaml:v3.4.13_fips.0'
        $r.Output | Should -Contain 'versions:11,16'
    }

    It 'can be imported with -Force twice in a row and still works' {
        $r = Invoke-FreshPwsh "Import-Module '$ModuleManifest'; `$null = Get-FipsBuild; Import-Module '$ModuleManifest' -Force; Import-Module '$ModuleManifest' -Force; (Get-FipsBuild -DkpVersion 2.1).KubernetesVersion; Remove-Module DkpFips; Import-Module '$ModuleManifest'; (Get-FipsBuild -DkpVersion 2.2).KubernetesVersion"
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Be @('v1.21.6+fips.0', 'v1.22.8+fips.0')
    }

    It 'ships exactly the files of its layout' {
        $root = Split-Path $ModuleManifest
        $files = Get-ChildItem $root -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/') } | Sort-Object
        $files | Should -Be @('dependencies/DkpFips.Core.dll', 'dependencies/YamlDotNet.dll', 'DkpFips.dll', 'DkpFips.format.ps1xml', 'DkpFips.LoadContext.dll', 'DkpFips.psd1', 'LICENSE')
    }
}
