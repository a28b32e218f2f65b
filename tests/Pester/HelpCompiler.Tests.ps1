# build/HelpCompiler turns docs/*.md into MAML: a file that breaks the PlatyPS schema fails the
# build (non-zero exit) with the file and line, and writes no help file.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:compiler = Join-Path $RepoRoot 'out/bin/HelpCompiler/Release/net10.0/HelpCompiler.dll'
    $script:good = Get-Content -Raw (Join-Path $RepoRoot 'docs/Get-FipsBuild.md')

    function Invoke-HelpCompiler([string] $Markdown, [string] $Name = 'Get-FipsBuild') {
        $docs = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $out = Join-Path $docs 'out'
        $null = New-Item -ItemType Directory $docs
        Set-Content -LiteralPath (Join-Path $docs "$Name.md") -Value $Markdown -NoNewline
        $lines = & dotnet $compiler $docs $out 'DkpFips.dll' 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $lines -join "`n"; Maml = Join-Path $out 'DkpFips.dll-Help.xml' }
    }
}

Describe 'HelpCompiler' {
    It 'compiles a PlatyPS file into MAML' {
        $r = Invoke-HelpCompiler $good
        $r.ExitCode | Should -Be 0
        ([xml](Get-Content -Raw $r.Maml)).helpItems.command.details.name | Should -Be 'Get-FipsBuild'
    }

    It 'fails on <Case>, naming the file and the problem' -ForEach @(
        @{ Case = 'a missing section'; Edit = { param($t) $t -replace '(?ms)^## EXAMPLES.*?(?=^## PARAMETERS)', '' }; Message = "*expected '## EXAMPLES'*" }
        @{ Case = 'sections out of order'; Edit = { param($t) $t -replace '## SYNOPSIS', '## DESCRIPTIONX' }; Message = '*Get-FipsBuild.md*' }
        @{ Case = 'a parameter without its yaml block'; Edit = { param($t) $t -replace '(?s)(### -Latest.*?)```yaml.*?```', '$1' }; Message = '*-Latest has no *yaml metadata block*' }
        @{ Case = 'an unknown yaml key'; Edit = { param($t) $t -replace 'Accept wildcard characters:', 'Accepts wildcards:' }; Message = '*unknown parameter metadata key*' }
        @{ Case = 'no front matter'; Edit = { param($t) $t -replace '(?s)^---.*?---\r?\n', '' }; Message = '*front matter*' }
        @{ Case = 'a title that is not the file name'; Edit = { param($t) $t -replace '(?m)^# Get-FipsBuild$', '# Get-FipsBuilds' }; Message = '*does not match the file name*' }
    ) {
        $r = Invoke-HelpCompiler (& $Edit $good)
        $r.ExitCode | Should -Be 1
        $r.Output | Should -BeLike '*Get-FipsBuild.md*'
        $r.Output | Should -BeLike $Message
        $r.Maml | Should -Not -Exist
    }
}
