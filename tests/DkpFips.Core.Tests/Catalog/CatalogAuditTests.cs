using System.Linq;
using DkpFips.Core.Catalog;
using Xunit;

namespace DkpFips.Core.Tests.Catalog
{
    /// <summary>
    /// The facts the catalog audit (section 6) corrected, one test each, so a later edit of
    /// BuiltInCatalog.yaml cannot silently put a contradicted value back.
    /// </summary>
    public class CatalogAuditTests
    {
        private static FipsBuildDefinition Row(string dkp) => FipsCatalog.BuiltIn.Builds.Single(b => b.DkpVersion == dkp);

        private static string[] Os(string dkp, string provider) => Row(dkp).OperatingSystemsFor(provider).ToArray();

        [Fact]
        public void Konvoy_20_lists_centos_82_and_no_rhel_84()
        {
            Assert.Equal(new[] { "CentOS 7.9", "CentOS 8.2", "RHEL 7.9", "RHEL 8.2" }, Row("2.0").OperatingSystems);
        }

        [Theory]
        [InlineData("2.0")]
        [InlineData("2.1")]
        public void Releases_before_22_have_no_vsphere(string dkp)
        {
            Assert.Equal(new[] { "aws", "preprovisioned" }, Row(dkp).Providers);
        }

        [Fact]
        public void Konvoy_20_etcd_and_repositories_are_marked_unconfirmed()
        {
            Assert.Equal(new[] { "etcdVersion", "kubernetesImageRepository", "etcdImageRepository" }, Row("2.0").Unconfirmed);
            Assert.Contains("v3.4.13_fips", Row("2.0").Notes);
        }

        [Fact]
        public void Dkp_21_pre_provisioned_fips_is_centos_79_only()
        {
            Assert.Equal(new[] { "CentOS 7.9" }, Os("2.1", "preprovisioned"));
            Assert.DoesNotContain("RHEL", Row("2.1").Notes);
        }

        [Theory]
        [InlineData("2.2")]
        [InlineData("2.3")]
        [InlineData("2.3.2")]
        public void Dkp_22_and_23_support_per_provider_as_the_docs_table(string dkp)
        {
            Assert.Equal(new[] { "CentOS 7.9", "RHEL 7.9", "RHEL 8.2", "RHEL 8.4", "Oracle Linux RHCK 7.9" }, Os(dkp, "aws"));
            Assert.Equal(new[] { "RHEL 7.9", "RHEL 8.4" }, Os(dkp, "vsphere"));
            Assert.Equal(new[] { "CentOS 7.9" }, Os(dkp, "preprovisioned"));
        }

        [Fact]
        public void Documented_rows_leave_nothing_unconfirmed()
        {
            Assert.All(FipsCatalog.BuiltIn.Builds.Where(b => b.Basis == CatalogBasis.Documented), b => Assert.Empty(b.Unconfirmed));
        }

        [Fact]
        public void Dkp_23_note_names_the_232_cli_not_231()
        {
            Assert.DoesNotContain("2.3.1", Row("2.3").Notes);
            Assert.Contains("v2.3.2 CLI", Row("2.3").Notes);
            Assert.Contains("v1.19.10", Row("2.3").Notes);
        }

        [Fact]
        public void Dkp_232_is_an_inferred_patch_row_with_kubernetes_12312()
        {
            var row = Row("2.3.2");
            Assert.Equal("v1.23.12+fips.0", row.KubernetesVersion.ToKubernetesFlag());
            Assert.Equal("3.4.13+fips.0", row.EtcdVersion.ToEtcdFlag());
            Assert.Equal(CatalogBasis.Inferred, row.Basis);
            Assert.Equal(new[] { "kubernetesVersion" }, row.Unconfirmed);
            Assert.Contains("c52027030c", row.Source);
            Assert.Contains("v1.19.10", row.Source);
        }

        [Fact]
        public void Dkp_24_source_cites_kib_1240_not_200()
        {
            Assert.Contains("v1.24.0", Row("2.4").Source);
            Assert.DoesNotContain("2.0.0", Row("2.4").Source);
        }

        [Fact]
        public void Dkp_26_source_cites_114093_not_114232()
        {
            Assert.Contains("#114093", Row("2.6").Source);
            Assert.DoesNotContain("114232", Row("2.6").Source);
        }

        [Fact]
        public void Dkp_28_cites_the_kib_changelog_and_drops_the_3512_caveat()
        {
            Assert.Contains("CHANGELOG 2.9.0", Row("2.8").Source);
            Assert.Contains("#1012", Row("2.8").Source);
            Assert.DoesNotContain("Unconfirmed", Row("2.8").Source);
            Assert.DoesNotContain("may pin 3.5.12", Row("2.8").Notes);
            Assert.Contains("3.5.10-0", Row("2.8").Notes);
        }

        [Fact]
        public void Nkp_212_lists_the_systems_kib_v2132_built()
        {
            Assert.Equal(new[] { "RHEL 8.6", "RHEL 8.8", "Oracle Linux 7.9" }, Os("2.12", "aws"));
            Assert.Equal(new[] { "RHEL 8.6", "RHEL 8.8" }, Os("2.12", "vsphere"));
            Assert.DoesNotContain("RHEL 8.10", Row("2.12").OperatingSystems);
            Assert.Contains("v2.13.2", Row("2.12").Source);
        }

        [Theory]
        [InlineData("2.14", "RHEL 8.8")]
        [InlineData("2.15", "Oracle Linux 8.9")]
        [InlineData("2.16", "Oracle Linux 8.9")]
        public void Nkp_rows_add_what_their_kib_builds(string dkp, string os)
        {
            Assert.Contains(os, Row(dkp).OperatingSystems);
        }

        [Fact]
        public void Nkp_providers_and_systems_are_marked_unconfirmed()
        {
            Assert.All(FipsCatalog.BuiltIn.Builds.Where(b => b.Product == "NKP"), b =>
            {
                Assert.Contains("providers", b.Unconfirmed);
                Assert.Contains("operatingSystems", b.Unconfirmed);
                Assert.DoesNotContain("best knowledge", b.Source);
            });
        }

        [Theory]
        [InlineData("2.4")]
        [InlineData("2.6")]
        [InlineData("2.7")]
        [InlineData("2.8")]
        public void Dkp_rows_without_a_vendor_table_mark_their_os_and_providers(string dkp)
        {
            Assert.Equal(new[] { "operatingSystems", "providers" }, Row(dkp).Unconfirmed);
        }

        [Fact]
        public void Every_built_in_version_carries_a_fips_build_number_unless_the_row_says_it_is_unconfirmed()
        {
            Assert.All(FipsCatalog.BuiltIn.Builds, b =>
            {
                Assert.NotNull(b.KubernetesVersion.FipsBuildNumber);
                Assert.True(b.EtcdVersion.FipsBuildNumber is not null || b.Unconfirmed.Contains("etcdVersion"), $"{b.DkpVersion}: etcd {b.EtcdVersion}");
            });

            // The one exception, Konvoy 2.0, keeps the vendor's literal (KIB v1.0.0 etcdImageTag v3.4.13_fips), never an invented .0.
            Assert.Equal(new[] { "2.0" }, FipsCatalog.BuiltIn.Builds.Where(b => b.EtcdVersion.FipsBuildNumber is null).Select(b => b.DkpVersion));
        }
    }
}
