using System;
using System.Linq;
using DkpFips.Core.Aws;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Evidence;
using DkpFips.Core.ImageBuilder;
using DkpFips.Core.Upgrade;
using Xunit;

namespace DkpFips.Core.Tests.Catalog
{
    /// <summary>
    /// The catalog's support per provider, enforced where a provider or OS is chosen: New-FipsAmi
    /// (KibPlanBuilder), New-DkpFipsCluster (ClusterPlanBuilder), Update-DkpFipsCluster
    /// (UpgradePlanBuilder) and Test-FipsAmi (AmiAssessor). -Force goes past each refusal.
    /// </summary>
    public class ReleaseSupportEnforcementTests
    {
        private static FipsBuildDefinition Row(string dkp) => FipsCatalog.BuiltIn.Builds.Single(b => b.DkpVersion == dkp);

        [Fact]
        public void New_fips_ami_refuses_a_vsphere_template_for_a_release_without_vsphere()
        {
            var builder = new KibPlanBuilder(FipsCatalog.BuiltIn);
            var ex = Assert.Throws<KibException>(() => builder.Build(new KibBuildRequest { OperatingSystem = "rhel-7.9", Platform = "vsphere", KubernetesVersion = "1.21.6" }));

            Assert.Equal(ErrorKind.ProviderNotSupportedByRelease, ex.Kind);
            Assert.Contains("DKP 2.1", ex.Message);
            Assert.Contains("aws, preprovisioned, not on vsphere", ex.Message);
            Assert.Contains("-Force", ex.RecommendedAction);
        }

        [Fact]
        public void New_fips_ami_refuses_an_os_the_release_lists_only_for_another_platform()
        {
            var builder = new KibPlanBuilder(FipsCatalog.BuiltIn);
            var ex = Assert.Throws<KibException>(() => builder.Build(new KibBuildRequest { OperatingSystem = "centos-7.9", Platform = "vsphere", KubernetesVersion = "1.22" }));

            Assert.Equal(ErrorKind.OperatingSystemNotSupportedByRelease, ex.Kind);
            Assert.Contains("supports FIPS on vsphere with RHEL 7.9, RHEL 8.4, not CentOS 7.9", ex.Message);

            // The same OS on aws is supported; so is any combination with -Force.
            Assert.Equal("aws", builder.Build(new KibBuildRequest { OperatingSystem = "centos-7.9", Platform = "aws", KubernetesVersion = "1.22" }).Platform);
            Assert.Equal("images/ova/centos-79.yaml", builder.Build(new KibBuildRequest { OperatingSystem = "centos-7.9", Platform = "vsphere", KubernetesVersion = "1.22", Force = true }).Image.Path);
        }

        [Fact]
        public void New_fips_ami_checks_an_image_definition_path_and_a_piped_build_too()
        {
            var builder = new KibPlanBuilder(FipsCatalog.BuiltIn);
            var ex = Assert.Throws<KibException>(() => builder.Build(new KibBuildRequest { ImageDefinition = "images/ami/centos-79.yaml", FipsBuild = Row("2.6") }));
            Assert.Equal(ErrorKind.OperatingSystemNotSupportedByRelease, ex.Kind);
            Assert.Contains("not CentOS 7.9", ex.Message);

            // Oracle Linux 7.9 is the catalog's "Oracle Linux RHCK 7.9".
            Assert.NotNull(builder.Build(new KibBuildRequest { OperatingSystem = "oracle-7.9", FipsBuild = Row("2.6") }).Build);
        }

        [Fact]
        public void New_dkp_fips_cluster_refuses_a_provider_the_release_does_not_support()
        {
            var builder = new ClusterPlanBuilder(FipsCatalog.BuiltIn);
            var request = new ClusterCreateRequest { Spec = { ClusterName = "fips-1", KubernetesVersion = "1.21.6", VmTemplate = "rhel-79-fips" } };
            var ex = Assert.Throws<ClusterPlanException>(() => builder.Build(request));

            Assert.Equal(ErrorKind.ProviderNotSupportedByRelease, ex.Kind);
            Assert.Contains("not on vsphere", ex.Message);
            Assert.Contains("preprovisioned: CentOS 7.9", ex.Message);

            request.Force = true;
            Assert.Equal("vsphere", builder.Build(request).Provider);
        }

        [Fact]
        public void New_dkp_fips_cluster_refuses_a_piped_build_on_an_unsupported_provider()
        {
            var builder = new ClusterPlanBuilder(FipsCatalog.BuiltIn);
            var request = new ClusterCreateRequest { Spec = { ClusterName = "fips-1", VmTemplate = "rhel-79-fips" }, FipsBuild = Row("2.0") };
            Assert.Equal(ErrorKind.ProviderNotSupportedByRelease, Assert.Throws<ClusterPlanException>(() => builder.Build(request)).Kind);
        }

        [Fact]
        public void Update_dkp_fips_cluster_refuses_a_target_release_without_the_provider()
        {
            using var file = new TempCatalogFile("schemaVersion: 2\nbuilds:\n- dkpVersion: '2.9'\n  kubernetesVersion: 1.24.9+fips.0\n  etcdVersion: 3.5.6+fips.0\n  support: { aws: [RHEL 8.4] }\n");
            var catalog = FipsCatalog.Load(new[] { file.Path }).Catalog;
            var builder = new UpgradePlanBuilder(catalog);
            var request = new UpgradeRequest(new ClusterOptions { ClusterName = "fips-1", VmTemplate = "rhel-84-fips", KubernetesVersion = "1.24.9+fips.0" }) { CurrentVersion = "v1.23.7+fips.0", NodePools = new[] { "md-0" } };

            var ex = Assert.Throws<UpgradePlanException>(() => builder.Build(request));
            Assert.Equal(ErrorKind.ProviderNotSupportedByRelease, ex.Kind);
            Assert.Contains("DKP 2.9", ex.Message);
            Assert.Contains("on aws, not on vsphere", ex.Message);

            request.Force = true;
            Assert.Equal("vsphere", builder.Build(request).Provider);
        }

        [Fact]
        public void A_forced_plan_gets_a_warning_only_when_it_left_the_release_support()
        {
            Assert.Null(ReleaseSupport.ForcedPast(Row("2.2"), "vsphere"));
            Assert.Null(ReleaseSupport.ForcedPast(Row("2.2"), "vsphere", "RHEL 8.4"));
            Assert.Null(ReleaseSupport.ForcedPast(null, "vsphere"));
            Assert.StartsWith("Planned with -Force although DKP 2.1", ReleaseSupport.ForcedPast(Row("2.1"), "vsphere"));
            Assert.Contains("not centos-7.9", ReleaseSupport.ForcedPast(Row("2.2"), "vsphere", "centos-7.9"));
        }

        private static AmiImage Image(string distribution, string version)
        {
            var image = new AmiImage("ami-0123456789abcdef0") { Name = "konvoy-ami", State = "available", Architecture = "x86_64", IsPublic = false };
            image.Tags["distribution"] = distribution;
            image.Tags["distribution_version"] = version;
            image.Tags["kubernetes_version"] = "1.26.6+fips.0";
            return image;
        }

        private static CheckResult OsCheck(AmiReport report) => report.Checks.Single(c => c.Name == AmiCheckNames.OperatingSystem);

        [Fact]
        public void Test_fips_ami_fails_an_os_the_release_does_not_support_on_aws()
        {
            var now = DateTimeOffset.UtcNow;
            var centos = AmiAssessor.Assess(Image("centos", "7.9"), "us-east-1", Row("2.6").KubernetesVersion, now, Row("2.6"));
            Assert.Equal(CheckStatus.Failed, OsCheck(centos).Status);
            Assert.Contains("DKP 2.6", OsCheck(centos).Message);
            Assert.Contains("RHEL 8.4, RHEL 8.6, Oracle Linux RHCK 7.9", OsCheck(centos).Message);

            var rhel = AmiAssessor.Assess(Image("rhel", "8.6"), "us-east-1", Row("2.6").KubernetesVersion, now, Row("2.6"));
            Assert.Equal(CheckStatus.Passed, OsCheck(rhel).Status);

            var forced = AmiAssessor.Assess(Image("centos", "7.9"), "us-east-1", Row("2.6").KubernetesVersion, now, Row("2.6"), force: true);
            Assert.Equal(CheckStatus.Warning, OsCheck(forced).Status);

            // CentOS names its images "CentOS Linux 7": a major version alone matches 7.9.
            var centosSeven = AmiAssessor.Assess(Image("centos", "7"), "us-east-1", Row("2.2").KubernetesVersion, now, Row("2.2"));
            Assert.Equal(CheckStatus.Passed, OsCheck(centosSeven).Status);

            // Without a build only the FIPS family rule applies, as before.
            Assert.Equal(CheckStatus.Passed, OsCheck(AmiAssessor.Assess(Image("centos", "7.9"), "us-east-1", null, now)).Status);
        }
    }
}
