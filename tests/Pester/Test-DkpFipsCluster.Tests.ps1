# Test-DkpFipsCluster against KubeApiDouble: a Kubernetes API server double on 127.0.0.1 (child
# process, ephemeral port) answering the real paths with API-shaped JSON, read through the real
# KubernetesClient inside the module.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    . (Join-Path $PSScriptRoot 'KubeApiHelpers.ps1')

    function Get-FreePort {
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop(); $port
    }
}

AfterAll {
    Stop-KubeApiDoubles
}

Describe 'Test-DkpFipsCluster' {
    Context 'verdicts' {
        BeforeAll {
            $script:compliant = Start-KubeApiDouble 'compliant'
        }

        It 'reports a FIPS cluster as compliant, with every check' {
            $r = Test-DkpFipsCluster -Kubeconfig $compliant.Kubeconfig
            $r | Should -BeOfType DkpFips.FipsClusterReport
            $r.ClusterName | Should -Be 'fips-cluster'
            $r.Context | Should -Be 'fips-admin@fips-cluster'
            $r.CurrentVersion | Should -Be 'v1.23.7+fips.0'
            $r.EtcdVersion | Should -Be '3.4.13+fips.0'
            $r.NodeCount | Should -Be 6
            $r.IsFipsCompliant | Should -BeTrue
            $r.ClusterApiChecked | Should -BeFalse
            $r.Failures | Should -BeNullOrEmpty
            $r.Checks[0] | Should -BeOfType DkpFips.FipsCheck
            @($r.Checks | Where-Object Name -EQ 'KubeletVersion').Count | Should -Be 6
            @($r.Checks | Where-Object Name -EQ 'KubeProxyImage').Count | Should -Be 6
            @($r.Checks | Where-Object Name -EQ 'EtcdImage').Count | Should -Be 3
            $r.Summary | Should -Be "$($r.Checks.Count) passed"
        }

        It 'checks the Cluster API objects with -ManagementKubeconfig and -ClusterName' {
            $r = Test-DkpFipsCluster -Kubeconfig $compliant.Kubeconfig -ManagementKubeconfig $compliant.Kubeconfig -ClusterName fips-cluster
            $r.IsFipsCompliant | Should -BeTrue
            $r.ClusterApiChecked | Should -BeTrue
            ($r.Checks | Where-Object Name -EQ 'ClusterApiControlPlane').Status | Should -Be 'Passed'
            ($r.Checks | Where-Object Name -EQ 'ClusterApiMachineDeployment').Target | Should -Be 'machinedeployment/fips-cluster-md-0'
            @($r.Checks | Where-Object Status -EQ 'Warning').Target | Should -Be @('awsmachinetemplate/fips-cluster-control-plane', 'awsmachinetemplate/fips-cluster-md-0')
        }

        It 'takes the kubeconfig from $env:KUBECONFIG when -Kubeconfig is not given' {
            $saved = $env:KUBECONFIG
            try {
                $env:KUBECONFIG = (Join-Path $TestDrive 'missing.yaml') + [IO.Path]::PathSeparator + $compliant.Kubeconfig
                (Test-DkpFipsCluster).IsFipsCompliant | Should -BeTrue
            }
            finally { $env:KUBECONFIG = $saved }
        }

        It 'flags the non-FIPS node of a mixed cluster, failures first' {
            $d = Start-KubeApiDouble 'mixed'
            $r = Test-DkpFipsCluster -Kubeconfig $d.Kubeconfig
            $r.IsFipsCompliant | Should -BeFalse
            @($r.Failures | ForEach-Object { "$($_.Name) $($_.Target)" }) | Should -Be @('KubeletVersion node/worker-2', 'NodeOperatingSystem node/worker-2')
            $r.Checks[0].Status | Should -Be 'Failed'
            $r.Checks[1].Status | Should -Be 'Failed'
            $r.Checks[2].Status | Should -Be 'Passed'
        }

        It 'flags every kube-proxy left on the old image after an upgrade' {
            $d = Start-KubeApiDouble 'kubeproxy-left'
            $r = Test-DkpFipsCluster -Kubeconfig $d.Kubeconfig
            $r.CurrentVersion | Should -Be 'v1.22.8+fips.0'
            $r.IsFipsCompliant | Should -BeFalse
            @($r.Failures).Count | Should -Be 6
            $r.Failures.Name | Select-Object -Unique | Should -Be 'KubeProxyImage'
            $r.Failures[0].Message | Should -Match 'tagged v1\.21\.6_fips\.0, but the control plane.s version is v1\.22\.8_fips\.0'
        }

        It 'flags an etcd on a non-FIPS tag' {
            $d = Start-KubeApiDouble 'etcd-nonfips'
            $r = Test-DkpFipsCluster -Kubeconfig $d.Kubeconfig
            $r.IsFipsCompliant | Should -BeFalse
            $r.EtcdVersion | Should -Be '3.5.1-0'
            $r.Failures.Name | Select-Object -Unique | Should -Be 'EtcdImage'
            $r.Failures[0].Message | Should -Match 'k8s\.gcr\.io/etcd:3\.5\.1-0 is not a FIPS build'
        }

        It 'accepts a mirror registry only when it is named' {
            $d = Start-KubeApiDouble 'mirror'
            $without = Test-DkpFipsCluster -Kubeconfig $d.Kubeconfig
            $without.IsFipsCompliant | Should -BeFalse
            $without.Failures[0].Message | Should -Match 'comes from registry\.example\.internal:5000/mesosphere, not the FIPS repository docker\.io/mesosphere'
            $with = Test-DkpFipsCluster -Kubeconfig $d.Kubeconfig -ImageRepository registry.example.internal:5000/mesosphere -ManagementKubeconfig $d.Kubeconfig -ClusterName fips-cluster
            $with.IsFipsCompliant | Should -BeTrue
        }

        It 'flags Cluster API objects that would build non-FIPS machines' {
            $d = Start-KubeApiDouble 'capi-nonfips'
            (Test-DkpFipsCluster -Kubeconfig $d.Kubeconfig).IsFipsCompliant | Should -BeTrue
            $r = Test-DkpFipsCluster -Kubeconfig $d.Kubeconfig -ManagementKubeconfig $d.Kubeconfig -ClusterName fips-cluster
            $r.IsFipsCompliant | Should -BeFalse
            $r.Failures.Name | Select-Object -Unique | Should -Be @('ClusterApiControlPlane', 'ClusterApiImageRepository', 'ClusterApiEtcd', 'ClusterApiMachineDeployment')
        }

        It 'flags a vSphere template that is not a FIPS template' {
            $d = Start-KubeApiDouble 'vsphere'
            $r = Test-DkpFipsCluster -Kubeconfig $d.Kubeconfig -ManagementKubeconfig $d.Kubeconfig -ClusterName fips-cluster
            $r.IsFipsCompliant | Should -BeTrue
            ($r.Checks | Where-Object Name -EQ 'ClusterApiMachineImage').Message | Should -Match 'konvoy-rhel-84-fips-1\.23\.7\+fips\.0-20220701120000 is a FIPS image'
        }

        It 'checks -ExpectedBuild given as a Get-FipsBuild object or a version' {
            (Test-DkpFipsCluster -Kubeconfig $compliant.Kubeconfig -ExpectedBuild (Get-FipsBuild 1.23.7)).IsFipsCompliant | Should -BeTrue
            (Test-DkpFipsCluster -Kubeconfig $compliant.Kubeconfig -ExpectedBuild v1.23.7_fips.0).IsFipsCompliant | Should -BeTrue
            $wrong = Test-DkpFipsCluster -Kubeconfig $compliant.Kubeconfig -ExpectedBuild (Get-FipsBuild -DkpVersion 2.2)
            $wrong.IsFipsCompliant | Should -BeFalse
            $wrong.Failures[0].Name | Should -Be 'ExpectedBuild'
            $wrong.Failures[0].Message | Should -Match 'not the expected v1\.22\.8\+fips\.0'
            (Test-DkpFipsCluster -Kubeconfig $compliant.Kubeconfig -ExpectedBuild 1.24).IsFipsCompliant | Should -BeFalse
        }

        It 'binds kubeconfig and cluster name by property name, one report per row' {
            $d = Start-KubeApiDouble 'mixed'
            $csv = Join-Path $TestDrive 'clusters.csv'
            @([pscustomobject]@{ Kubeconfig = $compliant.Kubeconfig; ClusterName = 'prod-east' }, [pscustomobject]@{ Kubeconfig = $d.Kubeconfig; ClusterName = 'prod-west' }) | Export-Csv $csv
            $reports = Import-Csv $csv | Test-DkpFipsCluster
            $reports.ClusterName | Should -Be @('prod-east', 'prod-west')
            $reports.IsFipsCompliant | Should -Be @($true, $false)
        }

        It 'shows the verdict and the failures in its default view, within 120 columns' {
            $d = Start-KubeApiDouble 'mixed'
            $r = Test-DkpFipsCluster -Kubeconfig $d.Kubeconfig
            $text = $r | Out-String -Width 120
            $text | Should -Match 'IsFipsCompliant\s+:\s+False'
            $text | Should -Match 'Summary\s+:\s+2 failed, \d+ passed'
            $text | Should -Match 'Failed KubeletVersion node/worker-2'
            $table = ($r.Checks | Out-String -Width 120) -split "`n" | Where-Object { $_.Trim() }
            $table[0] | Should -Match '^Status\s+Name\s+Target\s+Message'
            $table[2] | Should -Match '^Failed\s+KubeletVersion\s+node/worker-2'
            $table | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
        }
    }

    Context 'faults' {
        It 'names the RBAC verb and resource that are missing' {
            $d = Start-KubeApiDouble 'compliant' -Arguments '--deny', 'list pods'
            $r = Test-DkpFipsCluster -Kubeconfig $d.Kubeconfig -ErrorVariable err -ErrorAction SilentlyContinue
            $r | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -Be 'ClusterPermissionDenied,DkpFips.Cmdlets.TestDkpFipsClusterCommand'
            $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $err[0].Exception.Message | Should -Match "may not list pods in namespace kube-system\. Grant the RBAC verb 'list' on resource 'pods'"
            $err[0].ErrorDetails.RecommendedAction | Should -Match "verb 'list' on 'pods'"
        }

        It 'reports an unreadable management cluster as an error and the cluster as not compliant' {
            $d = Start-KubeApiDouble 'compliant' -Arguments '--no-cluster-api'
            $r = Test-DkpFipsCluster -Kubeconfig $d.Kubeconfig -ManagementKubeconfig $d.Kubeconfig -ClusterName fips-cluster -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -Be 'ClusterApiNotInstalled,DkpFips.Cmdlets.TestDkpFipsClusterCommand'
            $err[0].CategoryInfo.Category | Should -Be 'NotInstalled'
            $r.IsFipsCompliant | Should -BeFalse
            $r.ClusterApiChecked | Should -BeFalse
            $r.Failures[0].Status | Should -Be 'Error'
            $r.Failures[0].Name | Should -Be 'ClusterApiRead'
        }

        It 'reports a Cluster API permission denial the same way' {
            $d = Start-KubeApiDouble 'compliant' -Arguments '--deny', 'list machinedeployments'
            $r = Test-DkpFipsCluster -Kubeconfig $d.Kubeconfig -ManagementKubeconfig $d.Kubeconfig -ClusterName fips-cluster -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $err[0].Exception.Message | Should -Match 'machinedeployments\.cluster\.x-k8s\.io'
            $r.IsFipsCompliant | Should -BeFalse
        }

        It 'reports a cluster name the management cluster does not have' {
            $d = Start-KubeApiDouble 'compliant'
            $null = Test-DkpFipsCluster -Kubeconfig $d.Kubeconfig -ManagementKubeconfig $d.Kubeconfig -ClusterName nope -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -Be 'ClusterObjectNotFound,DkpFips.Cmdlets.TestDkpFipsClusterCommand'
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }

        It 'reports a dead server as a connection error' {
            $kubeconfig = New-Kubeconfig -Server "http://127.0.0.1:$(Get-FreePort)"
            $r = Test-DkpFipsCluster -Kubeconfig $kubeconfig -ErrorVariable err -ErrorAction SilentlyContinue
            $r | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -Be 'ClusterUnreachable,DkpFips.Cmdlets.TestDkpFipsClusterCommand'
            $err[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        }

        It 'reports a certificate the kubeconfig does not trust as a TLS failure' {
            $d = Start-KubeApiDouble -Arguments '--untrusted-tls'
            $null = Test-DkpFipsCluster -Kubeconfig $d.Kubeconfig -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -Be 'ClusterTlsFailure,DkpFips.Cmdlets.TestDkpFipsClusterCommand'
            $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
            $err[0].Exception.Message | Should -Match 'TLS handshake with https://127\.0\.0\.1:\d+/? failed'
        }

        It 'stops a read that outlasts -TimeoutSec' {
            $d = Start-KubeApiDouble 'compliant' -Arguments '--hang', '/api/v1/nodes'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $null = Test-DkpFipsCluster -Kubeconfig $d.Kubeconfig -TimeoutSec 1 -ErrorVariable err -ErrorAction SilentlyContinue
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
            $err[0].FullyQualifiedErrorId | Should -Be 'ClusterTimeout,DkpFips.Cmdlets.TestDkpFipsClusterCommand'
            $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        }

        It 'reports a missing kubeconfig, and -ManagementKubeconfig without -ClusterName' {
            $null = Test-DkpFipsCluster -Kubeconfig (Join-Path $TestDrive 'nope.yaml') -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -Be 'KubeconfigInvalid,DkpFips.Cmdlets.TestDkpFipsClusterCommand'
            $null = Test-DkpFipsCluster -Kubeconfig (Join-Path $TestDrive 'nope.yaml') -ManagementKubeconfig x -ErrorVariable err2 -ErrorAction SilentlyContinue
            $err2[0].FullyQualifiedErrorId | Should -Be 'ManagementClusterNameMissing,DkpFips.Cmdlets.TestDkpFipsClusterCommand'
            $null = Test-DkpFipsCluster -Kubeconfig (Join-Path $TestDrive 'nope.yaml') -ExpectedBuild banana -ErrorVariable err3 -ErrorAction SilentlyContinue
            $err3[0].FullyQualifiedErrorId | Should -Be 'InvalidExpectedBuild,DkpFips.Cmdlets.TestDkpFipsClusterCommand'
        }

        It 'never shows the token: not in errors, verbose messages or output' {
            $canary = 'canary-5b0d2e7a-kube-token'
            $d = Start-KubeApiDouble 'compliant' -Arguments '--token', 'the-right-token' -Token $canary
            $all = Test-DkpFipsCluster -Kubeconfig $d.Kubeconfig -ManagementKubeconfig $d.Kubeconfig -ClusterName fips-cluster -Verbose -ErrorVariable err -ErrorAction SilentlyContinue *>&1
            $err[0].FullyQualifiedErrorId | Should -Be 'ClusterUnauthorized,DkpFips.Cmdlets.TestDkpFipsClusterCommand'
            $err[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            ($all | Out-String) + ($err | Format-List * -Force | Out-String) + $err[0].Exception.ToString() | Should -Not -Match $canary

            $ok = Start-KubeApiDouble 'compliant' -Arguments '--token', $canary -Token $canary
            $all = Test-DkpFipsCluster -Kubeconfig $ok.Kubeconfig -ManagementKubeconfig $ok.Kubeconfig -ClusterName fips-cluster -Verbose *>&1
            ($all | Out-String) + ($all | Where-Object { $_ -is [DkpFips.FipsClusterReport] } | ForEach-Object { $_.Checks } | Out-String) | Should -Not -Match $canary
            ($all | Where-Object { $_ -is [DkpFips.FipsClusterReport] }).IsFipsCompliant | Should -BeTrue
        }

        It 'stops promptly on Ctrl+C while the server is not answering' {
            $d = Start-KubeApiDouble 'compliant' -Arguments '--hang', '/api/v1/nodes' -Log
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Import-Module '$ModuleManifest'; Test-DkpFipsCluster -Kubeconfig '$($d.Kubeconfig)' -TimeoutSec 300")
            $async = $ps.BeginInvoke()
            try {
                # Wait until the cmdlet is blocked on the request the server never answers.
                do {
                    $read = $d.Process.StandardOutput.ReadLineAsync()
                    $read.Wait(30000) | Should -BeTrue
                } until ($read.Result -like 'request GET /api/v1/nodes*')
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            }
            finally { $ps.Dispose() }
        }
    }

    Context 'runtime' {
        It 'stops on Windows PowerShell 5.1 with an error naming PowerShell 7.4' {
            # The decision is made from RuntimeInformation.FrameworkDescription; 5.1 reports .NET Framework.
            $type = [DkpFips.FipsClusterReport].Assembly.GetType('DkpFips.Infrastructure.KubernetesRuntime')
            $check = $type.GetMethods([Reflection.BindingFlags] 'NonPublic, Public, Static') | Where-Object { $_.Name -eq 'CheckSupported' -and $_.GetParameters().Count -eq 2 }
            $record = $check.Invoke($null, @('.NET Framework 4.8.9181.0', 'Test-DkpFipsCluster'))
            $record.FullyQualifiedErrorId | Should -Be 'RequiresPowerShell7'
            $record.CategoryInfo.Category | Should -Be 'NotImplemented'
            $record.Exception.Message | Should -Match 'needs PowerShell 7\.4 or later'
            $check.Invoke($null, @('.NET 10.0.12', 'Test-DkpFipsCluster')) | Should -BeNullOrEmpty
        }

        It 'loads KubernetesClient only when a cluster is tested, into the private context' {
            $d = Start-KubeApiDouble 'compliant'
            $r = Invoke-FreshPwsh @"
`$loaded = { ([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -match '^(DkpFips|YamlDotNet|KubernetesClient|Fractions)' } | ForEach-Object {
    `$_.GetName().Name + '@' + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name } | Sort-Object) -join ',' }
Import-Module '$ModuleManifest'
'import:' + (& `$loaded)
'compliant:' + (Test-DkpFipsCluster -Kubeconfig '$($d.Kubeconfig)').IsFipsCompliant
'tested:' + (& `$loaded)
"@
            $r.ExitCode | Should -Be 0
            $r.Output | Should -Contain 'import:DkpFips@Default'
            $r.Output | Should -Contain 'compliant:True'
            ($r.Output | Where-Object { $_ -like 'tested:*' }) | Should -Match 'KubernetesClient@DkpFips'
            ($r.Output | Where-Object { $_ -like 'tested:*' }) | Should -Match 'DkpFips.Kubernetes@DkpFips'
            ($r.Output | Where-Object { $_ -like 'tested:*' }) | Should -Not -Match '@Default.*KubernetesClient@Default'
        }
    }
}
