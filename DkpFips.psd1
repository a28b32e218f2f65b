#
# Module manifest for DkpFips. ModuleVersion below is the single source of the version:
# Directory.Build.props reads it for the assemblies, build.ps1 copies this file into the
# assembled module.
#
@{
    RootModule             = 'DkpFips.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '6c0f7d2e-3b1a-4f57-9d7e-2a8f4e1c9b35'
    Author                 = 'DkpFips contributors'
    CompanyName            = 'DkpFips'
    Copyright              = '(c) 2026 DkpFips contributors. MIT License.'
    Description            = 'Create and prove FIPS-140 Kubernetes clusters on D2iQ DKP and Nutanix NKP: the catalog of supported FIPS builds, the exact dkp create flags, and checks for machine images, registries and running clusters.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('DkpFips.format.ps1xml')
    CmdletsToExport        = @('ConvertTo-DkpFipsPipelineMatrix', 'Copy-FipsBuild', 'Export-DkpFipsReport', 'Export-FipsCatalog', 'Find-FipsBuild', 'Get-FipsBuild', 'Import-DkpFipsClusterSpec', 'New-DkpFipsCluster', 'New-FipsAmi', 'Publish-FipsBuild', 'Save-FipsBuild', 'Test-DkpFipsCluster', 'Test-FipsAmi', 'Test-FipsBuild', 'Update-DkpFipsCluster')
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('DKP', 'NKP', 'FIPS', 'FIPS-140', 'Kubernetes', 'ClusterAPI', 'D2iQ', 'Nutanix', 'Compliance', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/dkpfips/DkpFips/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/dkpfips/DkpFips'
            ReleaseNotes = 'See README.md.'
        }
    }
}
