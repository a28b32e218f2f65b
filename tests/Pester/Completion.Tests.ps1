# Tab completion through TabExpansion2, as a user presses Tab. The soft value lists (versions,
# DKP releases, providers, regions) are checked on every exported parameter of those names, so
# cmdlets added later are covered without editing this file.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $kinds = @{
        KubernetesVersion = 'KubernetesVersion'; CurrentVersion = 'KubernetesVersion'; ExpectedBuild = 'KubernetesVersion'
        EtcdVersion = 'EtcdVersion'; DkpVersion = 'DkpRelease'; Provider = 'Provider'; Region = 'Region'; AmiRegions = 'Region'
    }
    $script:softParameters = @(foreach ($c in Get-Command -Module DkpFips -CommandType Cmdlet) {
            foreach ($p in $c.Parameters.Values | Where-Object { $kinds.ContainsKey($_.Name) }) {
                @{ Command = $c.Name; Parameter = $p.Name; Kind = $kinds[$p.Name] }
            }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Fake = Join-Path $RepoRoot 'out/bin/FakeDkp/Release/net10.0/FakeDkp'
    if ($IsWindows) { $script:Fake += '.exe' }

    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }
}

Describe 'Completion of <Command> -<Parameter> (<Kind>)' -ForEach $softParameters {
    It 'has an argument completer, not a fixed set' {
        $attributes = (Get-Command $Command).Parameters[$Parameter].Attributes
        $attributes.Where({ $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }) | Should -Not -BeNullOrEmpty
        $attributes.Where({ $_ -is [System.Management.Automation.ValidateSetAttribute] }) | Should -BeNullOrEmpty
    }

    It 'completes through TabExpansion2, with tooltips' {
        $typed, $expected, $absent = switch ($Kind) {
            'KubernetesVersion' { '1.23', 'v1.23.7+fips.0', 'v1.22.8+fips.0' }
            'EtcdVersion' { '3.4', '3.4.13+fips.0', '3.5.5+fips.0' }
            'DkpRelease' { '2.3', '2.3', '2.2' }
            'Provider' { 'v', 'vsphere', 'aws' }
            'Region' { 'eu-central', 'eu-central-1', 'us-east-1' }
        }
        $matches = Get-Completion "$Command -$Parameter $typed"
        $matches.CompletionText | Should -Contain $expected
        $matches.CompletionText | Should -Not -Contain $absent
        $matches | ForEach-Object { $_.ToolTip | Should -Not -BeNullOrEmpty; $_.ToolTip | Should -Not -Be $_.CompletionText }
    }
}

Describe 'Provider completion' {
    It 'offers exactly the providers that can carry a FIPS cluster' {
        (Get-Completion 'New-DkpFipsCluster -Provider ').CompletionText | Should -Be @('aws', 'vsphere', 'preprovisioned')
    }
}

Describe 'Cluster name completion from the batch journal' {
    BeforeAll {
        # A real batch through the dkp double: fips-b fails, the others succeed; then fips-c's second run fails.
        $script:dir = Join-Path $TestDrive 'batch'
        $null = New-Item -ItemType Directory $dir
        $script:journal = Join-Path $dir 'batch.jsonl'
        $env:FAKEDKP_FAIL_CLUSTERS = 'fips-b'
        $rows = 'fips-a', 'fips-b', 'fips-c', 'other-1' | ForEach-Object { [pscustomobject]@{ ClusterName = $_ } }
        $script:results = $rows | New-DkpFipsCluster -KubernetesVersion 1.23 -AmiId ami-03dcaa75d45aca36f -DkpPath $Fake -JournalPath $journal -LogDirectory $dir -ErrorAction SilentlyContinue
        $env:FAKEDKP_FAIL_CLUSTERS = 'fips-c'
        $null = New-DkpFipsCluster fips-c -KubernetesVersion 1.23 -AmiId ami-03dcaa75d45aca36f -DkpPath $Fake -JournalPath $journal -LogDirectory $dir -ErrorAction SilentlyContinue
        Remove-Item env:FAKEDKP_FAIL_CLUSTERS
    }

    AfterEach {
        Remove-Item env:DKPFIPS_JOURNAL_PATH -ErrorAction SilentlyContinue
    }

    It 'ran a real batch that journaled every cluster' {
        ($results | Sort-Object ClusterName).Status | Should -Be @('Succeeded', 'Failed', 'Succeeded', 'Succeeded')
        @(Get-Content $journal).Count | Should -Be 5
    }

    It 'offers Test-DkpFipsCluster every cluster of the journal DKPFIPS_JOURNAL_PATH names, with its latest status and time' {
        $env:DKPFIPS_JOURNAL_PATH = $journal
        $matches = Get-Completion 'Test-DkpFipsCluster -Kubeconfig ./fips.conf -ClusterName fips'
        $matches.CompletionText | Should -Be @('fips-a', 'fips-b', 'fips-c')
        $matches | ForEach-Object { $_.ResultType | Should -Be 'ParameterValue' }
        $matches[0].ToolTip | Should -Match '^Succeeded \d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d \(exit 0, took \d\d:\d\d:\d\d, log .*fips-a-.*\.log\)$'
        $matches[1].ToolTip | Should -Match '^Failed \d{4}-\d\d-\d\d .*\(exit 1,'
        # The latest record wins: fips-c succeeded first, then failed.
        $matches[2].ToolTip | Should -Match '^Failed '
    }

    It 'offers Update-DkpFipsCluster the same names, by -ClusterName and its position' {
        $env:DKPFIPS_JOURNAL_PATH = $journal
        (Get-Completion 'Update-DkpFipsCluster -ClusterName oth').CompletionText | Should -Be @('other-1')
        (Get-Completion 'Update-DkpFipsCluster f').CompletionText | Should -Be @('fips-a', 'fips-b', 'fips-c')
    }

    It 'offers New-DkpFipsCluster the clusters a resumed batch would create, from -JournalPath on the same line' {
        $line = "New-DkpFipsCluster -JournalPath '$journal' -Resume -ClusterName "
        (Get-Completion $line).CompletionText | Should -Be @('fips-b', 'fips-c')
    }

    It 'resolves a relative -JournalPath against the current location, and prefers it to DKPFIPS_JOURNAL_PATH' {
        $other = Join-Path $TestDrive 'other.jsonl'
        '{"time":"2026-11-30T10:00:00.0000000+00:00","name":"elsewhere","status":"Failed","exitCode":1}' | Set-Content $other
        $env:DKPFIPS_JOURNAL_PATH = $other
        Push-Location $dir
        try { (Get-Completion 'New-DkpFipsCluster -JournalPath ./batch.jsonl -ClusterName ').CompletionText | Should -Be @('fips-b', 'fips-c') }
        finally { Pop-Location }
        (Get-Completion 'New-DkpFipsCluster -ClusterName ').CompletionText | Should -Be @('elsewhere')
        (Get-Completion 'New-DkpFipsCluster -ClusterName ')[0].ToolTip | Should -Be 'Failed 2026-11-30 10:00:00 +00:00 (exit 1)'
    }

    It 'quotes a recorded name that needs it' {
        $odd = Join-Path $TestDrive 'odd.jsonl'
        '{"name":"it''s mine","status":"Succeeded"}' | Set-Content $odd
        $env:DKPFIPS_JOURNAL_PATH = $odd
        $match = Get-Completion 'Test-DkpFipsCluster -ClusterName '
        $match.CompletionText | Should -Be @("'it''s mine'")
        $match.ListItemText | Should -Be @("it's mine")
    }

    It 'offers nothing, and writes no error, for a corrupt, missing or unreadable journal (<Case>)' -ForEach @(
        @{ Case = 'binary garbage' }, @{ Case = 'not JSON' }, @{ Case = 'missing' }, @{ Case = 'a directory' }, @{ Case = 'no journal at all' }
    ) {
        $path = Join-Path $TestDrive "corrupt-$($Case -replace '\W', '')"
        switch ($Case) {
            'binary garbage' { [IO.File]::WriteAllBytes($path, [byte[]](0x7b, 0x00, 0xff, 0xfe, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x5b, 0x31)) }
            'not JSON' { Set-Content $path -Value "name,status`nfips-a,Succeeded`n{`"name`":`"fips-x`",`"status`":" }
            'a directory' { $null = New-Item -ItemType Directory $path }
        }
        if ($Case -ne 'no journal at all') { $env:DKPFIPS_JOURNAL_PATH = $path }
        $Error.Clear()
        Get-Completion 'Test-DkpFipsCluster -ClusterName ' | Where-Object ResultType -EQ 'ParameterValue' | Should -BeNullOrEmpty
        Get-Completion "New-DkpFipsCluster -JournalPath '$path' -ClusterName f" | Where-Object ResultType -EQ 'ParameterValue' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}

Describe 'DKPFIPS_JOURNAL_PATH as New-DkpFipsCluster''s journal' {
    AfterEach {
        Remove-Item env:DKPFIPS_JOURNAL_PATH -ErrorAction SilentlyContinue
    }

    It 'journals there when -JournalPath is left out, and -Resume skips what it records as succeeded' {
        $env:DKPFIPS_JOURNAL_PATH = Join-Path $TestDrive 'default/journal.jsonl'
        $first = New-DkpFipsCluster env-1 -KubernetesVersion 1.23 -AmiId ami-03dcaa75d45aca36f -DkpPath $Fake -LogDirectory $TestDrive
        $first.Status | Should -Be 'Succeeded'
        (Get-Content $env:DKPFIPS_JOURNAL_PATH | ConvertFrom-Json).name | Should -Be 'env-1'
        $again = 'env-1', 'env-2' | ForEach-Object { [pscustomobject]@{ ClusterName = $_ } } |
            New-DkpFipsCluster -KubernetesVersion 1.23 -AmiId ami-03dcaa75d45aca36f -DkpPath $Fake -LogDirectory $TestDrive -Resume
        ($again | Sort-Object ClusterName).Status | Should -Be @('Skipped', 'Succeeded')
        (Get-Completion 'Test-DkpFipsCluster -ClusterName env').CompletionText | Should -Be @('env-1', 'env-2')
    }
}
