BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Ec2 = Start-FakeEc2
    # A KIB FIPS image served by tests/DkpFips.FakeEc2.
    $script:TestAmi = "Test-FipsAmi ami-0f1a2b3c4d5e60001 us-east-1 -EndpointUrl '$($Ec2.Url)' -AccessKey AKIDEXAMPLE000000001 -SecretKey x -Quiet"
}

AfterAll {
    Stop-FakeEc2 $Ec2
}

Describe 'The assembled module' {
    It 'has a valid manifest exporting exactly its cmdlets' {
        $manifest = Test-ModuleManifest -Path $ModuleManifest
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        $manifest.ExportedFunctions.Count | Should -Be 0
        $manifest.ExportedAliases.Count | Should -Be 0
        $manifest.ExportedCmdlets.Keys | Should -Be @('Get-FipsBuild', 'Test-FipsAmi')
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
'ami:' + ($TestAmi)
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -match '^(DkpFips.Core|YamlDotNet|AWSSDK.Core|AWSSDK.EC2)$' } | ForEach-Object {
    'use:' + `$_.GetName().Name + '@' + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name
}
"@
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Contain 'import:DkpFips'
        $r.Output | Should -Contain 'use:DkpFips.Core@DkpFips'
        $r.Output | Should -Contain 'use:YamlDotNet@DkpFips'
        $r.Output | Should -Contain 'ami:True'
        $r.Output | Should -Contain 'use:AWSSDK.Core@DkpFips'
        $r.Output | Should -Contain 'use:AWSSDK.EC2@DkpFips'
    }

    It 'works after another module loaded older AWSSDK.Core and YamlDotNet (<Order>)' -ForEach @(
        @{ Order = 'theirs first' }, @{ Order = 'DkpFips first' }
    ) {
        $aws = Join-Path (Get-NuGetPackagePath 'AWSSDK.Core' '3.7.402') 'lib/netcoreapp3.1/AWSSDK.Core.dll'
        $yaml = Join-Path (Get-NuGetPackagePath 'YamlDotNet' '11.2.1') 'lib/netstandard2.1/YamlDotNet.dll'
        $aws, $yaml | ForEach-Object { $_ | Should -Exist }
        $theirs = "Add-Type -Path '$aws'; Add-Type -Path '$yaml'; 'theirs:' + [YamlDotNet.Serialization.Deserializer].Assembly.GetName().Version"
        $ours = "Import-Module '$ModuleManifest'; 'ours:' + (Get-FipsBuild 1.23 -Latest).KubernetesVersion; 'ami:' + ($TestAmi)"
        $script = if ($Order -eq 'theirs first') { "$theirs; $ours" } else { "$ours; $theirs" }
        $script += @"
; 'yaml:' + ((Get-FipsBuild -DkpVersion 2.2).EtcdImageTag)
'versions:' + (([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'YamlDotNet' } | ForEach-Object { `$_.GetName().Version.Major } | Sort-Object) -join ',')
'aws:' + (([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' } | ForEach-Object { `$_.GetName().Version.Major } | Sort-Object) -join ',')
'theirs-aws:' + [Amazon.Runtime.AWSCredentials].Assembly.GetName().Version.Major
"@
        $r = Invoke-FreshPwsh $script
        $r.Output -join "`n" | Should -Not -Match 'Exception|Error'
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Contain 'theirs:11.0.0.0'
        $r.Output | Should -Contain 'ours:v1.23.7+fips.0'
        $r.Output | Should -Contain 'yaml:v3.4.13_fips.0'
        $r.Output | Should -Contain 'versions:11,16'
        $r.Output | Should -Contain 'ami:True'
        $r.Output | Should -Contain 'aws:3,4'
        $r.Output | Should -Contain 'theirs-aws:3'
    }

    It 'can be imported with -Force twice in a row and still works' {
        $r = Invoke-FreshPwsh "Import-Module '$ModuleManifest'; `$null = Get-FipsBuild; Import-Module '$ModuleManifest' -Force; Import-Module '$ModuleManifest' -Force; (Get-FipsBuild -DkpVersion 2.1).KubernetesVersion; Remove-Module DkpFips; Import-Module '$ModuleManifest'; (Get-FipsBuild -DkpVersion 2.2).KubernetesVersion"
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Be @('v1.21.6+fips.0', 'v1.22.8+fips.0')
    }

    It 'ships exactly the files of its layout' {
        $root = Split-Path $ModuleManifest
        $files = Get-ChildItem $root -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/') } | Sort-Object
        $files | Should -Be @('dependencies/AWSSDK.Core.dll', 'dependencies/AWSSDK.EC2.dll', 'dependencies/DkpFips.Core.dll', 'dependencies/YamlDotNet.dll', 'DkpFips.dll', 'DkpFips.format.ps1xml', 'DkpFips.LoadContext.dll', 'DkpFips.psd1', 'LICENSE')
    }
}
