<#
.SYNOPSIS
    Runs the Pester tests against the assembled module, in this (fresh) process.
    Called by build.ps1 -Task Test; writes JUnit XML and exits 1 on any failure.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force

# The tests import the module from here, exactly as a user would.
$env:DKPFIPS_TEST_MODULE = (Resolve-Path $ModulePath).Path
$env:DKPFIPS_TEST_ROOT = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path

$config = New-PesterConfiguration
$config.Run.Path = Join-Path $PSScriptRoot 'Pester'
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'JUnitXml'
$config.TestResult.OutputPath = $OutputPath

$result = Invoke-Pester -Configuration $config
"Pester: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped"
if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') { exit 1 }
exit 0
