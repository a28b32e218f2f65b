# The catalog's FIPS support per provider (schema 2), enforced where a provider or an operating
# system is chosen, through the assembled module: New-FipsAmi, New-DkpFipsCluster and
# Update-DkpFipsCluster refuse (ProviderNotSupportedByRelease / OperatingSystemNotSupportedByRelease)
# unless -Force; Test-FipsAmi fails the OperatingSystem check (a warning with -Force).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:AmiId = 'ami-0a1b2c3d4e5f60718'
}

Describe 'New-FipsAmi and the release support of the catalog' {
    It 'refuses a vSphere template for DKP 2.1, which has no vSphere, naming what it supports' {
        $null = New-FipsAmi -OperatingSystem rhel-7.9 -Platform vsphere -KubernetesVersion 1.21.6 -KibPath ./no-such-kib -PlanOnly -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ProviderNotSupportedByRelease,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].Exception.Message | Should -BeLike '*DKP 2.1*supports FIPS clusters on aws, preprovisioned, not on vsphere*preprovisioned: CentOS 7.9*'
        $errs[0].ErrorDetails.RecommendedAction | Should -BeLike '*-Force*'
    }

    It 'refuses a CentOS 7.9 vSphere template for DKP 2.2 and plans it on aws' {
        $null = Get-FipsBuild -DkpVersion 2.2 | New-FipsAmi -OperatingSystem centos-7.9 -Platform vsphere -KibPath ./no-such-kib -PlanOnly -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'OperatingSystemNotSupportedByRelease,*'
        $errs[0].Exception.Message | Should -BeLike '*DKP 2.2*on vsphere with RHEL 7.9, RHEL 8.4, not CentOS 7.9*'

        (Get-FipsBuild -DkpVersion 2.2 | New-FipsAmi -OperatingSystem centos-7.9 -Platform aws -KibPath ./no-such-kib -PlanOnly).ImageDefinition | Should -Be 'images/ami/centos-79.yaml'
    }

    It 'plans the refused combination with -Force, with a warning naming what the release supports' {
        $plan = New-FipsAmi -OperatingSystem centos-7.9 -Platform vsphere -KubernetesVersion 1.22 -KibPath ./no-such-kib -PlanOnly -Force -WarningVariable warned -WarningAction SilentlyContinue
        $plan.Arguments[0..2] | Should -Be @('build', 'vsphere', 'images/ova/centos-79.yaml')
        $warned | Should -HaveCount 1
        "$($warned[0])" | Should -BeLike 'Planned with -Force although DKP 2.2*on vsphere with RHEL 7.9, RHEL 8.4, not CentOS 7.9*'
        $null = New-FipsAmi -OperatingSystem rhel-8.4 -Platform vsphere -KubernetesVersion 1.22 -KibPath ./no-such-kib -PlanOnly -Force -WarningVariable none
        $none | Should -BeNullOrEmpty
    }
}

Describe 'New-DkpFipsCluster and the release support of the catalog' {
    It 'refuses a vSphere cluster on DKP 2.1 and goes on with the next cluster of the batch' {
        $rows = @(
            [pscustomobject]@{ ClusterName = 'v21'; KubernetesVersion = '1.21.6'; VmTemplate = 'rhel-79-fips' }
            [pscustomobject]@{ ClusterName = 'a21'; KubernetesVersion = '1.21.6'; AmiId = $AmiId }
        )
        $plans = $rows | New-DkpFipsCluster -PlanOnly -ErrorVariable errs -ErrorAction SilentlyContinue
        $plans.ClusterName | Should -Be 'a21'
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ProviderNotSupportedByRelease,*'
        $errs[0].Exception.Message | Should -BeLike "*v21*DKP 2.1*not on vsphere*"
    }

    It 'refuses Konvoy 2.0 from the pipeline on vSphere, and -Force plans it' {
        $null = Get-FipsBuild -DkpVersion 2.0 | New-DkpFipsCluster -ClusterName k20 -VmTemplate tpl -PlanOnly -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ProviderNotSupportedByRelease,*'
        # Konvoy 2.0's etcd is unconfirmed and has no build number: the plan needs one the user verified.
        $plan = Get-FipsBuild -DkpVersion 2.0 | New-DkpFipsCluster -ClusterName k20 -VmTemplate tpl -EtcdVersion 3.4.13+fips.0 -PlanOnly -Force -WarningVariable warned -WarningAction SilentlyContinue
        $plan.Arguments | Should -Contain '--vm-template=tpl'
        "$warned" | Should -BeLike "Cluster 'k20': Planned with -Force although Konvoy 2.0*not on vsphere*"
        $plan.Arguments | Should -Contain '--etcd-version=3.4.13+fips.0'
    }

    It 'keeps Konvoy 2.0''s etcd as the vendor wrote it, and plans it only with an etcd build the user gives' {
        $k20 = Get-FipsBuild -DkpVersion 2.0
        $k20.EtcdVersion | Should -Be '3.4.13+fips'
        $k20.EtcdImageTag | Should -Be 'v3.4.13_fips'
        $null = $k20 | New-DkpFipsCluster -ClusterName k20 -AmiId $AmiId -PlanOnly -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidEtcdVersion,*'
        $errs[0].Exception.Message | Should -BeLike '*3.4.13+fips*no FIPS build number*'
        ($k20 | New-DkpFipsCluster -ClusterName k20 -AmiId $AmiId -EtcdVersion 3.4.13+fips.0 -PlanOnly).Arguments | Should -Contain '--etcd-version=3.4.13+fips.0'
    }

    It 'plans the patch-release build of 2.3.2 from the pipeline' {
        $plan = Get-FipsBuild -DkpVersion 2.3.3 | New-DkpFipsCluster -ClusterName p232 -AmiId $AmiId -PlanOnly
        $plan.Arguments | Should -Contain '--kubernetes-version=v1.23.12+fips.0'
        (New-DkpFipsCluster -ClusterName l123 -KubernetesVersion 1.23 -AmiId $AmiId -PlanOnly).Arguments | Should -Contain '--kubernetes-version=v1.23.7+fips.0'
    }
}

Describe 'Update-DkpFipsCluster and the release support of the catalog' {
    It 'refuses an upgrade to a release that does not list the provider, and plans it with -Force' {
        $catalog = New-CatalogFile @"
schemaVersion: 2
builds:
- dkpVersion: '2.4.9'
  kubernetesVersion: 1.24.17+fips.0
  etcdVersion: 3.4.13+fips.0
  support:
    aws: [RHEL 8.4]
"@
        $build = Get-FipsBuild -CatalogPath $catalog -DkpVersion 2.4.9
        $null = $build | Update-DkpFipsCluster -ClusterName fips-1 -CurrentVersion v1.23.7+fips.0 -VmTemplate rhel-84-fips -NodePool md-0 -PlanOnly -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ProviderNotSupportedByRelease,*'
        $errs[0].Exception.Message | Should -BeLike '*DKP 2.4.9*on aws, not on vsphere*'

        $plan = $build | Update-DkpFipsCluster -ClusterName fips-1 -CurrentVersion v1.23.7+fips.0 -VmTemplate rhel-84-fips -NodePool md-0 -PlanOnly -Force -WarningVariable warned -WarningAction SilentlyContinue
        $plan.Steps[0].Arguments | Should -Contain '--vm-template=rhel-84-fips'
        ($warned | Where-Object { "$_" -like '*Planned with -Force although DKP 2.4.9*not on vsphere*' }) | Should -HaveCount 1
    }
}

Describe 'Test-FipsAmi and the release support of the catalog' {
    BeforeAll {
        $script:Ec2 = Start-FakeEc2
        $script:Aws = @{ EndpointUrl = $Ec2.Url; AwsCredential = (New-TestAwsCredential 'AKIDEXAMPLE000000001' 'CANARY-SECRET-77aa') }
        # Served by tests/DkpFips.FakeEc2: a KIB FIPS image of RHEL 8.4 with Kubernetes 1.23.7+fips.0.
        $script:RhelFips = 'ami-0f1a2b3c4d5e60001'
        $script:Catalog = New-CatalogFile @"
schemaVersion: 2
builds:
- dkpVersion: '2.3.9'
  kubernetesVersion: 1.23.7+fips.1
  etcdVersion: 3.4.13+fips.0
  support:
    aws: [RHEL 8.6]
    vsphere: [RHEL 8.4]
"@
    }

    AfterAll { Stop-FakeEc2 $Ec2 }

    It 'fails an image whose OS the release does not support on aws, naming what it supports' {
        $r = Get-FipsBuild -CatalogPath $Catalog -DkpVersion 2.3.9 | Test-FipsAmi -ImageId $RhelFips -Region us-east-1 @Aws
        $r.IsFipsReady | Should -BeFalse
        $check = $r.Checks | Where-Object Name -EQ 'OperatingSystem'
        $check.Status | Should -Be 'Failed'
        $check.Message | Should -BeLike '*RHEL 8.4*DKP 2.3.9*on aws with RHEL 8.6, not RHEL 8.4*'
    }

    It 'passes the same image for DKP 2.3, which lists RHEL 8.4 on aws' {
        $r = Test-FipsAmi -ImageId $RhelFips -Region us-east-1 -KubernetesVersion 1.23 @Aws
        $r.IsFipsReady | Should -BeTrue
        ($r.Checks | Where-Object Name -EQ 'OperatingSystem').Message | Should -BeLike '*supported for FIPS on aws by DKP 2.3*'
    }

    It 'turns the failure into a warning with -Force' {
        $r = Get-FipsBuild -CatalogPath $Catalog -DkpVersion 2.3.9 | Test-FipsAmi -ImageId $RhelFips -Region us-east-1 -Force @Aws
        ($r.Checks | Where-Object Name -EQ 'OperatingSystem').Status | Should -Be 'Warning'
    }
}
