# Format views and ToString() of every output type, read from the shipped format file and the
# cmdlet assembly: views and types added later are covered without editing this file.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    [xml] $format = Get-Content -Raw (Join-Path (Split-Path $ModuleManifest) 'DkpFips.format.ps1xml')
    $script:tables = @(foreach ($view in $format.Configuration.ViewDefinitions.View | Where-Object { $_['TableControl'] }) {
            $control = $view.TableControl
            @{
                View = $view.Name
                TypeName = $view.ViewSelectedBy.TypeName
                Labels = @($control.TableHeaders.TableColumnHeader | ForEach-Object { $_.Label })
                Widths = @($control.TableHeaders.TableColumnHeader | ForEach-Object { if ($_['Width']) { [int]$_.Width } else { 0 } })
                Properties = @($control.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem | ForEach-Object { $_.PropertyName })
            }
        })
    # The output types: the public classes of the cmdlet assembly's DkpFips namespace (Output/).
    $assembly = (Get-Command -Module DkpFips -CommandType Cmdlet | Select-Object -First 1).ImplementingType.Assembly
    $script:outputTypes = @($assembly.GetExportedTypes() | Where-Object { $_.Namespace -eq 'DkpFips' -and $_.IsClass } | ForEach-Object { @{ Name = $_.FullName } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'Output type <Name>' -ForEach $outputTypes {
    It 'has a format view and its own ToString()' {
        $type = $Name -as [type]
        Get-FormatData -TypeName $Name | Should -Not -BeNullOrEmpty -Because "$Name needs a view in DkpFips.format.ps1xml"
        $type.GetMethod('ToString', [type[]]@()).DeclaringType | Should -Be $type -Because "$Name should say what it is in a string"
    }
}

Describe 'Table view <View>' -ForEach $tables {
    It 'reads properties only (no script blocks: they cost ~170 ms on first formatting)' {
        $Properties | Should -HaveCount $Labels.Count
        $Properties | ForEach-Object { $_ | Should -Not -BeNullOrEmpty }
    }

    It 'fits 120 columns: fixed widths hold their labels, and an open last column keeps room for its label' {
        for ($i = 0; $i -lt $Labels.Count - 1; $i++) {
            $Widths[$i] | Should -BeGreaterOrEqual $Labels[$i].Length -Because "column $($Labels[$i]) needs a width that shows its label"
        }
        $last = $Labels.Count - 1
        $fixed = ($Widths[0..$last] | Measure-Object -Sum).Sum + $last
        $room = if ($Widths[$last]) { $Widths[$last] } else { $Labels[$last].Length }
        if ($Widths[$last]) { $fixed | Should -BeLessOrEqual 120 }
        else { ($fixed + $room) | Should -BeLessOrEqual 120 -Because "the open column $($Labels[$last]) needs room for its label" }
    }

    It 'renders an object with long values in 120 columns, every column present and none truncated to nothing' {
        $sample = [ordered]@{ PSTypeName = $TypeName }
        foreach ($property in $Properties) { $sample[$property] = 'W' * 200 }
        $text = [pscustomobject]$sample | Format-Table | Out-String -Width 120
        $lines = @($text -split '\r?\n' | Where-Object { $_.Trim() })
        # Three lines, or more when the view wraps its last column.
        $lines.Count | Should -BeGreaterOrEqual 3
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
        $dashes = [regex]::Matches($lines[1], '-+')
        $dashes.Count | Should -Be $Labels.Count -Because 'no column may be dropped at 120 columns'
        for ($i = 0; $i -lt $dashes.Count; $i++) {
            $lines[0].Substring($dashes[$i].Index).Trim() | Should -BeLike "$($Labels[$i])*"
            $end = [Math]::Min($lines[2].Length, $dashes[$i].Index + $dashes[$i].Length)
            # Left-aligned columns cut on the right, right-aligned ones (counts) on the left.
            $lines[2].Substring($dashes[$i].Index, $end - $dashes[$i].Index).Trim() | Should -Match '^(W+…?|…?W+)$'
        }
    }
}
