# Update-DkpFipsCluster through the assembled module: the dkp double (FakeDkp) runs the steps; the
# Kubernetes API server double (KubeApiDouble) is the cluster before and, once FakeDkp has run
# (it writes its record file, the double's --when-file trigger), after the upgrade.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    . (Join-Path $PSScriptRoot 'KubeApiHelpers.ps1')
    $script:Fake = Join-Path $RepoRoot 'out/bin/FakeDkp/Release/net10.0/FakeDkp'
    if ($IsWindows) { $script:Fake += '.exe' }
    $script:Ami = 'ami-0a1b2c3d4e5f60718'

    function Reset-FakeDkp { Get-ChildItem env:FAKEDKP_* | ForEach-Object { Remove-Item "env:$($_.Name)" } }

    function New-TestDirectory {
        $path = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $path
        $path
    }

    function Start-UpgradeCluster([string] $After) {
        <# A 1.21 FIPS cluster that turns into scenario $After once dkp update has run. #>
        $trigger = Join-Path (New-TestDirectory) 'dkp-ran.json'
        $env:FAKEDKP_RECORD = $trigger
        $double = Start-KubeApiDouble 'v1.21' -Arguments @('--then', $After, '--when-file', $trigger)
        $double | Add-Member -NotePropertyName Trigger -NotePropertyValue $trigger -PassThru
    }

    function Invoke-Upgrade($Double, [hashtable] $Extra = @{}) {
        $arguments = @{
            ClusterName = 'fips-cluster'; KubernetesVersion = '1.22'; AmiId = $Ami; DkpPath = $Fake
            Kubeconfig = $Double.Kubeconfig; ManagementKubeconfig = $Double.Kubeconfig; Confirm = $false
            LogDirectory = (New-TestDirectory)
        }
        foreach ($key in $Extra.Keys) { $arguments[$key] = $Extra[$key] }
        Update-DkpFipsCluster @arguments
    }

    function Split-Output($All) {
        <# The result, the errors and the warnings of a run captured with 2>&1 3>&1. #>
        [pscustomobject]@{
            Result   = $All | Where-Object { $_ -is [DkpFips.ClusterUpgradeResult] }
            Errors   = @($All | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
            Warnings = "$(@($All | Where-Object { $_ -is [Management.Automation.WarningRecord] }))"
        }
    }
}

AfterAll { Stop-KubeApiDoubles }

Describe 'Update-DkpFipsCluster' {
    AfterEach { Reset-FakeDkp }

    Context 'planning (-PlanOnly)' {
        BeforeAll { $script:v121 = Start-KubeApiDouble 'v1.21' }

        It 'plans dkp update controlplane then nodepool from the management cluster, with every argument' {
            $plan = Update-DkpFipsCluster fips-cluster -KubernetesVersion 1.22 -AmiId $Ami -Kubeconfig $v121.Kubeconfig -ManagementKubeconfig $v121.Kubeconfig -DkpPath $Fake -PlanOnly
            $plan | Should -BeOfType ([DkpFips.ClusterUpgradePlan])
            $plan.CurrentVersion | Should -Be 'v1.21.6+fips.0'
            $plan.KubernetesVersion | Should -Be 'v1.22.8+fips.0'
            $plan.FipsBuild.DkpVersion | Should -Be '2.2'
            $plan.NodePools | Should -Be @('fips-cluster-md-0')
            $plan.CurrentState.IsFipsCompliant | Should -BeTrue
            $plan.KubeProxyImage | Should -Be 'docker.io/mesosphere/kube-proxy:v1.22.8_fips.0'
            $plan.Steps.Count | Should -Be 2
            $plan.Steps[0] | Should -BeOfType ([DkpFips.ClusterUpgradeStep])
            $plan.Steps[0].Arguments | Should -Be @('update', 'controlplane', 'aws', '--cluster-name=fips-cluster', '--kubernetes-version=v1.22.8+fips.0', "--ami=$Ami", "--kubeconfig=$($v121.Kubeconfig)")
            $plan.Steps[1].Arguments | Should -Be @('update', 'nodepool', 'aws', 'fips-cluster-md-0', '--cluster-name=fips-cluster', '--kubernetes-version=v1.22.8+fips.0', "--ami=$Ami", "--kubeconfig=$($v121.Kubeconfig)")
            $plan.Steps.Status | Should -Be @('Planned', 'Planned')
            $plan.Steps[0].Executable | Should -Be $Fake
            $plan.Steps[1].GetCommandLine('bash') | Should -BeLike '*update nodepool aws fips-cluster-md-0 --cluster-name=fips-cluster*'
        }

        It 'plans offline from -CurrentVersion and -NodePool, with a warning that nothing was checked' {
            $plan = Update-DkpFipsCluster fips-1 -CurrentVersion v1.22.8+fips.0 -KubernetesVersion 1.23 -VmTemplate konvoy-rhel-84-fips -NodePool md-0, md-1 -PlanOnly -WarningVariable warnings -WarningAction SilentlyContinue
            $plan.Provider | Should -Be 'vsphere'
            $plan.Steps.Name | Should -Be @('controlplane', 'md-0', 'md-1')
            $plan.Steps[2].Arguments | Should -Contain '--vm-template=konvoy-rhel-84-fips'
            "$warnings" | Should -BeLike '*was not checked before the upgrade*'
        }

        It 'refuses <Target> from v1.22.8+fips.0 with <ErrorId>' -TestCases @(
            @{ Target = 'v1.23.7'; ErrorId = 'TargetNotFips' }
            @{ Target = '1.21'; ErrorId = 'Downgrade' }
            @{ Target = '1.24'; ErrorId = 'MinorVersionSkip' }
            @{ Target = 'v1.23.99+fips.0'; ErrorId = 'TargetNotInCatalog' }
            @{ Target = 'v1.22.8+fips.0'; ErrorId = 'AlreadyAtTargetVersion' }
        ) {
            $plan = Update-DkpFipsCluster fips-1 -CurrentVersion v1.22.8+fips.0 -KubernetesVersion $Target -AmiId $Ami -NodePool md-0 -PlanOnly -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $plan | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        }

        It 'plans a target the catalog lacks with -Force' {
            $plan = Update-DkpFipsCluster fips-1 -CurrentVersion v1.22.8+fips.0 -KubernetesVersion v1.23.15+fips.0 -AmiId $Ami -NodePool @() -Force -PlanOnly -WarningAction SilentlyContinue
            $plan.InCatalog | Should -BeFalse
            $plan.FipsBuild | Should -BeNullOrEmpty
            $plan.Steps.Count | Should -Be 1
        }

        It 'takes the target build from Get-FipsBuild through the pipeline' {
            $plan = Get-FipsBuild -DkpVersion 2.2 | Update-DkpFipsCluster -ClusterName fips-cluster -AmiId $Ami -ManagementKubeconfig $v121.Kubeconfig -PlanOnly -WarningAction SilentlyContinue
            $plan.KubernetesVersion | Should -Be 'v1.22.8+fips.0'
        }

        It 'formats plans, steps and results in tables that fit 120 columns' {
            $plan = Update-DkpFipsCluster fips-cluster -KubernetesVersion 1.22 -AmiId $Ami -ManagementKubeconfig $v121.Kubeconfig -PlanOnly -WarningAction SilentlyContinue
            foreach ($value in @($plan), $plan.Steps) {
                $lines = $value | Format-Table | Out-String -Width 120 -Stream | Where-Object { $_ }
                $lines[0] | Should -Match '^ClusterName|^Order'
                $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
            }
            "$plan" | Should -Be 'fips-cluster: v1.21.6+fips.0 -> v1.22.8+fips.0 (2 step(s))'
        }
    }

    Context 'refusing a cluster that is not FIPS' {
        It 'refuses a cluster with a non-FIPS node and runs nothing' {
            $d = Start-KubeApiDouble 'mixed'
            $record = Join-Path (New-TestDirectory) 'record.json'
            $env:FAKEDKP_RECORD = $record
            $r = Update-DkpFipsCluster fips-cluster -KubernetesVersion 1.24 -AmiId $Ami -Kubeconfig $d.Kubeconfig -ManagementKubeconfig $d.Kubeconfig -DkpPath $Fake -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
            $r | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'ClusterNotFips,*'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $failures[0].Exception.Message | Should -BeLike '*KubeletVersion node/worker-2*cannot make it FIPS*'
            Test-Path $record | Should -BeFalse
        }

        It 'refuses a cluster whose KubeadmControlPlane is not a FIPS version' {
            $d = Start-KubeApiDouble 'capi-nonfips'
            $r = Update-DkpFipsCluster fips-cluster -KubernetesVersion 1.24 -AmiId $Ami -ManagementKubeconfig $d.Kubeconfig -PlanOnly -ErrorVariable failures -ErrorAction SilentlyContinue
            $r | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'ClusterNotFips,*'
            $failures[0].Exception.Message | Should -BeLike '*runs v1.23.7, which is not a FIPS build*'
        }

        It 'reports an unreachable cluster as a connection error and runs nothing' {
            $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
            $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
            $dead = New-Kubeconfig -Server "http://127.0.0.1:$port"
            $r = Update-DkpFipsCluster fips-cluster -KubernetesVersion 1.22 -AmiId $Ami -ManagementKubeconfig $dead -DkpPath $Fake -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
            $r | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'ClusterUnreachable,*'
        }
    }

    Context 'running the upgrade through dkp' {
        It 'runs every step, finds kube-proxy current, and verifies the cluster with -Verify' {
            $d = Start-UpgradeCluster 'v1.22'
            $logs = New-TestDirectory
            $r = Invoke-Upgrade $d @{ Verify = $true; LogDirectory = $logs }
            $r | Should -BeOfType ([DkpFips.ClusterUpgradeResult])
            $r.Status | Should -Be 'Succeeded'
            $r.CurrentVersion | Should -Be 'v1.21.6+fips.0'
            $r.KubernetesVersion | Should -Be 'v1.22.8+fips.0'
            $r.Steps.Status | Should -Be @('Succeeded', 'Succeeded')
            $r.Steps.ExitCode | Should -Be @(0, 0)
            $r.KubeProxyStatus | Should -Be 'Current'
            $r.Verification | Should -BeOfType ([DkpFips.FipsClusterReport])
            $r.Verification.CurrentVersion | Should -Be 'v1.22.8+fips.0'
            $r.IsFipsCompliant | Should -BeTrue
            (Get-Content -Raw $r.Steps[0].LogPath) | Should -BeLike "*update controlplane aws --cluster-name=fips-cluster --kubernetes-version=v1.22.8+fips.0 --ami=$Ami*"
            (Get-Content -Raw $r.Steps[1].LogPath) | Should -BeLike '*update nodepool aws fips-cluster-md-0 *'
            @(Get-ChildItem $logs).Count | Should -Be 2
            $lines = $r | Format-Table | Out-String -Width 120 -Stream | Where-Object { $_ }
            $lines[0] | Should -Match '^ClusterName\s+Status\s+CurrentVersion\s+KubernetesVersion\s+KubeProxyStatus\s+IsFipsCompliant'
            $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
            "$r" | Should -Be 'fips-cluster: Succeeded (v1.21.6+fips.0 -> v1.22.8+fips.0)'
            (Get-Content -Raw $d.Trigger | ConvertFrom-Json).argv[0..3] | Should -Be @('update', 'nodepool', 'aws', 'fips-cluster-md-0')
        }

        It 'reports a kube-proxy left on the old image after the control-plane step, with the fix' {
            $d = Start-UpgradeCluster 'kubeproxy-left'
            $out = Split-Output (Invoke-Upgrade $d @{ Verify = $true; ErrorAction = 'Continue' } 2>&1 3>&1)
            $r = $out.Result; $failures = $out.Errors; $warnings = $out.Warnings
            $r.Status | Should -Be 'Succeeded'
            $r.KubeProxyStatus | Should -Be 'LeftBehind'
            $r.KubeProxyLeftBehind.Count | Should -Be 6
            $r.KubeProxyLeftBehind[0].Message | Should -BeLike '*v1.21.6_fips.0*'
            $r.KubeProxyRepairCommand | Should -BeLike '*set image daemonset/kube-proxy kube-proxy=docker.io/mesosphere/kube-proxy:v1.22.8_fips.0 --namespace=kube-system*'
            "$warnings" | Should -BeLike '*6 kube-proxy pod(s)*-RepairKubeProxy*'
            $r.IsFipsCompliant | Should -BeFalse
            $failures.FullyQualifiedErrorId | Should -BeLike 'UpgradeVerificationFailed,*'
        }

        It 'reaches the workload through the management cluster''s kubeconfig Secret, and never points the kube-proxy fix at another kubeconfig' {
            $trigger = Join-Path (New-TestDirectory) 'dkp-ran.json'
            $env:FAKEDKP_RECORD = $trigger
            # The Secret is read when requested: the double's own kubeconfig, copied once it exists.
            $secretFile = Join-Path (New-TestDirectory) 'workload.conf'
            $d = Start-KubeApiDouble 'v1.21' -Arguments @('--then', 'kubeproxy-left', '--when-file', $trigger, '--kubeconfig-secret', "default/fips-cluster-kubeconfig=$secretFile")
            Copy-Item -LiteralPath $d.Kubeconfig -Destination $secretFile
            $all = Update-DkpFipsCluster -ClusterName fips-cluster -KubernetesVersion 1.22 -AmiId $Ami -DkpPath $Fake -ManagementKubeconfig $d.Kubeconfig `
                -Confirm:$false -LogDirectory (New-TestDirectory) -Verify -Verbose -ErrorAction SilentlyContinue 3>&1 4>&1
            $r = $all | Where-Object { $_ -is [DkpFips.ClusterUpgradeResult] }
            $r.Status | Should -Be 'Succeeded'
            $r.Plan.CurrentState.IsFipsCompliant | Should -BeTrue
            $r.Verification | Should -Not -BeNullOrEmpty
            $r.KubeProxyStatus | Should -Be 'LeftBehind'
            $r.KubeProxyRepairCommand | Should -BeLike '*--kubeconfig=fips-cluster.conf*'
            $r.KubeProxyRepairCommand | Should -Not -BeLike "*$($d.Kubeconfig)*"
            "$($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })" | Should -BeLike '*Secret default/fips-cluster-kubeconfig*kept in memory only*'
        }

        It 'writes each failed check once as a logissue line on an Azure Pipelines agent' {
            $d = Start-UpgradeCluster 'kubeproxy-left'
            $env:TF_BUILD = 'True'
            try { $all = @(Invoke-Upgrade $d @{ Verify = $true; ErrorAction = 'SilentlyContinue'; WarningAction = 'SilentlyContinue' } 6>&1) }
            finally { Remove-Item env:TF_BUILD }
            $r = $all | Where-Object { $_ -is [DkpFips.ClusterUpgradeResult] }
            $failed = @($r.Verification.Checks | Where-Object Status -EQ 'Failed')
            $lines = @($all | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } | ForEach-Object { "$_" } |
                Where-Object { $_ -like '##vso`[task.logissue type=error;code=*' -and $_ -like '*ClusterUpgrade fips-cluster:*' })
            $failed.Count | Should -BeGreaterThan 0
            $lines.Count | Should -Be $failed.Count
            $lines | Should -Contain "##vso[task.logissue type=error;code=$($failed[0].Name);]ClusterUpgrade fips-cluster: $($failed[0].Name) $($failed[0].Target): $($failed[0].Message.Replace(';', '%3B').Replace(']', '%5D'))"
        }

        It 'repairs a kube-proxy left behind with -RepairKubeProxy through kubectl' {
            $d = Start-UpgradeCluster 'kubeproxy-left'
            $logs = New-TestDirectory
            $r = Invoke-Upgrade $d @{ RepairKubeProxy = $true; KubectlPath = $Fake; LogDirectory = $logs }
            $r.KubeProxyStatus | Should -Be 'Repaired'
            $log = Get-ChildItem $logs -Filter '*kube-proxy*'
            (Get-Content -Raw $log.FullName) | Should -BeLike "*set image daemonset/kube-proxy kube-proxy=docker.io/mesosphere/kube-proxy:v1.22.8_fips.0 --namespace=kube-system --kubeconfig=$($d.Kubeconfig)*"
        }

        It 'stops at a failed step: later steps do not run' {
            $d = Start-UpgradeCluster 'v1.22'
            $env:FAKEDKP_FAIL_CLUSTERS = 'fips-cluster'
            $out = Split-Output (Invoke-Upgrade $d @{ ErrorAction = 'Continue' } 2>&1 3>&1)
            $r = $out.Result; $failures = $out.Errors
            $r.Status | Should -Be 'Failed'
            $r.Steps.Status | Should -Be @('Failed', 'NotRun')
            $r.KubeProxyStatus | Should -Be 'NotChecked'
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'DkpFailed,*'
            $failures[0].Exception.Message | Should -BeLike '*update controlplane (controlplane)*exit code 1*later steps were not run*'
        }

        It 'stops a step that runs past -TimeoutSec' {
            $d = Start-UpgradeCluster 'v1.22'
            $env:FAKEDKP_HANG = '1'
            $out = Split-Output (Invoke-Upgrade $d @{ TimeoutSec = 1; ErrorAction = 'Continue' } 2>&1 3>&1)
            $r = $out.Result; $failures = $out.Errors
            $r.Status | Should -Be 'TimedOut'
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'DkpTimedOut,*'
            $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        }

        It 'stops the dkp process tree when the pipeline is stopped (Ctrl+C), and runs no later step' {
            $dir = New-TestDirectory
            $env:FAKEDKP_HANG = '1'
            $env:FAKEDKP_RECORD = Join-Path $dir 'record.json'
            $ps = [powershell]::Create()
            try {
                # The module is imported first, on its own: a stopped asynchronous batch (AddStatement) can run
                # its next statement on the closed runspace, an unhandled exception that ends the test process.
                $null = $ps.AddCommand('Import-Module').AddArgument($ModuleManifest).Invoke(); $ps.Commands.Clear()
                $null = $ps.AddCommand('Update-DkpFipsCluster').
                    AddParameters(@{ ClusterName = 'fips-1'; CurrentVersion = 'v1.22.8+fips.0'; KubernetesVersion = '1.23'; AmiId = $Ami; NodePool = @('md-0')
                        DkpPath = $Fake; LogDirectory = $dir; Confirm = $false; WarningAction = 'SilentlyContinue' })
                $async = $ps.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while (-not (Test-Path $env:FAKEDKP_RECORD) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                $record = Get-Content -Raw $env:FAKEDKP_RECORD | ConvertFrom-Json
                $ps.Stop()
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                { [Diagnostics.Process]::GetProcessById($record.pid).HasExited } | Should -Throw
                (Get-Content -Raw $env:FAKEDKP_RECORD | ConvertFrom-Json).argv[1] | Should -Be 'controlplane'
                @(Get-ChildItem $dir -Filter '*md-0*').Count | Should -Be 0
            }
            finally { $ps.Dispose() }
        }

        It 'runs nothing with -WhatIf' {
            $d = Start-UpgradeCluster 'v1.22'
            $r = Invoke-Upgrade $d @{ WhatIf = $true; Confirm = $false }
            $r | Should -BeNullOrEmpty
            Test-Path $d.Trigger | Should -BeFalse
        }

        It 'passes AWS credentials in the environment and never shows the secret' {
            $d = Start-UpgradeCluster 'v1.22'
            $canary = 'CANARY-update-5b9e1'
            $env:FAKEDKP_RECORD_ENV = 'AWS_SECRET_ACCESS_KEY'
            $env:FAKEDKP_ECHO = '1'
            $credential = [pscredential]::new('AKIAEXAMPLE', (ConvertTo-SecureString $canary -AsPlainText -Force))
            $all = Invoke-Upgrade $d @{ AwsCredential = $credential; Verbose = $true } 4>&1
            (Get-Content -Raw $d.Trigger | ConvertFrom-Json).env.AWS_SECRET_ACCESS_KEY | Should -Be $canary
            $r = $all | Where-Object { $_ -is [DkpFips.ClusterUpgradeResult] }
            ($all | Out-String) + ($r | ConvertTo-Json -Depth 6) + (Get-Content -Raw $r.Steps.LogPath) | Should -Not -BeLike "*$canary*"
        }
    }

    Context 'one declaration of the cluster parameters, and output that holds only what users see' {
        It 'declares -<Name> once, for create, matrix and upgrade alike' -TestCases @(
            'Provider', 'KubernetesVersion', 'AmiId', 'AmiReport', 'VmTemplate', 'ImageRepository', 'ManagementKubeconfig', 'Namespace', 'DkpPath', 'CatalogPath' | ForEach-Object { @{ Name = $_ } }
        ) {
            $describe = {
                param($command)
                $parameter = (Get-Command $command).Parameters[$Name]
                # Each attribute with its simple settings (Mandatory, Position, pipeline binding, completer type, ...).
                $attributes = foreach ($attribute in $parameter.Attributes) {
                    $settings = $attribute.GetType().GetProperties() |
                        Where-Object { $_.Name -ne 'TypeId' -and ($_.PropertyType.IsValueType -or $_.PropertyType -in [string], [type], [string[]]) } |
                        Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.GetValue($attribute))" }
                    "$($attribute.GetType().Name)($($settings -join ';'))"
                }
                "$($parameter.ParameterType) $(($parameter.Aliases | Sort-Object) -join ',') $(($attributes | Sort-Object) -join ' ')"
            }
            foreach ($command in 'Update-DkpFipsCluster', 'New-DkpFipsCluster', 'ConvertTo-DkpFipsPipelineMatrix') {
                (Get-Command $command).ImplementingType.GetProperty($Name).DeclaringType.Name | Should -Be 'ClusterOptionsCmdlet' -Because "$command takes -$Name from the one declaration"
            }

            & $describe 'Update-DkpFipsCluster' | Should -Be (& $describe 'New-DkpFipsCluster')
        }

        It 'keeps the create-only parameters off the upgrade, and its own -Kubeconfig (the workload) visible' {
            $parameters = (Get-Command Update-DkpFipsCluster).Parameters
            foreach ($name in 'EtcdVersion', 'Region', 'OverrideSecretName', 'RegistryMirrorUrl', 'ArgumentList') { $parameters.Keys | Should -Not -Contain $name }
            ($parameters['Kubeconfig'].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }).DontShow | Should -BeFalse
        }

        It 'plans without carrying the engine plan in its output' {
            $plan = Update-DkpFipsCluster fips-1 -CurrentVersion v1.22.8+fips.0 -KubernetesVersion 1.23 -AmiId $Ami -NodePool md-0 -PlanOnly -WarningAction SilentlyContinue
            $plan.Steps.Count | Should -Be 2
            # The engine (DkpFips.Core) is loaded in DkpFips' own load context: find its types by their assembly's name.
            $properties = [DkpFips.ClusterUpgradePlan].GetProperties([System.Reflection.BindingFlags]'Public, NonPublic, Instance')
            $properties.Name | Should -Contain 'Steps'
            $properties | Where-Object { $_.PropertyType.Assembly.GetName().Name -eq 'DkpFips.Core' } | ForEach-Object Name | Should -BeNullOrEmpty
        }

        It 'refuses -Verify without a cluster to verify, and runs nothing' {
            $dir = New-TestDirectory
            $record = Join-Path $dir 'record.json'
            $env:FAKEDKP_RECORD = $record
            try {
                $r = Update-DkpFipsCluster fips-1 -CurrentVersion v1.22.8+fips.0 -KubernetesVersion 1.23 -AmiId $Ami -NodePool md-0 -DkpPath $Fake -LogDirectory $dir -Verify -Confirm:$false `
                    -ErrorAction SilentlyContinue -ErrorVariable errs -WarningAction SilentlyContinue
            }
            finally { Reset-FakeDkp }
            $r | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidArgument,DkpFips.Cmdlets.UpdateDkpFipsClusterCommand'
            $errs[0].Exception.Message | Should -BeLike '-Verify needs the workload cluster*'
            Test-Path $record | Should -BeFalse
        }

        It 'names the cluster when it refuses -ImageRepository, as New-DkpFipsCluster does' {
            Update-DkpFipsCluster fips-1 -CurrentVersion v1.22.8+fips.0 -KubernetesVersion 1.23 -AmiId $Ami -NodePool md-0 -ImageRepository 'registry.local:99999/x' `
                -PlanOnly -ErrorAction SilentlyContinue -ErrorVariable errs -WarningAction SilentlyContinue
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidImageRepository,DkpFips.Cmdlets.UpdateDkpFipsClusterCommand'
            $errs[0].Exception.Message | Should -BeLike "Cluster 'fips-1': 'registry.local:99999/x' is not an image repository*"
            $errs[0].TargetObject | Should -Be 'registry.local:99999/x'
        }
    }
}
