BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'RegistryHelpers.ps1')
    Import-Module $ModuleManifest -Force

    # A canary password: it must never appear in any output, error or verbose message.
    $script:canary = 'CANARY-pester-3b8e1f'
    $script:registry = Start-TestRegistry -User 'fipsuser' -Password $canary -Tls
    $script:open = "$($registry.open)/mesosphere"
    $script:auth = "$($registry.auth)/mesosphere"
    $script:goodCredential = [pscredential]::new('fipsuser', (ConvertTo-SecureString $canary -AsPlainText -Force))
    $script:wrongCredential = [pscredential]::new('fipsuser', (ConvertTo-SecureString 'CANARY-wrong-c0ffee' -AsPlainText -Force))
}

AfterAll {
    Stop-TestRegistry $registry
}

Describe 'Test-FipsBuild' {
    Context 'against a real registry' {
        It 'proves a complete build, upstream images included, with the digests the registry serves' {
            $r = Get-FipsBuild -DkpVersion 2.3.1 | Test-FipsBuild -Registry $open -IncludeUpstream
            $r | Should -BeOfType ([DkpFips.FipsBuildRegistryTest])
            $r.IsComplete | Should -BeTrue
            $r.NotPresent | Should -Be 0
            $r.Registry | Should -Be $open
            $r.KubernetesVersion | Should -Be 'v1.23.7+fips.0'
            $r.Images.Name | Should -Be @('kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy', 'etcd', 'pause', 'coredns')
            $r.Images.Tag | Should -Be @('v1.23.7_fips.0', 'v1.23.7_fips.0', 'v1.23.7_fips.0', 'v1.23.7_fips.0', 'v3.4.13_fips.0', '3.6', 'v1.8.6')
            $r.Images | ForEach-Object { $_ | Should -BeOfType ([DkpFips.FipsImageCheck]); $_.Status | Should -Be 'Present'; $_.Digest | Should -Match '^sha256:[0-9a-f]{64}$' }
            ($r.Images | Where-Object IsUpstream).Name | Should -Be @('pause', 'coredns')
            $etcd = $r.Images | Where-Object Name -EQ 'etcd'
            $etcd.Platforms | Should -Be @('linux/amd64', 'linux/arm64')
            $etcd.HasLinuxAmd64 | Should -BeTrue
            $etcd.Reference | Should -Be "$open/etcd:v3.4.13_fips.0"
        }

        It 'checks only the FIPS images without -IncludeUpstream' {
            (Test-FipsBuild -KubernetesVersion 1.23.7+fips.0 -Registry $open).Images.Count | Should -Be 5
        }

        It 'lists the missing image first, in the object and in the default table' {
            $r = Test-FipsBuild 1.22 -Registry $open
            $r.IsComplete | Should -BeFalse
            $r.NotPresent | Should -Be 1
            $r.Images[0].Name | Should -Be 'kube-scheduler'
            $r.Images[0].Status | Should -Be 'Missing'
            $r.Images[0].Digest | Should -BeNullOrEmpty
            $r.Images[0].Message | Should -Match 'has no manifest mesosphere/kube-scheduler:v1.22.8_fips.0'
            $lines = ($r.Images | Out-String -Width 120) -split "`n" | Where-Object { $_.Trim() }
            $lines[0] | Should -Match '^Status\s+Name\s+Tag\s+Upstream\s+Digest'
            $lines[2] | Should -Match '^Missing\s+kube-scheduler\s+v1\.22\.8_fips\.0'
            $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
        }

        It 'reports a multi-platform index without linux/amd64 as PlatformMissing' {
            $r = Get-FipsBuild -DkpVersion 2.4 | Test-FipsBuild -Registry $open
            $r.IsComplete | Should -BeFalse
            $proxy = $r.Images[0]
            $proxy.Name | Should -Be 'kube-proxy'
            $proxy.Status | Should -Be 'PlatformMissing'
            $proxy.Platforms | Should -Be @('linux/arm64', 'linux/ppc64le')
            $proxy.HasLinuxAmd64 | Should -BeFalse
            $proxy.Digest | Should -Match '^sha256:'
        }

        It 'tests many builds in one go, in input order, and -Quiet gives one boolean per build' {
            $all = Get-FipsBuild -DkpVersion 2.2, 2.3.1, 2.4 | Test-FipsBuild -Registry $open
            $all.DkpVersion | Should -Be @('2.2', '2.3', '2.4')
            $all.IsComplete | Should -Be @($false, $true, $false)
            $quiet = Get-FipsBuild -DkpVersion 2.2, 2.3.1, 2.4 | Test-FipsBuild -Registry $open -Quiet
            $quiet | Should -Be @($false, $true, $false)
            $quiet | ForEach-Object { $_ | Should -BeOfType ([bool]) }
            # A line tests the one build the planners pick for it (the Documented 1.23.7, not 2.3.2's 1.23.12).
            Test-FipsBuild 1.23 -Registry $open -Quiet | Should -BeTrue
        }

        It 'takes Kubernetes versions by property name (Import-Csv rows)' {
            $rows = [pscustomobject]@{ KubernetesVersion = 'v1.23.7_fips.0' }, [pscustomobject]@{ KubernetesVersion = '1.22.8+fips.0' }
            ($rows | Test-FipsBuild -Registry $open).DkpVersion | Should -Be @('2.3', '2.2')
        }

        It 'reports each image on the verbose stream as it is checked, then the request count' {
            $verbose = Test-FipsBuild 1.22 -Registry $open -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
            $verbose | Should -HaveCount 6
            ($verbose.Message -match ': Missing - ') | Should -HaveCount 1
            ($verbose.Message -match ': Present sha256:[0-9a-f]{64}$') | Should -HaveCount 4
            # five HEADs, and a GET of the etcd index to read its platforms
            $verbose[-1].Message | Should -Be '6 HTTP request(s) for 1 build(s).'
        }

        It 'formats the build table within 120 columns' {
            $text = Test-FipsBuild 1.22, 1.23 -Registry $open | Out-String -Width 120
            $text | Should -Match 'IsComplete'
            $text -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
        }
    }

    Context 'credentials' {
        It 'sees the build with the right credential' {
            (Test-FipsBuild 1.23.7 -Registry $auth -Credential $goodCredential -IncludeUpstream).IsComplete | Should -BeTrue
        }

        It 'reports Unauthorized and a PermissionDenied error without credentials or with wrong ones' -ForEach @(
            @{ Case = 'none'; Expected = 'requires credentials' }, @{ Case = 'wrong'; Expected = 'refused the given credential' }
        ) {
            $params = @{ Registry = $auth }
            if ($Case -eq 'wrong') { $params.Credential = $wrongCredential }
            $r = Test-FipsBuild 1.23.7 @params -ErrorVariable errs -ErrorAction SilentlyContinue
            $r.IsComplete | Should -BeFalse
            $r.Images.Status | Select-Object -Unique | Should -Be 'Unauthorized'
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'RegistryUnauthorized,DkpFips.Cmdlets.TestFipsBuildCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            "$errs" | Should -Match $Expected
        }

        It 'never shows the password: not in output, errors, verbose or debug' {
            $everything = & {
                Test-FipsBuild 1.23 -Registry $auth -Credential $goodCredential -IncludeUpstream -Verbose -Debug
                Test-FipsBuild 1.23 -Registry $auth -Credential $wrongCredential -IncludeUpstream -Verbose -ErrorAction Continue
                Test-FipsBuild 1.23 -Registry "127.0.0.1:1/mesosphere" -Credential $goodCredential -Verbose -ErrorAction Continue
            } *>&1
            $text = ($everything | ForEach-Object {
                    $_ | Format-List * -Force | Out-String -Width 400
                    if ($_ -is [Management.Automation.ErrorRecord]) { $_.Exception | Format-List * -Force | Out-String -Width 400; "$($_.ErrorDetails)"; "$($_.TargetObject)" }
                    if ($_ -is [DkpFips.FipsBuildRegistryTest]) { $_.Images | Format-List * | Out-String -Width 400 }
                }) -join "`n"
            $text | Should -Match 'Unauthorized'
            $text | Should -Match 'VERBOSE|HTTP request'
            $text | Should -Not -Match 'CANARY'
        }
    }

    Context 'bad input' {
        It 'writes FipsBuildNotFound for a version the catalog does not have, and goes on' {
            $r = Test-FipsBuild 1.99, 1.23.7 -Registry $open -ErrorVariable errs -ErrorAction SilentlyContinue
            $r.DkpVersion | Should -Be '2.3'
            $errs[0].FullyQualifiedErrorId | Should -Be 'FipsBuildNotFound,DkpFips.Cmdlets.TestFipsBuildCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            "$errs" | Should -Match 'Nearest supported'
        }

        It 'writes InvalidKubernetesVersion for text that is no version' {
            $null = Test-FipsBuild 'one.two' -Registry $open -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidKubernetesVersion,DkpFips.Cmdlets.TestFipsBuildCommand'
        }

        It 'refuses a malformed registry before any request (<Registry>)' -ForEach @(
            @{ Registry = 'exa mple.com/x'; Reason = 'cannot hold' }
            @{ Registry = 'host:99999/x'; Reason = 'port' }
            @{ Registry = 'host/UPPER'; Reason = 'path component' }
            @{ Registry = 'https://bob:CANARY-url@host/x'; Reason = 'cannot hold' }
        ) {
            $err = { Test-FipsBuild 1.23 -Registry $Registry } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be 'InvalidRegistry,DkpFips.Cmdlets.TestFipsBuildCommand'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            "$err" | Should -Match $Reason
            "$err $($err.TargetObject)" | Should -Not -Match 'CANARY'
        }

        It 'refuses plain HTTP to a host that is not loopback unless -AllowInsecure' {
            $err = { Test-FipsBuild 1.23 -Registry 'http://registry.invalid/m' } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be 'InsecureRegistry,DkpFips.Cmdlets.TestFipsBuildCommand'
            $err.CategoryInfo.Category | Should -Be 'SecurityError'
            $r = Test-FipsBuild 1.23 -Registry 'http://registry.invalid/m' -AllowInsecure -TimeoutSec 5 -ErrorAction SilentlyContinue
            $r.Images[0].Status | Should -Be 'Error'
        }

        It 'reports an unreachable registry as Error with a ConnectionError' {
            $r = Test-FipsBuild 1.23 -Registry '127.0.0.1:1/mesosphere' -ErrorVariable errs -ErrorAction SilentlyContinue
            $r.IsComplete | Should -BeFalse
            $r.Images.Status | Select-Object -Unique | Should -Be 'Error'
            $r.Images[0].Message | Should -Match 'Cannot reach 127.0.0.1:1'
            $errs[0].FullyQualifiedErrorId | Should -Be 'RegistryRequestFailed,DkpFips.Cmdlets.TestFipsBuildCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            Test-FipsBuild 1.23 -Registry '127.0.0.1:1/mesosphere' -Quiet -ErrorVariable quietErrs | Should -BeFalse
            $quietErrs | Should -BeNullOrEmpty
        }

        It 'stops at once on Ctrl+C (StopProcessing) while a registry does not answer' {
            # A socket that accepts connections and never answers: the check hangs until stopped.
            $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
            $listener.Start()
            $ps = [powershell]::Create()
            try {
                $port = $listener.LocalEndpoint.Port
                $null = $ps.AddScript("Import-Module '$ModuleManifest'; Test-FipsBuild 1.23 -Registry 127.0.0.1:$port/m -TimeoutSec 600")
                $handle = $ps.BeginInvoke()
                $accepted = $listener.AcceptTcpClientAsync()
                $accepted.Wait(30000) | Should -BeTrue
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                $handle.IsCompleted | Should -BeTrue
                $accepted.Result.Dispose()
            }
            finally {
                $ps.Dispose()
                $listener.Stop()
            }
        }

        It 'refuses an untrusted TLS certificate unless -SkipTlsVerify' {
            $secure = "https://$($registry.tls)/mesosphere"
            $strict = Test-FipsBuild 1.23 -Registry $secure -ErrorVariable errs -ErrorAction SilentlyContinue
            $strict.Images.Status | Select-Object -Unique | Should -Be 'Error'
            $errs[0].FullyQualifiedErrorId | Should -Be 'RegistryRequestFailed,DkpFips.Cmdlets.TestFipsBuildCommand'
            # The empty registry answers over TLS: every image is simply missing.
            $lax = Test-FipsBuild 1.23 -Registry $secure -SkipTlsVerify
            $lax.Images.Status | Select-Object -Unique | Should -Be 'Missing'
        }

        It 'reports a registry that does not answer within -TimeoutSec as OperationTimeout' {
            $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
            $listener.Start()
            try {
                $r = Test-FipsBuild 1.23 -Registry "127.0.0.1:$($listener.LocalEndpoint.Port)/m" -TimeoutSec 1 -ErrorVariable errs -ErrorAction SilentlyContinue
                $r.Images.Status | Select-Object -Unique | Should -Be 'Error'
                $r.Images[0].Message | Should -Match 'did not answer within 1 s'
                $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            }
            finally {
                $listener.Stop()
            }
        }

        It 'validates -TimeoutSec and -ThrottleLimit' {
            { Test-FipsBuild 1.23 -TimeoutSec 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,DkpFips.Cmdlets.TestFipsBuildCommand'
            { Test-FipsBuild 1.23 -ThrottleLimit 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,DkpFips.Cmdlets.TestFipsBuildCommand'
        }
    }

    Context 'command metadata' {
        It 'has help in docs/Test-FipsBuild.md for every parameter, matching its metadata' {
            $doc = Get-Content -Raw (Join-Path $RepoRoot 'docs/Test-FipsBuild.md')
            $doc | Should -Match '(?m)^## SYNOPSIS\r?\n\S'
            foreach ($section in 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS') { $doc | Should -Match "(?m)^## $section" }
            $common = [Management.Automation.PSCmdlet]::CommonParameters
            $parameters = (Get-Command Test-FipsBuild).Parameters.Values | Where-Object Name -NotIn $common
            foreach ($p in $parameters) {
                $m = [regex]::Match($doc, "(?s)### -$($p.Name)\r?\n.*?``````yaml\r?\n(.*?)``````")
                $m.Success | Should -BeTrue -Because "-$($p.Name) is documented"
                $yaml = $m.Groups[1].Value
                $yaml | Should -Match "Type: $([regex]::Escape($p.ParameterType.Name))\r?\n"
                $attributes = $p.Attributes | Where-Object { $_ -is [Management.Automation.ParameterAttribute] }
                $required = [bool]($attributes | Where-Object Mandatory)
                $yaml | Should -Match "Required: $required"
                $position = ($attributes | Where-Object Position -GE 0 | Select-Object -First 1).Position
                $yaml | Should -Match ('Position: ' + $(if ($null -ne $position) { $position } else { 'Named' }))
                $byValue = [bool]($attributes | Where-Object ValueFromPipeline)
                $byName = [bool]($attributes | Where-Object ValueFromPipelineByPropertyName)
                $yaml | Should -Match ('Accept pipeline input: ' + [regex]::Escape($(if ($byName -and $byValue) { 'True (ByPropertyName, ByValue)' } elseif ($byValue) { 'True (ByValue)' } elseif ($byName) { 'True (ByPropertyName)' } else { 'False' })))
            }
            foreach ($id in 'InvalidRegistry', 'InsecureRegistry', 'RegistryUnauthorized', 'RegistryRequestFailed', 'InvalidBuildRepository') { $doc | Should -Match $id }
        }

        It 'declares its output types, help URI and a Registry completer' {
            $command = Get-Command Test-FipsBuild
            $command.OutputType.Name | Should -Contain 'DkpFips.FipsBuildRegistryTest'
            $command.OutputType.Name | Should -Contain 'System.Boolean'
            $command.HelpUri | Should -Be 'https://github.com/dkpfips/DkpFips/blob/main/docs/Test-FipsBuild.md'
            $command.Parameters.KubernetesVersion.Attributes.ValueFromPipelineByPropertyName | Should -Contain $true
            $completion = TabExpansion2 -inputScript 'Test-FipsBuild 1.23 -Registry dock' -cursorColumn 'Test-FipsBuild 1.23 -Registry dock'.Length
            $completion.CompletionMatches.CompletionText | Should -Contain 'docker.io/mesosphere'
        }
    }

    Context 'on an Azure Pipelines agent' {
        AfterEach { Remove-Item env:TF_BUILD -ErrorAction SilentlyContinue }

        It 'writes each image that is not there as a logissue error, and nothing off the agent' {
            $off = Test-FipsBuild -KubernetesVersion 1.22.8+fips.0 -Registry $open 6>&1 | Where-Object { $_ -is [System.Management.Automation.InformationRecord] }
            $off | Should -BeNullOrEmpty
            $env:TF_BUILD = 'True'
            $out = @(Test-FipsBuild -KubernetesVersion 1.22.8+fips.0 -Registry $open 6>&1)
            $lines = @($out | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } | ForEach-Object { "$_" })
            $lines.Count | Should -Be 1
            $lines[0] | Should -BeLike "##vso``[task.logissue type=error;code=kube-scheduler;``]Registry DKP 2.2 (v1.22.8+fips.0) at $open`: kube-scheduler $open/kube-scheduler:v1.22.8_fips.0: *"
            ($out | Where-Object { $_ -is [DkpFips.FipsBuildRegistryTest] }).IsComplete | Should -BeFalse
        }
    }
}
