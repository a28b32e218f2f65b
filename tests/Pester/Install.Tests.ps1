# Install as a user would: from a PSResourceGet repository into an empty module path.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:repo = Join-Path $RepoRoot 'out/repo'
}

Describe 'Installing DkpFips from a repository' {
    It 'installs with Install-PSResource, imports by name and runs the README example' {
        $package = Get-ChildItem $repo -Filter 'DkpFips.*.nupkg' -ErrorAction SilentlyContinue
        $package | Should -Not -BeNullOrEmpty -Because 'build.ps1 -Task Test publishes the package first'
        # A home of its own: PSResourceGet installs CurrentUser modules under HOME and keeps its
        # repository list under XDG_DATA_HOME; neither may touch the real user's.
        $home2 = Join-Path $TestDrive 'home'
        $data = Join-Path $home2 '.local/share'
        # .NET reports a special folder that does not exist as '' (and PSResourceGet would then
        # write to the current directory), so the folder must exist first.
        $null = New-Item -ItemType Directory -Force $data
        $script = @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = (Join-Path `$env:XDG_DATA_HOME 'powershell/Modules') + [IO.Path]::PathSeparator + (Join-Path `$PSHOME 'Modules')
'before:' + [bool](Get-Module -ListAvailable DkpFips)
Register-PSResourceRepository -Name Local -Uri '$repo' -Trusted
Install-PSResource -Name DkpFips -Repository Local -Scope CurrentUser -Quiet
Import-Module DkpFips
'loaded-from:' + (Get-Module DkpFips).ModuleBase
'example:' + (Get-FipsBuild -KubernetesVersion 1.23 -Latest).KubernetesVersion
(Get-ChildItem (Get-Module DkpFips).ModuleBase -Recurse -File | ForEach-Object { 'file:' + [IO.Path]::GetRelativePath((Get-Module DkpFips).ModuleBase, `$_.FullName).Replace('\', '/') })
"@
        $r = Invoke-FreshPwsh $script -Environment @{ HOME = $home2; XDG_DATA_HOME = $data }
        $r.Output -join "`n" | Should -Not -Match 'Exception|Error'
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Contain 'before:False'
        ($r.Output | Where-Object { $_ -like 'loaded-from:*' }) | Should -BeLike "loaded-from:$data*"
        # -Latest of the 1.23 line: the DKP 2.3.2 patch release's build.
        $r.Output | Should -Contain 'example:v1.23.12+fips.0'
        $installed = $r.Output | Where-Object { $_ -like 'file:*' } | ForEach-Object { $_.Substring(5) } | Where-Object { $_ -ne 'PSGetModuleInfo.xml' } | Sort-Object
        $built = Get-ChildItem (Split-Path $ModuleManifest) -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath((Split-Path $ModuleManifest), $_.FullName).Replace('\', '/') } | Sort-Object
        $installed | Should -Be $built
    }
}
