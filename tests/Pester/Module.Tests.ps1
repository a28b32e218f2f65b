BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Ec2 = Start-FakeEc2
    # A KIB FIPS image served by tests/DkpFips.FakeEc2.
    $script:TestAmi = "Test-FipsAmi ami-0f1a2b3c4d5e60001 us-east-1 -EndpointUrl '$($Ec2.Url)' -AwsCredential ([pscredential]::new('AKIDEXAMPLE000000001', (ConvertTo-SecureString 'x' -AsPlainText -Force))) -Quiet"
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
        # Exactly the cmdlet classes the assembly holds: none missing from the list, none extra.
        $declared = @((Import-PowerShellDataFile $ModuleManifest).CmdletsToExport) | Sort-Object
        $manifest.ExportedCmdlets.Keys | Sort-Object | Should -Be $declared
        $assembly = [Reflection.Assembly]::LoadFrom((Join-Path (Split-Path $ModuleManifest) 'DkpFips.dll'))
        $implemented = @($assembly.GetExportedTypes() | ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" }) | Sort-Object
        $implemented | Should -Be $declared
    }

    It 'describes itself for a gallery: description, tags, project and licence links, format file, no variables, a sorted cmdlet list' {
        $data = Import-PowerShellDataFile $ModuleManifest
        $data.Description.Length | Should -BeGreaterThan 40
        $data.PrivateData.PSData.Tags | Should -Contain 'FIPS'
        $data.PrivateData.PSData.ProjectUri | Should -BeLike 'https://*'
        $data.PrivateData.PSData.LicenseUri | Should -BeLike 'https://*'
        $data.FormatsToProcess | Should -Be @('DkpFips.format.ps1xml')
        @($data.VariablesToExport).Count | Should -Be 0
        $data.CmdletsToExport | Should -Be @($data.CmdletsToExport | Sort-Object) -Because 'a sorted list merges cleanly'
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
'ami:' + ($TestAmi)
'aws:' + (& `$loaded)
'json:' + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext([System.Text.Json.JsonSerializer].Assembly).Name + '@' + [System.Text.Json.JsonSerializer].Assembly.Location.StartsWith((Split-Path '$ModuleManifest'))
"@
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Contain 'import:DkpFips@Default'
        # The built-in catalog is compiled in: no YAML parser is needed for it.
        $r.Output | Should -Contain 'builtin:DkpFips.Core@DkpFips,DkpFips.LoadContext@Default,DkpFips@Default'
        $r.Output | Should -Contain 'userfile:DkpFips.Core@DkpFips,DkpFips.LoadContext@Default,DkpFips@Default,YamlDotNet@DkpFips'
        $r.Output | Should -Contain 'ami:True'
        # The AWS SDK loads only when Test-FipsAmi runs, into the private context.
        $r.Output | Should -Contain 'aws:AWSSDK.Core@DkpFips,AWSSDK.EC2@DkpFips,DkpFips.Core@DkpFips,DkpFips.LoadContext@Default,DkpFips@Default,YamlDotNet@DkpFips'
        # The polyfills shipped for Windows PowerShell stay unused: the runtime's copy serves.
        $r.Output | Should -Contain 'json:Default@False'
    }

    It 'gives every failure kind an ErrorCategory in its one error map' {
        # ErrorMap is the only place a kind becomes an ErrorId and a category: a kind added to the
        # engine without a category would reach users as NotSpecified.
        $r = Invoke-FreshPwsh @"
Import-Module '$ModuleManifest'
`$map = (Get-Module DkpFips).ImplementingAssembly.GetType('DkpFips.Infrastructure.ErrorMap', `$true)
`$isMapped = `$map.GetMethod('IsMapped', [Reflection.BindingFlags]'Static,Public,NonPublic')
`$kinds = [Enum]::GetValues(`$isMapped.GetParameters()[0].ParameterType)
'kinds:' + `$kinds.Count
'unmapped:' + ((`$kinds | Where-Object { -not `$isMapped.Invoke(`$null, @(`$_)) }) -join ',')
"@
        $r.ExitCode | Should -Be 0
        [int](($r.Output | Where-Object { $_ -like 'kinds:*' }) -replace 'kinds:') | Should -BeGreaterThan 100
        $r.Output | Should -Contain 'unmapped:'
    }

    It 'works after another module loaded older AWSSDK.Core and YamlDotNet (<Order>)' -ForEach @(
        @{ Order = 'theirs first' }, @{ Order = 'DkpFips first' }
    ) {
        $aws = Join-Path (Get-NuGetPackagePath 'AWSSDK.Core' '3.7.402') 'lib/netcoreapp3.1/AWSSDK.Core.dll'
        $yaml = Join-Path (Get-NuGetPackagePath 'YamlDotNet' '11.2.1') 'lib/netstandard2.1/YamlDotNet.dll'
        $catalog = Join-Path (Split-Path $ModuleManifest) 'catalog/BuiltInCatalog.yaml'
        $aws, $yaml | ForEach-Object { $_ | Should -Exist }
        $theirs = "Add-Type -Path '$aws'; Add-Type -Path '$yaml'; 'theirs:' + [YamlDotNet.Serialization.Deserializer].Assembly.GetName().Version"
        $ours = "Import-Module '$ModuleManifest'; 'ours:' + (Get-FipsBuild 1.23.7 -CatalogPath '$catalog').KubernetesVersion; 'ami:' + ($TestAmi)"
        $script = if ($Order -eq 'theirs first') { "$theirs; $ours" } else { "$ours; $theirs" }
        $script += @"
; 'yaml:' + ((Get-FipsBuild -DkpVersion 2.2 -CatalogPath '$catalog').EtcdImageTag)
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
        $r.Output | Should -Contain 'versions:11,18'
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
        $files | Should -Be @('catalog/BuiltInCatalog.yaml', 'dependencies/AWSSDK.Core.dll', 'dependencies/AWSSDK.EC2.dll', 'dependencies/DkpFips.Core.dll', 'dependencies/DkpFips.Kubernetes.dll', 'dependencies/Fractions.dll', 'dependencies/ICSharpCode.SharpZipLib.dll', 'dependencies/KubernetesClient.dll', 'dependencies/Microsoft.Bcl.AsyncInterfaces.dll', 'dependencies/System.Buffers.dll', 'dependencies/System.Memory.dll', 'dependencies/System.Numerics.Vectors.dll', 'dependencies/System.Runtime.CompilerServices.Unsafe.dll', 'dependencies/System.Text.Encodings.Web.dll', 'dependencies/System.Text.Json.dll', 'dependencies/System.Threading.Tasks.Extensions.dll', 'dependencies/YamlDotNet.dll', 'DkpFips.dll', 'DkpFips.format.ps1xml', 'DkpFips.LoadContext.dll', 'DkpFips.psd1', 'en-US/about_DkpFips.help.txt', 'en-US/DkpFips.dll-Help.xml', 'LICENSE')
    }
}
