# The pipes between the cmdlets, end to end through the assembled module and the doubles: each
# binds what it means. A management cluster (KubeApiDouble with the Cluster API objects and the
# Secret <cluster>-kubeconfig) and a separate workload cluster (another KubeApiDouble, reached
# only through that Secret) stand in for DKP; FakeDkp for dkp, FakeEc2 for EC2, FakeKib for KIB.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    . (Join-Path $PSScriptRoot 'KubeApiHelpers.ps1')
    $exe = if ($IsWindows) { '.exe' } else { '' }
    $script:Dkp = Join-Path $RepoRoot "out/bin/FakeDkp/Release/net10.0/FakeDkp$exe"
    $script:Kib = Join-Path $RepoRoot "out/bin/FakeKib/Release/net10.0/FakeKib$exe"
    $script:Ec2 = Start-FakeEc2
    $script:Aws = @{ EndpointUrl = $Ec2.Url; AwsCredential = (New-TestAwsCredential 'AKIDEXAMPLE000000001' 'pipes-secret-0badc0de') }
    $script:FipsAmi = 'ami-0f1a2b3c4d5e60001'
    $script:NonFipsAmi = 'ami-0f1a2b3c4d5e60003'

    # The workload cluster: not FIPS (one worker on Ubuntu with an upstream kubelet), with its own
    # token. The management cluster is FIPS and holds the workload's kubeconfig in the Secret, so
    # a check that read the management cluster as the workload would wrongly pass.
    $script:WorkloadToken = 'workload-token-5ec7e7-c0ffee'
    $script:Workload = Start-KubeApiDouble 'mixed' -Arguments @('--token', $WorkloadToken) -Token $WorkloadToken
    $script:Management = Start-KubeApiDouble 'compliant' -Arguments @('--kubeconfig-secret', "default/fips-cluster-kubeconfig=$($Workload.Kubeconfig)")
    $script:FipsWorkload = Start-KubeApiDouble 'v1.22'
    # A FIPS management cluster (DKP 2.2's Cluster API objects) holding the FIPS workload's kubeconfig.
    $script:FipsManagement = Start-KubeApiDouble 'v1.22' -Arguments @('--kubeconfig-secret', "default/fips-cluster-kubeconfig=$($FipsWorkload.Kubeconfig)")

    function New-TestDirectory {
        $path = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $path
        $path
    }

    function New-SpecFile([string] $Body) {
        $path = Join-Path (New-TestDirectory) 'clusters.yaml'
        Set-Content -LiteralPath $path -Value $Body -Encoding utf8
        $path
    }

    function Get-FilesContaining([string] $Text) {
        # Every file under the test drive and the module's temp folder holding $Text, but the
        # workload kubeconfig the test itself wrote.
        @($TestDrive, (Join-Path ([IO.Path]::GetTempPath()) 'DkpFips')) | Where-Object { Test-Path $_ } |
            ForEach-Object { Get-ChildItem -LiteralPath $_ -Recurse -File } |
            Where-Object { $_.FullName -ne $Workload.Kubeconfig -and (Select-String -LiteralPath $_.FullName -SimpleMatch $Text -Quiet) }
    }
}

AfterAll {
    Stop-KubeApiDoubles
    Stop-FakeEc2 $Ec2
}

Describe 'Pipes' {
    Context 'Get-FipsBuild | New-FipsAmi | Test-FipsAmi | New-DkpFipsCluster' {
        AfterEach { Get-ChildItem env:FAKEKIB_* | ForEach-Object { Remove-Item "env:$($_.Name)" } }

        It 'turns a FIPS-ready AMI built for the build into a create plan' {
            $dir = New-TestDirectory
            $env:FAKEKIB_RECORD = Join-Path $dir 'record.json'
            # Ids with this prefix are served by the EC2 double as KIB RHEL 8.4 FIPS images of 1.23.7+fips.0.
            $env:FAKEKIB_AMI_PREFIX = 'ami-0bbb'
            # DKP 2.3.1 selects the 2.3 row (1.23.7+fips.0), the build the EC2 double's generated images carry.
            $plan = Get-FipsBuild -DkpVersion 2.3.1 |
                New-FipsAmi -ImageDefinition images/ami/rhel-84.yaml -Region us-west-2 -KibPath $Kib -WorkingDirectory $dir -LogDirectory $dir |
                Test-FipsAmi @Aws |
                New-DkpFipsCluster -ClusterName fips-chain -PlanOnly -DkpPath $Dkp
            $plan | Should -BeOfType DkpFips.ClusterPlan
            $plan.ClusterName | Should -Be 'fips-chain'
            $plan.KubernetesVersion | Should -Be 'v1.23.7+fips.0'
            $plan.MachineImage | Should -BeLike 'ami-0bbb*'
        }

        It 'refuses an unfit AMI with an error naming its failed checks, and plans nothing' {
            $plan = Test-FipsAmi -ImageId $NonFipsAmi -Region us-east-1 -KubernetesVersion 1.23 @Aws |
                New-DkpFipsCluster -ClusterName c -PlanOnly -DkpPath $Dkp -ErrorVariable err -ErrorAction SilentlyContinue
            $plan | Should -BeNullOrEmpty
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be 'AmiNotFipsReady,DkpFips.Cmdlets.NewDkpFipsClusterCommand'
            $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
            $report = Test-FipsAmi -ImageId $NonFipsAmi -Region us-east-1 -KubernetesVersion 1.23 @Aws
            foreach ($check in $report.Checks | Where-Object Status -EQ 'Failed') {
                $err[0].Exception.Message | Should -BeLike "*$($check.Name)*"
            }
            $err[0].Exception.Message | Should -BeLike "*$NonFipsAmi*"
        }

        It 'never puts an unfit AMI in a pipeline matrix' {
            $matrix = Test-FipsAmi -ImageId $NonFipsAmi -Region us-east-1 -KubernetesVersion 1.23 @Aws |
                ConvertTo-DkpFipsPipelineMatrix -ClusterName c -ErrorVariable err -ErrorAction SilentlyContinue
            $matrix | Should -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Contain 'AmiNotFipsReady,DkpFips.Cmdlets.ConvertToDkpFipsPipelineMatrixCommand'
            $err.FullyQualifiedErrorId | Should -Contain 'InvalidClusterBatch,DkpFips.Cmdlets.ConvertToDkpFipsPipelineMatrixCommand'
        }

        It 'never takes the AMI''s name as the cluster name' {
            $report = Test-FipsAmi -ImageId $FipsAmi -Region us-east-1 -KubernetesVersion 1.23 @Aws
            $report.Name | Should -Not -BeNullOrEmpty
            $plan = $report | New-DkpFipsCluster -PlanOnly -DkpPath $Dkp -ErrorVariable err -ErrorAction SilentlyContinue
            $plan | Should -BeNullOrEmpty
            "$err" | Should -BeLike '*ClusterName*'
        }
    }

    Context 'the README quick start: catalog -> AMI -> check -> create -> verify -> upgrade plan' {
        AfterEach { Get-ChildItem env:FAKEKIB_* | ForEach-Object { Remove-Item "env:$($_.Name)" } }

        It 'runs as one chain of pipes' {
            $dir = New-TestDirectory
            $env:FAKEKIB_RECORD = Join-Path $dir 'record.json'
            $env:FAKEKIB_AMI_PREFIX = 'ami-0bbb'
            $created = Get-FipsBuild -DkpVersion 2.3.1 |
                New-FipsAmi -ImageDefinition images/ami/rhel-84.yaml -Region us-west-2 -KibPath $Kib -WorkingDirectory $dir -LogDirectory $dir |
                Test-FipsAmi @Aws |
                New-DkpFipsCluster -ClusterName fips-cluster -ManagementKubeconfig $FipsManagement.Kubeconfig -DkpPath $Dkp -LogDirectory $dir -Confirm:$false
            $created.Status | Should -Be 'Succeeded'
            $created.Plan.MachineImage | Should -BeLike 'ami-0bbb*'
            $created.ManagementKubeconfig | Should -Be $FipsManagement.Kubeconfig

            $report = $created | Test-DkpFipsCluster
            $report.IsFipsCompliant | Should -BeTrue
            $report.ClusterApiChecked | Should -BeTrue
            $report.CurrentVersion | Should -Be 'v1.22.8+fips.0'

            $plan = $report | Update-DkpFipsCluster -KubernetesVersion 1.23 -AmiId ami-0f1a2b3c4d5e60002 -ManagementKubeconfig $FipsManagement.Kubeconfig -PlanOnly -DkpPath $Dkp
            $plan | Should -BeOfType DkpFips.ClusterUpgradePlan
            $plan.CurrentVersion | Should -Be 'v1.22.8+fips.0'
            $plan.KubernetesVersion | Should -BeLike 'v1.23.*+fips.*'
            $plan.CurrentState.IsFipsCompliant | Should -BeTrue
            $plan.NodePools | Should -Not -BeNullOrEmpty
        }
    }

    Context 'Import-DkpFipsClusterSpec | Test-DkpFipsCluster and | Update-DkpFipsCluster' {
        BeforeAll {
            $script:Spec = New-SpecFile @"
defaults:
  provider: aws
  kubernetesVersion: '1.23'
  region: us-east-1
  managementKubeconfig: $($Management.Kubeconfig)
clusters:
  - name: fips-cluster
    amiId: $FipsAmi
"@
        }

        It 'checks the workload cluster, reached through its kubeconfig Secret on the management cluster' {
            $all = Import-DkpFipsClusterSpec $Spec | Test-DkpFipsCluster -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1
            $report = $all | Where-Object { $_ -is [DkpFips.FipsClusterReport] }
            $report | Should -HaveCount 1
            $report.ClusterName | Should -Be 'fips-cluster'
            $report.ClusterApiChecked | Should -BeTrue
            # The workload (mixed) is not FIPS; the management cluster is: the workload was read.
            $report.IsFipsCompliant | Should -BeFalse
            $report.Failures.Target | Should -Contain 'node/worker-2'
            $verbose = ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) -join "`n"
            $verbose | Should -BeLike '*Secret default/fips-cluster-kubeconfig*kept in memory only*'
        }

        It 'never shows or writes the workload kubeconfig' {
            $all = Import-DkpFipsClusterSpec $Spec | Test-DkpFipsCluster -Verbose -Debug *>&1 | Out-String -Width 400
            $json = Import-DkpFipsClusterSpec $Spec | Test-DkpFipsCluster | ConvertTo-Json -Depth 6
            $all + $json | Should -Not -BeLike "*$WorkloadToken*"
            Get-FilesContaining $WorkloadToken | Should -BeNullOrEmpty
        }

        It 'says which Secret is missing instead of reading the management cluster as the workload' {
            $spec = New-SpecFile @"
clusters:
  - name: not-there
    managementKubeconfig: $($Management.Kubeconfig)
"@
            $report = Import-DkpFipsClusterSpec $spec | Test-DkpFipsCluster -ErrorVariable err -ErrorAction SilentlyContinue
            $report | Should -BeNullOrEmpty
            $err | Should -HaveCount 1
            "$err" | Should -BeLike '*not-there-kubeconfig*'
        }

        It 'plans the upgrade from the workload and Cluster API state read the same way' {
            $plan = Import-DkpFipsClusterSpec $Spec | Update-DkpFipsCluster -KubernetesVersion 1.24 -PlanOnly -DkpPath $Dkp -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1
            $verbose = ($plan | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) -join "`n"
            $verbose | Should -BeLike '*Secret default/fips-cluster-kubeconfig*'
            # The workload is not FIPS: an upgrade cannot make it so, and is refused.
            $plan | Where-Object { $_ -is [DkpFips.ClusterUpgradePlan] } | Should -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Contain 'ClusterNotFips,DkpFips.Cmdlets.UpdateDkpFipsClusterCommand'
        }

        It 'refuses the old spec key kubeconfig, naming the new one' {
            $old = New-SpecFile "clusters:`n  - name: a`n    kubeconfig: ./management.conf`n"
            $null = Import-DkpFipsClusterSpec $old -ErrorVariable err -ErrorAction SilentlyContinue
            $err | Should -HaveCount 1
            "$err" | Should -BeLike "*managementKubeconfig*"
        }
    }

    Context 'Import-DkpFipsClusterSpec | New-DkpFipsCluster | Test-DkpFipsCluster' {
        AfterEach { Get-ChildItem env:FAKEDKP_* | ForEach-Object { Remove-Item "env:$($_.Name)" } }

        It 'checks the new cluster dkp wrote a kubeconfig for' {
            $dir = New-TestDirectory
            $env:FAKEDKP_KUBECONFIG_SERVER = $FipsWorkload.Url
            $spec = New-SpecFile "clusters:`n  - name: fips-new`n    kubernetesVersion: '1.22'`n    amiId: $FipsAmi`n    argumentList: [--self-managed]`n"
            Push-Location $dir
            try {
                $report = Import-DkpFipsClusterSpec $spec | New-DkpFipsCluster -DkpPath $Dkp -LogDirectory $dir -Confirm:$false |
                    Test-DkpFipsCluster
            }
            finally { Pop-Location }
            $report | Should -BeOfType DkpFips.FipsClusterReport
            $report.ClusterName | Should -Be 'fips-new'
            $report.CurrentVersion | Should -Be 'v1.22.8+fips.0'
            $report.IsFipsCompliant | Should -BeTrue
        }

        It 'reaches a new cluster without a kubeconfig file through the management cluster it was created on' {
            $dir = New-TestDirectory
            $spec = New-SpecFile "clusters:`n  - name: fips-cluster`n    kubernetesVersion: '1.23'`n    amiId: $FipsAmi`n    managementKubeconfig: $($Management.Kubeconfig)`n"
            $result = Import-DkpFipsClusterSpec $spec | New-DkpFipsCluster -DkpPath $Dkp -LogDirectory $dir -Confirm:$false
            $result.ManagementKubeconfig | Should -Be $Management.Kubeconfig
            $result.KubeconfigPath | Should -BeNullOrEmpty
            $report = $result | Test-DkpFipsCluster -ErrorAction SilentlyContinue
            $report.ClusterApiChecked | Should -BeTrue
            $report.Failures.Target | Should -Contain 'node/worker-2'
        }
    }

    Context 'Test-DkpFipsCluster | Update-DkpFipsCluster' {
        It 'takes the report''s running version as the current version' {
            $report = Test-DkpFipsCluster -Kubeconfig $FipsWorkload.Kubeconfig
            $report.CurrentVersion | Should -Be 'v1.22.8+fips.0'
            $plan = $report | Update-DkpFipsCluster -KubernetesVersion 1.23 -AmiId $FipsAmi -NodePool md-0 -PlanOnly -DkpPath $Dkp
            $plan | Should -BeOfType DkpFips.ClusterUpgradePlan
            $plan.CurrentVersion | Should -Be 'v1.22.8+fips.0'
            $plan.KubernetesVersion | Should -BeLike 'v1.23.*+fips.*'
        }

        It 'refuses to plan from a report that finds the cluster not FIPS' {
            $report = Test-DkpFipsCluster -Kubeconfig $Workload.Kubeconfig
            $plan = $report | Update-DkpFipsCluster -KubernetesVersion 1.24 -AmiId $FipsAmi -NodePool md-0 -PlanOnly -DkpPath $Dkp -ErrorVariable err -ErrorAction SilentlyContinue
            $plan | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -Be 'ClusterNotFips,DkpFips.Cmdlets.UpdateDkpFipsClusterCommand'
            "$err" | Should -BeLike '*node/worker-2*'
        }
    }

    Context 'an old CSV with the renamed Kubeconfig column' {
        It 'refuses that row by name instead of ignoring the column (dkp would create on the default kubeconfig)' {
            $rows = @(
                [pscustomobject]@{ ClusterName = 'old-1'; Kubeconfig = './management.conf'; KubernetesVersion = '1.23'; AmiId = 'ami-0a1b2c3d4e5f60718' }
                [pscustomobject]@{ ClusterName = 'new-1'; ManagementKubeconfig = './management.conf'; KubernetesVersion = '1.23'; AmiId = 'ami-0a1b2c3d4e5f60718' }
            )
            $plans = $rows | New-DkpFipsCluster -PlanOnly -DkpPath $Dkp -ErrorVariable err -ErrorAction SilentlyContinue
            @($plans).ClusterName | Should -Be 'new-1'
            $plans.Arguments | Should -Contain "--kubeconfig=$(Join-Path $PWD.ProviderPath 'management.conf')"
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be 'ParameterRenamed,DkpFips.Cmdlets.NewDkpFipsClusterCommand'
            $err[0].Exception.Message | Should -BeLike "Cluster 'old-1': Kubeconfig was renamed ManagementKubeconfig*"

            $matrix = $rows | ConvertTo-DkpFipsPipelineMatrix -ErrorVariable err2 -ErrorAction SilentlyContinue
            $matrix | Should -BeNullOrEmpty
            $err2.FullyQualifiedErrorId | Should -Contain 'ParameterRenamed,DkpFips.Cmdlets.ConvertToDkpFipsPipelineMatrixCommand'
        }
    }

    Context 'Get-FipsBuild | Test-DkpFipsCluster' {
        It 'checks against the piped build' {
            # The cluster runs 1.22.8+fips.0: compliant for its own version, not for the 1.23 build.
            (Get-FipsBuild -KubernetesVersion 1.22 -Latest | Test-DkpFipsCluster -Kubeconfig $FipsWorkload.Kubeconfig).IsFipsCompliant | Should -BeTrue
            $report = Get-FipsBuild -KubernetesVersion 1.23 -Latest | Test-DkpFipsCluster -Kubeconfig $FipsWorkload.Kubeconfig
            $report.IsFipsCompliant | Should -BeFalse
            $report.Failures | Should -Not -BeNullOrEmpty
        }

        It 'refuses a piped build together with -ExpectedBuild' {
            $null = Get-FipsBuild -KubernetesVersion 1.23 -Latest | Test-DkpFipsCluster -Kubeconfig $FipsWorkload.Kubeconfig -ExpectedBuild 1.22 -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -Be 'InvalidExpectedBuild,DkpFips.Cmdlets.TestDkpFipsClusterCommand'
        }
    }
}
