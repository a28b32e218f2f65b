# Hostile input and faults (issue 17): each finding of the hostile-input review, through the
# assembled module, against misbehaving loopback servers (HostileServer.ps1), the EC2 and dkp
# doubles. Every It fails on the module before the fix and passes after.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'HostileServer.ps1')
    Import-Module $ModuleManifest -Force
    $script:Fake = Join-Path $RepoRoot 'out/bin/FakeDkp/Release/net10.0/FakeDkp'
    if ($IsWindows) { $script:Fake += '.exe' }
    $script:Ami = 'ami-03dcaa75d45aca36f'

    function New-TestDirectory {
        $path = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $path
        $path
    }

    function New-Kubeconfig([string] $Server, [string] $Extra = '') {
        $path = Join-Path $TestDrive "kc-$([guid]::NewGuid().ToString('N')).yaml"
        "apiVersion: v1`nkind: Config`nclusters:`n- name: c`n  cluster:`n    server: $Server`n$Extra" + "contexts:`n- name: ctx`n  context:`n    cluster: c`n    user: u`ncurrent-context: ctx`nusers:`n- name: u`n  user:`n    token: t`n" |
            Set-Content -LiteralPath $path -Encoding utf8NoBOM
        $path
    }

    function Reset-FakeDkp {
        Get-ChildItem env:FAKEDKP_* | ForEach-Object { Remove-Item "env:$($_.Name)" }
        Remove-Item env:TF_BUILD -ErrorAction SilentlyContinue
    }
}

AfterAll { Stop-HostileServers }

Describe 'Hostile input' {
    AfterEach { Reset-FakeDkp }

    Context 'the argv boundary (findings 1, 9, 10; issue 13 item 4)' {
        It 'refuses a NUL inside an extra argument, and dkp never runs' {
            $dir = New-TestDirectory
            $env:FAKEDKP_RECORD = Join-Path $dir 'rec.json'
            $r = New-DkpFipsCluster -ClusterName nul-arg -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -LogDirectory $dir `
                -ArgumentList "--kubernetes-version`0=ignored", 'v1.22.0' -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errs
            $r | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
            $errs[0].Exception.Message | Should -Match 'control character U\+0000'
            $env:FAKEDKP_RECORD | Should -Not -Exist
        }

        It 'refuses a NUL through a spec file and through a matrix' {
            $spec = Join-Path $TestDrive 'nul-spec.yaml'
            "clusters:`n- clusterName: a`n  kubernetesVersion: '1.23'`n  amiId: $Ami`n  argumentList: [`"--kubernetes-version\0`", v1.22.0]`n" | Set-Content -LiteralPath $spec
            { Import-DkpFipsClusterSpec $spec -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterSpecFileInvalid*'
            $m = [pscustomobject]@{ ClusterName = 'v-1'; ArgumentList = @("--kubernetes-version`0", 'v1.22.0') } |
                ConvertTo-DkpFipsPipelineMatrix -KubernetesVersion 1.23 -AmiId $Ami -ErrorAction SilentlyContinue -ErrorVariable errs
            $m | Should -BeNullOrEmpty
            $errs.FullyQualifiedErrorId | Should -Contain 'InvalidArgument,DkpFips.Cmdlets.ConvertToDkpFipsPipelineMatrixCommand'
        }

        It 'refuses a flag a parameter sets, in long and short form: <Case>' -ForEach @(
            @{ Case = 'mirror url repeated'; Extra = @{ RegistryMirrorUrl = 'https://a.example' }; Arguments = @('--registry-mirror-url=https://b.example') }
            @{ Case = 'namespace by -n'; Extra = @{ Namespace = 'a' }; Arguments = @('-n', 'b') }
            @{ Case = 'namespace by -nb'; Extra = @{}; Arguments = @('-nb') }
            @{ Case = '--output'; Extra = @{}; Arguments = @('-o', 'json') }
        ) {
            $dir = New-TestDirectory
            $env:FAKEDKP_RECORD = Join-Path $dir 'rec.json'
            $r = New-DkpFipsCluster -ClusterName owned -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -LogDirectory $dir @Extra `
                -ArgumentList $Arguments -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errs
            $r | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'ReservedArgument,*'
            $env:FAKEDKP_RECORD | Should -Not -Exist
        }

        It "gives a batch row with '--' its own error, and the other rows still run" {
            $dir = New-TestDirectory
            $env:FAKEDKP_RECORD = Join-Path $dir 'rec-{cluster}.json'
            $results = @([pscustomobject]@{ ClusterName = 'b-1' }, [pscustomobject]@{ ClusterName = 'b-2'; ArgumentList = @('--', '--kubernetes-version=1.22.0') }, [pscustomobject]@{ ClusterName = 'b-3' }) |
                New-DkpFipsCluster -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -LogDirectory $dir -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errs
            @($results.ClusterName | Sort-Object) | Should -Be @('b-1', 'b-3')
            $results.Status | Should -Be @('Succeeded', 'Succeeded')
            @($errs).Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
            $errs[0].Exception.Message | Should -Match "b-2"
        }

        It 'refuses a NUL in a cluster name and in a node-pool name before anything runs' {
            $dir = New-TestDirectory
            $env:FAKEDKP_RECORD = Join-Path $dir 'rec.json'
            { New-DkpFipsCluster -ClusterName "fips`0x" -KubernetesVersion 1.23 -AmiId $Ami -PlanOnly -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidClusterName*'
            Update-DkpFipsCluster fips-1 -CurrentVersion v1.22.8+fips.0 -KubernetesVersion 1.23 -AmiId ami-0a1b2c3d4e5f60718 -NodePool "md-0`0-other" `
                -DkpPath $Fake -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidNodePoolName,*'
            $errs[0].Exception.Message | Should -Not -Match "`0"
            $env:FAKEDKP_RECORD | Should -Not -Exist
        }
    }

    Context 'secrets (findings 2, 3)' {
        It 'refuses secret flags in a matrix and never prints them' {
            $env:TF_BUILD = 'True'
            $all = [pscustomobject]@{ ClusterName = 'v-1'; ArgumentList = @('--vault-token', 'MatrixSecret2', '--vsphere-password=MatrixSecret3') } |
                ConvertTo-DkpFipsPipelineMatrix -KubernetesVersion 1.23 -AmiId $Ami -OutputVariable clusters -ErrorAction SilentlyContinue -ErrorVariable errs 6>&1
            $errs.FullyQualifiedErrorId | Should -Contain 'SecretNotAllowed,DkpFips.Cmdlets.ConvertToDkpFipsPipelineMatrixCommand'
            @($all | Where-Object { $_ -is [DkpFips.PipelineMatrix] }) | Should -BeNullOrEmpty
            (($all | Out-String) + ($errs | Out-String)) | Should -Not -Match 'MatrixSecret'
        }

        It 'refuses a secret flag in a spec file' {
            $spec = Join-Path $TestDrive 'secret-spec.yaml'
            "clusters:`n- clusterName: a`n  argumentList: [--registry-mirror-password=SpecFileSecret9]`n" | Set-Content -LiteralPath $spec
            $err = { Import-DkpFipsClusterSpec $spec -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterSpecFileInvalid*' -PassThru
            $err.Exception.Message | Should -Not -Match 'SpecFileSecret9'
        }

        It 'masks URL user-info and --apikey in the plan, the log, the journal and the error' {
            $dir = New-TestDirectory
            $journal = Join-Path $dir 'j.jsonl'
            $env:FAKEDKP_FAIL_CLUSTERS = 'sec-1'
            $env:FAKEDKP_ECHO = '1'
            $out = New-DkpFipsCluster -ClusterName sec-1 -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -LogDirectory $dir -JournalPath $journal `
                -RegistryMirrorUrl 'https://mirroruser:MirrorUrlPass1@mirror.example.internal' -ArgumentList '--http-proxy=http://u:ProxyPass2@proxy:3128', '--apikey=ApiKey3' `
                -Confirm:$false -Verbose -ErrorAction SilentlyContinue -ErrorVariable errs *>&1
            $plan = New-DkpFipsCluster -ClusterName sec-1 -KubernetesVersion 1.23 -AmiId $Ami -RegistryMirrorUrl 'https://mirroruser:MirrorUrlPass1@mirror.example.internal' `
                -ArgumentList '--http-proxy=http://u:ProxyPass2@proxy:3128', '--apikey=ApiKey3', '--with-aws-bootstrap-credentials=true' -PlanOnly
            $plan.CommandLine | Should -Match ([regex]::Escape('https://***@mirror.example.internal'))
            $plan.CommandLine | Should -Match 'with-aws-bootstrap-credentials=true'
            $everything = ($out | Out-String) + ($errs | Out-String) + ($plan | Format-List * | Out-String) + (Get-Content -Raw $journal) +
                ((Get-ChildItem $dir -Filter *.log | Get-Content -Raw) -join '')
            $everything | Should -Not -Match 'MirrorUrlPass1|ProxyPass2|ApiKey3'
            @($errs).Count | Should -BeGreaterThan 0
        }

        It 'masks the user-info of a kubeconfig server in errors' {
            $server = Start-HostileServer html
            $kc = New-Kubeconfig ($server.Url -replace '^http://', 'http://kubeuser:KubeUrlPass7@')
            Test-DkpFipsCluster -Kubeconfig $kc -TimeoutSec 5 -ErrorAction SilentlyContinue -ErrorVariable errs
            @($errs).Count | Should -BeGreaterThan 0
            ($errs | Out-String) | Should -Not -Match 'KubeUrlPass7'
        }
    }

    Context 'network answers (findings 7, 8, 12, 13)' {
        It 'reports a <Mode> answer from the API server as ClusterReadFailed, non-terminating, and a batch goes on' -ForEach @(
            @{ Mode = 'html' }, @{ Mode = 'broken' }, @{ Mode = 'null' }, @{ Mode = 'truncated' }
        ) {
            $bad = New-Kubeconfig (Start-HostileServer $Mode).Url
            $alsoBad = New-Kubeconfig (Start-HostileServer html).Url
            $out = $bad, $alsoBad | ForEach-Object { [pscustomobject]@{ Kubeconfig = $_ } } |
                Test-DkpFipsCluster -TimeoutSec 10 -ErrorAction SilentlyContinue -ErrorVariable errs
            @($errs).Count | Should -Be 2
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'ClusterReadFailed,*'
            $errs[0].CategoryInfo.Category | Should -Be 'ProtocolError'
            $errs[1].FullyQualifiedErrorId | Should -BeLike 'ClusterReadFailed,*'
        }

        It 'stops a read whose body trickles at -TimeoutSec with ClusterTimeout' {
            $kc = New-Kubeconfig (Start-HostileServer trickle).Url
            $watch = [Diagnostics.Stopwatch]::StartNew()
            Test-DkpFipsCluster -Kubeconfig $kc -TimeoutSec 2 -ErrorAction SilentlyContinue -ErrorVariable errs
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'ClusterTimeout,*'
        }

        It 'stops at once on Ctrl+C while a body trickles' {
            $server = Start-HostileServer trickle
            $kc = New-Kubeconfig $server.Url
            $ps = [powershell]::Create()
            try {
                # The module is imported first, on its own: a stopped asynchronous batch (AddStatement) can run
                # its next statement on the closed runspace, an unhandled exception that ends the test process.
                $null = $ps.AddCommand('Import-Module').AddArgument($ModuleManifest).Invoke(); $ps.Commands.Clear()
                $null = $ps.AddCommand('Test-DkpFipsCluster').
                    AddParameters(@{ Kubeconfig = $kc; TimeoutSec = 120 })
                $null = $ps.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while ($server.Requests -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                $server.Requests | Should -BeGreaterThan 0
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $stop = $ps.BeginStop($null, $null)
                $stop.AsyncWaitHandle.WaitOne(10000) | Should -BeTrue
                $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
            }
            finally { $ps.Dispose() }
        }

        It 'reports an empty kubeconfig, a bad CA, no current-context and a directory as KubeconfigInvalid' {
            $empty = Join-Path $TestDrive 'empty.conf'; [IO.File]::WriteAllBytes($empty, [byte[]]@())
            $badCa = New-Kubeconfig 'https://127.0.0.1:1' -Extra "    certificate-authority-data: bm90IGEgY2VydA==`n"
            $noContext = Join-Path $TestDrive 'nocontext.conf'
            (Get-Content -Raw (New-Kubeconfig 'http://127.0.0.1:1')) -replace 'current-context: ctx', '' | Set-Content -LiteralPath $noContext
            $noCluster = Join-Path $TestDrive 'nocluster.conf'
            (Get-Content -Raw (New-Kubeconfig 'http://127.0.0.1:1')) -replace 'cluster: c', 'cluster: elsewhere' | Set-Content -LiteralPath $noCluster
            $out = $empty, $badCa, $noContext, $TestDrive, $noCluster | ForEach-Object { [pscustomobject]@{ Kubeconfig = $_ } } |
                Test-DkpFipsCluster -TimeoutSec 5 -ErrorAction SilentlyContinue -ErrorVariable errs
            @($errs).Count | Should -Be 5
            $errs[4].Exception.Message | Should -Match "names the cluster 'elsewhere', which it does not define"
            $errs.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'KubeconfigInvalid,*' }
            $errs[2].Exception.Message | Should -Match 'current-context.*-Context'
            $errs[3].Exception.Message | Should -Match 'is a directory'
        }

        It 'reports an HTML page from the EC2 endpoint as AwsRequestFailed, not a missing AMI' {
            $server = Start-HostileServer html
            $r = Test-FipsAmi -ImageId $Ami -Region us-west-2 -KubernetesVersion 1.23 -AwsCredential (New-TestAwsCredential 'a' 's') -EndpointUrl "$($server.Url)/" -ErrorAction SilentlyContinue -ErrorVariable errs
            $r | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'AwsRequestFailed,*'
            $errs[0].Exception.Message | Should -Match 'did not return an EC2 response'
        }

        It 'stops a silent EC2 endpoint at -TimeoutSec with AwsTimeout, user-info masked' {
            $server = Start-HostileServer silent
            $watch = [Diagnostics.Stopwatch]::StartNew()
            Test-FipsAmi -ImageId $Ami -Region us-west-2 -AwsCredential (New-TestAwsCredential 'a' 's') -TimeoutSec 2 -EndpointUrl ($server.Url -replace '^http://', 'http://ec2user:Ec2UrlPass8@') `
                -ErrorAction SilentlyContinue -ErrorVariable errs -Verbose 4>&1 | Out-String | Should -Not -Match 'Ec2UrlPass8'
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'AwsTimeout,*'
            ($errs | Out-String) | Should -Not -Match 'Ec2UrlPass8'
        }
    }

    Context 'the journal (findings 5, 11)' {
        It 'refuses a UTF-16 journal before any cluster is created' {
            $dir = New-TestDirectory
            $journal = Join-Path $dir 'utf16.jsonl'
            '{"name":"j-1","status":"Succeeded"}' | Out-File -Encoding unicode -LiteralPath $journal
            $env:FAKEDKP_RECORD = Join-Path $dir 'rec-{cluster}.json'
            { 'j-1', 'j-2' | ForEach-Object { [pscustomobject]@{ ClusterName = $_ } } |
                New-DkpFipsCluster -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -JournalPath $journal -Resume -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'JournalWriteFailed*'
            Get-ChildItem $dir -Filter 'rec-*.json' | Should -BeNullOrEmpty
        }

        It 'refuses a journal that is a directory before any cluster is created' {
            $dir = New-TestDirectory
            $env:FAKEDKP_RECORD = Join-Path $dir 'rec.json'
            { New-DkpFipsCluster -ClusterName j-1 -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -JournalPath $dir -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'JournalWriteFailed*'
            $env:FAKEDKP_RECORD | Should -Not -Exist
        }
    }

    Context 'process runs (finding 6)' {
        It 'returns when dkp exits although an orphaned child holds its output, and journals the cluster' {
            $dir = New-TestDirectory
            $journal = Join-Path $dir 'orphan.jsonl'
            $env:FAKEDKP_SPAWN_CHILD = Join-Path $dir 'child.pid'
            try {
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $r = New-DkpFipsCluster -ClusterName orphan-1 -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -JournalPath $journal -LogDirectory $dir -Confirm:$false
                $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
                $r.Status | Should -Be 'Succeeded'
                Get-Content -Raw $journal | Should -Match '"name":"orphan-1","status":"Succeeded"'
            }
            finally {
                if (Test-Path $env:FAKEDKP_SPAWN_CHILD) { Stop-Process -Id ([int](Get-Content $env:FAKEDKP_SPAWN_CHILD)) -ErrorAction SilentlyContinue }
            }
        }
    }

    Context 'New-FipsAmi (finding 14)' {
        It 'refuses an image KIB reports as <Reported> for rhel-8.4 with <Id>' -ForEach @(
            @{ Reported = 'ubuntu/20.04'; Id = 'ImageNotFips' }
            @{ Reported = 'oracle/7.9'; Id = 'ImageOperatingSystemMismatch' }
        ) {
            $dir = New-TestDirectory
            $env:FAKEKIB_DISTRIBUTION = $Reported
            try {
                $kib = Join-Path $RepoRoot "out/bin/FakeKib/Release/net10.0/FakeKib$(if ($IsWindows) { '.exe' })"
                $r = New-FipsAmi -OperatingSystem rhel-8.4 -KubernetesVersion 1.23 -Region us-west-2 -KibPath $kib -WorkingDirectory $dir -LogDirectory $dir `
                    -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errs
                $r | Should -BeNullOrEmpty
                $errs[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
            }
            finally { Remove-Item env:FAKEKIB_DISTRIBUTION }
        }
    }

    Context 'message quality (finding 17)' {
        It 'reports a bad -DkpVersion wildcard for that value alone' {
            $builds = Get-FipsBuild -DkpVersion '[', '2.3' -ErrorAction SilentlyContinue -ErrorVariable errs
            $builds | Should -Not -BeNullOrEmpty
            $builds.DkpVersion | Should -Contain '2.3'
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
            $errs[0].Exception.Message | Should -Match 'not a valid wildcard pattern'
        }

        It 'says a report path with a NUL or a directory is just that' {
            $nul = { @() | Export-DkpFipsReport -Path (Join-Path $TestDrive "x`0.html") -ErrorAction Stop } | Should -Throw -ErrorId 'ReportWriteFailed*' -PassThru
            $nul.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $dir = { @() | Export-DkpFipsReport -Path $TestDrive -Format Html -ErrorAction Stop } | Should -Throw -ErrorId 'ReportWriteFailed*' -PassThru
            $dir.Exception.Message | Should -Match 'is a directory'
        }

        It 'refuses a registry port out of range, and Update-DkpFipsCluster checks -ImageRepository as New-DkpFipsCluster does' {
            { New-DkpFipsCluster -ClusterName r -KubernetesVersion 1.23 -AmiId $Ami -ImageRepository 'registry.local:99999/x' -PlanOnly -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidImageRepository*'
            Update-DkpFipsCluster fips-1 -CurrentVersion v1.22.8+fips.0 -KubernetesVersion 1.23 -AmiId ami-0a1b2c3d4e5f60718 -NodePool @() -ImageRepository 'https://Registry/x' `
                -PlanOnly -ErrorAction SilentlyContinue -ErrorVariable errs -WarningAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidImageRepository,*'
        }

        It 'says an etcd version without a build number has none, not that it is not FIPS' {
            $err = { New-DkpFipsCluster -ClusterName e -KubernetesVersion 1.23 -AmiId $Ami -EtcdVersion 3.4.13+fips -PlanOnly -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidEtcdVersion*' -PassThru
            $err.Exception.Message | Should -Match 'no FIPS build number'
        }

        It 'ends a list whose continue token repeats with a specific error, well before the timeout' {
            $kc = New-Kubeconfig (Start-HostileServer samecontinue).Url
            $watch = [Diagnostics.Stopwatch]::StartNew()
            Test-DkpFipsCluster -Kubeconfig $kc -TimeoutSec 30 -ErrorAction SilentlyContinue -ErrorVariable errs
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'ClusterReadFailed,*'
            $errs[0].Exception.Message | Should -Match 'continue token'
        }
    }

    Context 'files (finding 16)' {
        It 'refuses an endless catalog file with CatalogFileInvalid' -Skip:$IsWindows {
            { Get-FipsBuild -CatalogPath /dev/zero -ErrorAction Stop } | Should -Throw -ErrorId 'CatalogFileInvalid*'
        }
    }
}
