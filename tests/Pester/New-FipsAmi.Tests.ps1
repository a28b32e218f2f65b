BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $exe = if ($IsWindows) { '.exe' } else { '' }
    $script:Kib = Join-Path $RepoRoot "out/bin/FakeKib/Release/net10.0/FakeKib$exe"
    $script:Dkp = Join-Path $RepoRoot "out/bin/FakeDkp/Release/net10.0/FakeDkp$exe"

    function Reset-FakeKib { Get-ChildItem env:FAKEKIB_* | ForEach-Object { Remove-Item "env:$($_.Name)" } }

    function New-TestDirectory {
        $path = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $path
        $path
    }

    function Read-Record([string] $Path) { Get-Content -Raw -LiteralPath $Path | ConvertFrom-Json }

    function Wait-Until([scriptblock] $Condition, [int] $Seconds = 30) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Condition not met within $Seconds s: $Condition" }
            Start-Sleep -Milliseconds 50
        }
    }

    function Test-ProcessAlive([int] $Id) {
        try { $p = [Diagnostics.Process]::GetProcessById($Id); -not $p.HasExited } catch { $false }
    }

    # A build in its own KIB working folder, with its log there too.
    function Get-BuildSplat {
        param([hashtable] $Splat = @{})
        $dir = New-TestDirectory
        $env:FAKEKIB_RECORD = Join-Path $dir 'record.json'
        $base = @{ ImageDefinition = 'images/ami/rhel-84.yaml'; KubernetesVersion = '1.23'; Region = 'us-west-2'; KibPath = $Kib; WorkingDirectory = $dir; LogDirectory = $dir }
        foreach ($k in $Splat.Keys) { $base[$k] = $Splat[$k] }
        $base
    }

    function Invoke-Build {
        param([hashtable] $Splat = @{})
        $base = Get-BuildSplat $Splat
        New-FipsAmi @base
    }
}

Describe 'New-FipsAmi' {
    AfterEach { Reset-FakeKib }

    Context 'planning (-PlanOnly, -WhatIf)' {
        It 'maps a FIPS AMI build to the exact konvoy-image arguments' {
            $plan = New-FipsAmi images/ami/rhel-84.yaml -KubernetesVersion 1.23 -Region us-west-2 -SourceAmi ami-0123456789abcdef0 `
                -AmiRegions us-east-1, eu-west-1 -InstanceType m5.xlarge -KibPath $Kib -PlanOnly
            $plan | Should -BeOfType ([DkpFips.FipsAmiPlan])
            $plan.Arguments | Should -Be @('build', 'aws', 'images/ami/rhel-84.yaml', '--overrides=overrides/fips.yaml', '--kubernetes-version=1.23.7',
                '--region=us-west-2', '--source-ami=ami-0123456789abcdef0', '--ami-regions=us-east-1,eu-west-1', '--instance-type=m5.xlarge')
            $plan.Executable | Should -Be $Kib
            $plan.KubernetesVersion | Should -Be 'v1.23.7+fips.0'
            $plan.OperatingSystem | Should -Be 'RHEL 8.4'
            $plan.FipsBuild.DkpVersion | Should -Be '2.3'
            $plan.WorkingDirectory | Should -Be (Get-Location).ProviderPath
            $plan.GetCommandLine('bash') | Should -BeLike '*build aws images/ami/rhel-84.yaml --overrides=overrides/fips.yaml*'
            "$plan" | Should -Be $plan.CommandLine
        }

        It 'resolves -OperatingSystem, adds the air-gapped and extra overrides, takes a build from the pipeline' {
            $plan = Get-FipsBuild -DkpVersion 2.2 | New-FipsAmi -OperatingSystem 'centos 7.9' -AirGapped -OverrideFile overrides/custom.yaml -KibPath $Kib -PlanOnly
            $plan.ImageDefinition | Should -Be 'images/ami/centos-79.yaml'
            $plan.Arguments | Should -Be @('build', 'aws', 'images/ami/centos-79.yaml', '--overrides=overrides/fips.yaml', '--overrides=overrides/offline-fips.yaml',
                '--overrides=overrides/custom.yaml', '--kubernetes-version=1.22.8')
        }

        It 'plans a vSphere template build from an images/ova definition' {
            $plan = New-FipsAmi images/ova/rhel-84.yaml -KubernetesVersion 1.22 -PlanOnly -KibPath $Kib
            $plan.Platform | Should -Be 'vsphere'
            $plan.Arguments[0..2] | Should -Be @('build', 'vsphere', 'images/ova/rhel-84.yaml')
        }

        It 'plans without konvoy-image installed; runs nothing with -WhatIf' {
            (New-FipsAmi -OperatingSystem rhel-8.4 -KubernetesVersion 1.23 -KibPath ./no-such-kib -PlanOnly).Executable | Should -Be './no-such-kib'
            $dir = New-TestDirectory
            $env:FAKEKIB_RECORD = Join-Path $dir 'record.json'
            $out = New-FipsAmi -OperatingSystem rhel-8.4 -KubernetesVersion 1.23 -KibPath $Kib -WorkingDirectory $dir -WhatIf
            $out | Should -BeNullOrEmpty
            $env:FAKEKIB_RECORD | Should -Not -Exist
        }

        It 'gives a specific error for <Case>' -ForEach @(
            @{ Case = 'Ubuntu'; Splat = @{ ImageDefinition = 'images/ami/ubuntu-2004.yaml'; KubernetesVersion = '1.23' }; Id = 'OperatingSystemNotFipsCapable' }
            @{ Case = 'Flatcar'; Splat = @{ OperatingSystem = 'flatcar'; KubernetesVersion = '1.23' }; Id = 'OperatingSystemNotFipsCapable' }
            @{ Case = 'Rocky'; Splat = @{ ImageDefinition = 'images/ami/rocky-91.yaml'; KubernetesVersion = '1.23' }; Id = 'OperatingSystemNotFipsCapable' }
            @{ Case = 'SLES'; Splat = @{ ImageDefinition = 'images/ami/sles-15.yaml'; KubernetesVersion = '1.23' }; Id = 'OperatingSystemNotFipsCapable' }
            @{ Case = 'Amazon Linux'; Splat = @{ OperatingSystem = 'Amazon Linux 2'; KubernetesVersion = '1.23' }; Id = 'OperatingSystemNotFipsCapable' }
            @{ Case = 'Windows'; Splat = @{ OperatingSystem = 'windows-2019'; KubernetesVersion = '1.23' }; Id = 'OperatingSystemNotFipsCapable' }
            @{ Case = 'an unknown OS'; Splat = @{ OperatingSystem = 'debian-12'; KubernetesVersion = '1.23' }; Id = 'UnknownOperatingSystem' }
            @{ Case = 'a version without a FIPS build'; Splat = @{ OperatingSystem = 'rhel-8.4'; KubernetesVersion = '1.19.4' }; Id = 'FipsBuildNotFound' }
            @{ Case = 'a bad version'; Splat = @{ OperatingSystem = 'rhel-8.4'; KubernetesVersion = 'latest' }; Id = 'InvalidKubernetesVersion' }
            @{ Case = 'no version'; Splat = @{ OperatingSystem = 'rhel-8.4' }; Id = 'KubernetesVersionRequired' }
            @{ Case = 'no image'; Splat = @{ KubernetesVersion = '1.23' }; Id = 'ImageDefinitionRequired' }
            @{ Case = 'a bad platform'; Splat = @{ OperatingSystem = 'rhel-8.4'; KubernetesVersion = '1.23'; Platform = 'azure' }; Id = 'UnknownPlatform' }
            @{ Case = 'an AWS flag on vSphere'; Splat = @{ OperatingSystem = 'rhel-8.4'; KubernetesVersion = '1.23'; Platform = 'vsphere'; AmiRegions = 'us-east-1' }; Id = 'ParameterNotForPlatform' }
            @{ Case = 'a source AMI and a filter'; Splat = @{ OperatingSystem = 'rhel-8.4'; KubernetesVersion = '1.23'; SourceAmi = 'ami-0123456789abcdef0'; SourceAmiFilterOwner = '309956199498' }; Id = 'SourceAmiConflict' }
        ) {
            $err = { New-FipsAmi @Splat -KibPath $Kib -PlanOnly -ErrorAction Stop } | Should -Throw -ErrorId "$Id,DkpFips.Cmdlets.NewFipsAmiCommand" -PassThru
            $err.Exception.Message | Should -Not -BeNullOrEmpty
        }

        It 'names the OS family in the refusal and allows an unknown version with -Force' {
            { New-FipsAmi images/ami/ubuntu-2004.yaml -KubernetesVersion 1.23 -PlanOnly -ErrorAction Stop } | Should -Throw '*Ubuntu, which has no FIPS builds*'
            $plan = New-FipsAmi -OperatingSystem rhel-8.4 -KubernetesVersion 1.19.4 -Force -KibPath $Kib -PlanOnly
            $plan.Arguments | Should -Contain '--kubernetes-version=1.19.4'
            $plan.FipsBuild | Should -BeNullOrEmpty
        }
    }

    Context 'running konvoy-image' {
        It 'runs KIB with the planned arguments and reads the new AMI from the manifest, ignoring an earlier run' {
            $env:FAKEKIB_PREVIOUS = '1'
            $all = Invoke-Build -Splat @{ Verbose = $true } 4>&1
            $image = $all | Where-Object { $_ -is [DkpFips.FipsAmiImage] }
            @($image).Count | Should -Be 1
            $image.ImageId | Should -Match '^ami-[0-9a-f]{17}$'
            $image.ImageId | Should -Not -Be 'ami-0aaaaaaaaaaaaaaa1'
            $image.AmiId | Should -Be $image.ImageId
            $image.Region | Should -Be 'us-west-2'
            $image.Provider | Should -Be 'aws'
            $image.KubernetesVersion | Should -Be 'v1.23.7+fips.0'
            $image.OperatingSystem | Should -Be 'RHEL 8.4'
            $image.ContainerdVersion | Should -Be '1.6.28+fips'
            $dir = Split-Path $env:FAKEKIB_RECORD
            $image.ManifestPath | Should -Be (Join-Path $dir 'manifest.json')
            $record = Read-Record $env:FAKEKIB_RECORD
            $record.argv | Should -Be @('build', 'aws', 'images/ami/rhel-84.yaml', '--overrides=overrides/fips.yaml', '--kubernetes-version=1.23.7', '--region=us-west-2')
            $record.cwd | Should -Be $dir
            $image.LogPath | Should -Exist
            Get-Content $image.LogPath | Should -Contain "us-west-2: $($image.ImageId)"
            ($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message | Should -Contain '==> Builds finished. The artifacts of successful builds are:'
            "$image" | Should -Be "us-west-2:$($image.ImageId)"
        }

        It 'emits one image per region of a multi-region build' {
            $images = Invoke-Build -Splat @{ AmiRegions = 'us-east-1', 'eu-west-1' }
            $images.Region | Should -Be @('us-west-2', 'us-east-1', 'eu-west-1')
            @($images.ImageId | Select-Object -Unique).Count | Should -Be 3
        }

        It 'reads a second run from the same manifest and accepts the KIB tag form' {
            $dir = New-TestDirectory
            $env:FAKEKIB_TAG_FORM = 'dash'
            $first = New-FipsAmi -OperatingSystem rhel-8.4 -KubernetesVersion 1.22 -KibPath $Kib -WorkingDirectory $dir -LogDirectory $dir
            $second = New-FipsAmi -OperatingSystem rhel-8.4 -KubernetesVersion 1.22 -KibPath $Kib -WorkingDirectory $dir -LogDirectory $dir
            $second.ImageId | Should -Not -Be $first.ImageId
            $second.KubernetesVersion | Should -Be 'v1.22.8+fips.0'
            (Get-Content -Raw (Join-Path $dir 'manifest.json') | ConvertFrom-Json).builds.Count | Should -Be 2
        }

        It 'builds a vSphere template' {
            $image = Invoke-Build -Splat @{ ImageDefinition = 'images/ova/rhel-84.yaml'; Region = $null }
            $image.Provider | Should -Be 'vsphere'
            $image.ImageId | Should -BeLike 'konvoy-rhel-84-fips-1.23.7+fips.0-*'
            $image.VmTemplate | Should -Be $image.ImageId
            $image.Region | Should -BeNullOrEmpty
        }

        It 'reports <Case> as <Id>' -ForEach @(
            @{ Case = 'a non-zero exit'; Env = @{ FAKEKIB_EXIT = '3' }; Id = 'KibFailed'; Message = '*exit code 3*packer build exited with code 3*Full log:*' }
            @{ Case = 'a build without an AMI'; Env = @{ FAKEKIB_NO_AMI = '1' }; Id = 'NoImageBuilt'; Message = '*produced no AMI*' }
            @{ Case = 'a non-FIPS image'; Env = @{ FAKEKIB_NOT_FIPS = '1' }; Id = 'ImageNotFips'; Message = '*not FIPS*1.23.7*' }
            @{ Case = 'a missing manifest'; Env = @{ FAKEKIB_NO_MANIFEST = '1' }; Id = 'PackerManifestNotFound'; Message = '*no packer manifest*' }
        ) {
            foreach ($k in $Env.Keys) { Set-Item "env:$k" $Env[$k] }
            $s = Get-BuildSplat
            $out = New-FipsAmi @s -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -Be "$Id,DkpFips.Cmdlets.NewFipsAmiCommand"
            $errs[0].Exception.Message | Should -BeLike $Message
        }

        It 'does not take the AMI of an earlier run when KIB writes no new manifest entry' {
            $dir = New-TestDirectory
            $null = New-FipsAmi -OperatingSystem rhel-8.4 -KubernetesVersion 1.23 -KibPath $Kib -WorkingDirectory $dir -LogDirectory $dir
            $env:FAKEKIB_NO_MANIFEST = '1'
            $out = New-FipsAmi -OperatingSystem rhel-8.4 -KubernetesVersion 1.23 -KibPath $Kib -WorkingDirectory $dir -LogDirectory $dir -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -Be 'NoImageBuilt,DkpFips.Cmdlets.NewFipsAmiCommand'
        }

        It 'stops before running anything when konvoy-image is missing' {
            $dir = New-TestDirectory
            { New-FipsAmi -OperatingSystem rhel-8.4 -KubernetesVersion 1.23 -KibPath (Join-Path $dir 'konvoy-image') -ErrorAction Stop } |
                Should -Throw -ErrorId 'KibNotFound,DkpFips.Cmdlets.NewFipsAmiCommand'
            $saved = $env:PATH
            try {
                $env:PATH = $dir
                { New-FipsAmi -OperatingSystem rhel-8.4 -KubernetesVersion 1.23 -ErrorAction Stop } | Should -Throw '*konvoy-image (Konvoy Image Builder) was not found on PATH*'
            }
            finally { $env:PATH = $saved }
        }

        It 'finds konvoy-image on PATH' {
            $bin = New-TestDirectory
            Copy-Item (Join-Path (Split-Path $Kib) '*') $bin
            Copy-Item $Kib (Join-Path $bin "konvoy-image$(if ($IsWindows) { '.exe' })")
            $saved = $env:PATH
            try {
                $env:PATH = $bin + [IO.Path]::PathSeparator + $saved
                (New-FipsAmi -OperatingSystem rhel-8.4 -KubernetesVersion 1.23 -PlanOnly).Executable | Should -Be (Join-Path $bin "konvoy-image$(if ($IsWindows) { '.exe' })")
            }
            finally { $env:PATH = $saved }
        }

        It 'stops a hung KIB after -TimeoutSec' {
            $env:FAKEKIB_HANG = '1'
            $s = Get-BuildSplat @{ TimeoutSec = 1 }
            $out = New-FipsAmi @s -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -Be 'KibTimedOut,DkpFips.Cmdlets.NewFipsAmiCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            Test-ProcessAlive (Read-Record $env:FAKEKIB_RECORD).pid | Should -BeFalse
        }

        It 'stops KIB when the pipeline is stopped (Ctrl+C)' {
            $dir = New-TestDirectory
            $env:FAKEKIB_HANG = '1'
            $env:FAKEKIB_RECORD = Join-Path $dir 'record.json'
            $ps = [powershell]::Create()
            try {
                # The module is imported first, on its own: a stopped asynchronous batch (AddStatement) can run
                # its next statement on the closed runspace, an unhandled exception that ends the test process.
                $null = $ps.AddCommand('Import-Module').AddArgument($ModuleManifest).Invoke(); $ps.Commands.Clear()
                $null = $ps.AddCommand('New-FipsAmi').
                    AddParameters(@{ OperatingSystem = 'rhel-8.4'; KubernetesVersion = '1.23'; KibPath = $Kib; WorkingDirectory = $dir; LogDirectory = $dir })
                $null = $ps.BeginInvoke()
                Wait-Until { Test-Path $env:FAKEKIB_RECORD }
                $ps.Stop()
                Test-ProcessAlive (Read-Record $env:FAKEKIB_RECORD).pid | Should -BeFalse
            }
            finally { $ps.Dispose() }
        }

        It 'keeps AWS credentials out of arguments, plans, verbose output, logs and errors' {
            $canary = 'Canary-Secret-7f3a9e'
            $credential = [pscredential]::new('AKIAEXAMPLECANARY', (ConvertTo-SecureString $canary -AsPlainText -Force))
            $env:FAKEKIB_RECORD_ENV = 'AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY'
            $env:FAKEKIB_ECHO_ENV = 'AWS_SECRET_ACCESS_KEY'
            $env:FAKEKIB_EXIT = '1'
            $s = Get-BuildSplat @{ AwsCredential = $credential; Verbose = $true }
            $all = New-FipsAmi @s -ErrorVariable errs -ErrorAction SilentlyContinue 4>&1
            $record = Read-Record $env:FAKEKIB_RECORD
            $record.env.AWS_SECRET_ACCESS_KEY | Should -Be $canary
            $record.argv -join ' ' | Should -Not -BeLike "*$canary*"
            ($all | Out-String) | Should -Not -BeLike "*$canary*"
            ($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message | Should -Contain 'debug: AWS_SECRET_ACCESS_KEY=***'
            ($errs | Out-String) + $errs[0].Exception.Message | Should -Not -BeLike "*$canary*"
            Get-ChildItem (Split-Path $env:FAKEKIB_RECORD) -Filter *.log | Get-Content -Raw | Should -Not -BeLike "*$canary*"
            $plan = New-FipsAmi -OperatingSystem rhel-8.4 -KubernetesVersion 1.23 -AwsCredential $credential -PlanOnly -KibPath $Kib
            ($plan | Format-List * | Out-String) | Should -Not -BeLike "*$canary*"
            $plan.EnvironmentVariables | Should -Be @('AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY')
        }
    }

    Context 'the workflow' {
        It 'chains New-FipsAmi into New-DkpFipsCluster: the plan carries the new AMI and every FIPS flag' {
            $image = Invoke-Build
            $plan = Invoke-Build | New-DkpFipsCluster -ClusterName fips-from-kib -PlanOnly -DkpPath $Dkp
            $plan | Should -BeOfType ([DkpFips.ClusterPlan])
            $ami = (Get-Content -Raw (Join-Path (Split-Path $env:FAKEKIB_RECORD) 'manifest.json') | ConvertFrom-Json).builds[-1].artifact_id.Split(':')[1]
            $ami | Should -Not -Be $image.ImageId
            $plan.Arguments | Should -Be @('create', 'cluster', 'aws', '--cluster-name=fips-from-kib', '--kubernetes-version=v1.23.7+fips.0',
                '--etcd-version=3.4.13+fips.0', '--kubernetes-image-repository=docker.io/mesosphere', '--etcd-image-repository=docker.io/mesosphere',
                "--ami=$ami", '--region=us-west-2')
            $plan.MachineImage | Should -Be $ami
        }

        It 'chains New-FipsAmi | Test-FipsAmi | New-DkpFipsCluster through the doubles and the loopback EC2 endpoint' {
            $ec2 = Start-FakeEc2
            try {
                # Ids with this prefix are served by the EC2 double as KIB RHEL 8.4 FIPS images of 1.23.7+fips.0.
                $env:FAKEKIB_AMI_PREFIX = 'ami-0bbb'
                $aws = @{ EndpointUrl = $ec2.Url; AwsCredential = (New-TestAwsCredential 'AKIDEXAMPLE000000001' 'chain-secret') }
                $reports = Invoke-Build | Test-FipsAmi -KubernetesVersion 1.23.7+fips.0 @aws
                $reports | Should -HaveCount 1
                $reports.IsFipsReady | Should -BeTrue
                $reports.ImageId | Should -BeLike 'ami-0bbb*'
                $plan = $reports | Where-Object IsFipsReady | New-DkpFipsCluster -ClusterName fips-chain -PlanOnly -DkpPath $Dkp
                $plan.Arguments | Should -Be @('create', 'cluster', 'aws', '--cluster-name=fips-chain', '--kubernetes-version=v1.23.7+fips.0',
                    '--etcd-version=3.4.13+fips.0', '--kubernetes-image-repository=docker.io/mesosphere', '--etcd-image-repository=docker.io/mesosphere',
                    "--ami=$($reports.ImageId)", '--region=us-west-2')
            }
            finally { Stop-FakeEc2 $ec2 }
        }

        It 'chains a vSphere template into a vsphere cluster plan' {
            $plan = Invoke-Build -Splat @{ ImageDefinition = 'images/ova/rhel-84.yaml'; Region = $null; KubernetesVersion = '1.22' } |
                New-DkpFipsCluster -ClusterName fips-vs -PlanOnly -DkpPath $Dkp
            $plan.Provider | Should -Be 'vsphere'
            $plan.Arguments | Should -Contain '--kubernetes-version=v1.22.8+fips.0'
            $plan.MachineImage | Should -BeLike 'konvoy-rhel-84-fips-1.22.8+fips.0-*'
            $plan.Arguments | Should -Contain "--vm-template=$($plan.MachineImage)"
        }

        It 'binds ImageId by property name for Test-FipsAmi (when it is loaded)' {
            $image = Invoke-Build
            $image.PSObject.Properties.Name | Should -Contain 'ImageId'
            $test = Get-Command Test-FipsAmi -Module DkpFips -ErrorAction SilentlyContinue
            if ($test) { $test.Parameters['ImageId'].ParameterSets.Values.ValueFromPipelineByPropertyName | Should -Contain $true }
        }
    }
}
