# Every PowerShell block of the README runs in a fresh pwsh with the built module, in a working
# folder that has the repository's out/ (so ./out/DkpFips/DkpFips.psd1 resolves) and the files
# the README writes out in blocks preceded by <!-- file: name -->. Transcript blocks run their
# "PS> " lines. A block that cannot run here (a file share, a cloud) is preceded by
# <!-- covered-by: <test file> ... --> naming the test that runs the same commands.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $readme = Get-Content -Raw (Join-Path $RepoRoot 'README.md')
    $script:blocks = @([regex]::Matches($readme, '(?ms)(?:<!-- covered-by: (?<covered>\S+)[^>]*-->\s*)?^```powershell\r?\n(?<code>.*?)^```') | ForEach-Object {
            $code = $_.Groups['code'].Value
            # A transcript: run its "PS> " lines and their ">> " continuation lines.
            if ($code -match '(?m)^PS> ') { $code = (([regex]::Matches($code, '(?m)^(?:PS|>)> (.*)$') | ForEach-Object { $_.Groups[1].Value }) -join "`n") }
            @{ Line = ($readme.Substring(0, $_.Index) -split "`n").Count; Code = $code; CoveredBy = $_.Groups['covered'].Value }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:work = Join-Path $TestDrive 'readme'
    $null = New-Item -ItemType Directory $work
    $null = New-Item -ItemType SymbolicLink -Path (Join-Path $work 'out') -Target (Join-Path $RepoRoot 'out')
    $readme = Get-Content -Raw (Join-Path $RepoRoot 'README.md')
    foreach ($m in [regex]::Matches($readme, '(?ms)<!-- file: (?<name>\S+) -->\s*^```\w*\r?\n(?<content>.*?)^```')) {
        Set-Content -LiteralPath (Join-Path $work $m.Groups['name'].Value) -Value $m.Groups['content'].Value -NoNewline
    }
}

Describe 'README' {
    It 'lists every exported cmdlet with a one-line purpose, and has the sections a user needs' {
        Import-Module $ModuleManifest -Force
        $readme = Get-Content -Raw (Join-Path $RepoRoot 'README.md')
        foreach ($name in (Get-Command -Module DkpFips -CommandType Cmdlet).Name) {
            $readme | Should -Match "(?m)^\| ``$name`` \| \S.{10,} \|$" -Because "the Cmdlets table needs a row for $name"
        }
        foreach ($section in 'Install from a repository', 'Quick start', 'Windows PowerShell 5.1 and PowerShell 7', 'Cmdlets', 'Your own rows: catalog files', 'Azure DevOps', 'Troubleshooting') {
            $readme | Should -Match "(?m)^#+ $([regex]::Escape($section))" -Because "README needs a '$section' section"
        }
    }
}

Describe 'README set-up' {
    It 'runs the main job (build.ps1 -Task Demo) and lists the catalog' {
        # The same task as the README's first command, on the module this test run has built.
        $exe = [Environment]::ProcessPath
        [string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }
        $output = & $exe @prefix -NoProfile -NonInteractive -File (Join-Path $RepoRoot 'build.ps1') -Task Demo -SkipBuild 2>&1 6>$null
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $text = $output -join "`n"
        $text | Should -Match 'Release\s+KubernetesVersion\s+EtcdVersion'
        $text | Should -Match 'DKP\s+2\.3\s+v1\.23\.7\+fips\.0'
        $text | Should -Match 'DKP\s+2\.3\.2\s+v1\.23\.12\+fips\.0'
        # -Latest of the 1.23 line is the newest row, the 2.3.2 patch release, with its support per provider.
        $text | Should -Match 'KubernetesImageTag\s+:\s+v1\.23\.12_fips\.0'
        $text | Should -Match 'SupportByProvider\s+:\s+aws: CentOS 7\.9'
    }
}

Describe 'README PowerShell block at line <Line>' -ForEach $blocks {
    It 'runs without errors' -Skip:([bool]$CoveredBy) {
        # Blocks read as one session: each starts with the module a reader imported above.
        $r = Invoke-FreshPwsh "Set-Location '$work'; `$ErrorActionPreference = 'Stop'; try { Import-Module ./out/DkpFips/DkpFips.psd1; $Code } catch { 'FAILED: ' + `$_; exit 1 }"
        $r.Output | Where-Object { $_ -like 'FAILED:*' } | Should -BeNullOrEmpty
        $r.ExitCode | Should -Be 0
    }

    It 'names an existing test when it is covered elsewhere' -Skip:(-not $CoveredBy) {
        Join-Path $RepoRoot $CoveredBy | Should -Exist
    }
}
