using System.Linq;
using DkpFips.Core.Catalog;
using Xunit;

namespace DkpFips.Core.Tests.Catalog
{
    /// <summary>Catalog schema 2 (support per provider, unconfirmed fields), schema 1 compatibility, and value validation.</summary>
    public class CatalogSchemaTests
    {
        private const string Row = "- dkpVersion: '2.9'\n  kubernetesVersion: 1.29.1+fips.0\n  etcdVersion: 3.5.10+fips.0\n";

        [Fact]
        public void Schema_2_reads_operating_systems_per_provider_and_unconfirmed_fields()
        {
            using var file = new TempCatalogFile("schemaVersion: 2\nbuilds:\n" + Row +
                "  support:\n    aws: [RHEL 8.8, Oracle Linux 8.9]\n    vsphere: [RHEL 8.8]\n  unconfirmed: [etcdVersion]\n");

            var row = CatalogReader.ReadFile(file.Path).Single();

            Assert.Equal(new[] { "aws", "vsphere" }, row.Providers);
            Assert.Equal(new[] { "RHEL 8.8", "Oracle Linux 8.9" }, row.OperatingSystems);
            Assert.Equal(new[] { "RHEL 8.8" }, row.OperatingSystemsFor("vsphere"));
            Assert.Empty(row.OperatingSystemsFor("preprovisioned"));
            Assert.True(row.Supports("aws", "oracle-8.9"));
            Assert.False(row.Supports("vsphere", "Oracle Linux 8.9"));
            Assert.Equal(new[] { "etcdVersion" }, row.Unconfirmed);
        }

        [Fact]
        public void Schema_1_files_still_load_with_every_system_on_every_provider()
        {
            using var file = new TempCatalogFile("schemaVersion: 1\nbuilds:\n" + Row + "  operatingSystems: [RHEL 8.8]\n  providers: [aws, pre-provisioned]\n");

            var row = CatalogReader.ReadFile(file.Path).Single();

            Assert.Equal(new[] { "aws", "preprovisioned" }, row.Providers);
            Assert.Equal(new[] { "RHEL 8.8" }, row.OperatingSystemsFor("preprovisioned"));
            Assert.Empty(row.Unconfirmed);
        }

        [Theory]
        [InlineData("schemaVersion: 2\nbuilds:\n" + Row + "  operatingSystems: [RHEL 8.8]\n", 6, "schemaVersion 1 key")]
        [InlineData("schemaVersion: 2\nbuilds:\n" + Row, 3, "no 'support'")]
        [InlineData("schemaVersion: 2\nbuilds:\n" + Row + "  support: [aws]\n", 6, "'support' must map")]
        [InlineData("schemaVersion: 2\nbuilds:\n" + Row + "  support:\n    azure: [RHEL 8.8]\n", 7, "provider 'azure' cannot carry a FIPS build")]
        [InlineData("schemaVersion: 2\nbuilds:\n" + Row + "  support:\n    aws: [Ubuntu 22.04]\n", 7, "'Ubuntu 22.04' in support.aws is not a FIPS operating system")]
        [InlineData("schemaVersion: 2\nbuilds:\n" + Row + "  support:\n    aws: [RHEL]\n", 7, "with its version")]
        [InlineData("schemaVersion: 2\nbuilds:\n" + Row + "  support:\n    aws: [RHEL 8.8]\n  unconfirmed: [everything]\n", 8, "'everything' in unconfirmed")]
        [InlineData("schemaVersion: 1\nbuilds:\n" + Row + "  providers: [azure, gcp]\n", 6, "provider 'azure'")]
        [InlineData("schemaVersion: 1\nbuilds:\n" + Row + "  providers: [openstack]\n", 6, "not a provider this module knows")]
        [InlineData("schemaVersion: 1\nbuilds:\n" + Row + "  product: !!binary aGVsbG8=\n", 6, "product 'aGVsbG8=' is not one of Konvoy, DKP, NKP")]
        [InlineData("schemaVersion: 1\nbuilds:\n" + Row + "  kubernetesImageRepository: 'docker.io/mesosphere --kubernetes-version=1.34.1'\n", 6, "kubernetesImageRepository: 'docker.io/mesosphere --kubernetes-version=1.34.1' is not an image repository")]
        [InlineData("schemaVersion: 1\nbuilds:\n" + Row + "  etcdImageRepository: \"docker.io/meso\\nsphere\"\n", 6, "etcdImageRepository:")]
        [InlineData("schemaVersion: 1\nbuilds:\n" + Row + "  etcdImageRepository: https://registry.local/mesosphere\n", 6, "is not an image repository")]
        [InlineData("schemaVersion: 1\nbuilds:\n" + Row + "  kubernetesImageRepository: --flag\n", 6, "is not an image repository")]
        [InlineData("schemaVersion: 1\nbuilds:\n- dkpVersion: '2.9'\n  kubernetesVersion: 1.23.7+fips\n  etcdVersion: 3.5.10+fips.0\n", 4, "kubernetesVersion '1.23.7+fips' has no FIPS build number")]
        [InlineData("schemaVersion: 1\nbuilds:\n- dkpVersion: '2.9'\n  kubernetesVersion: 1.23.7+fips.0\n  etcdVersion: 3.4.13+fips\n", 5, "etcdVersion '3.4.13+fips' has no FIPS build number")]
        [InlineData("schemaVersion: 1\nbuilds:\n- dkpVersion: latest\n  kubernetesVersion: 1.23.7+fips.0\n  etcdVersion: 3.4.13+fips.0\n", 3, "dkpVersion 'latest' is not a release number")]
        public void A_value_that_a_parameter_would_refuse_is_refused_with_its_line(string yaml, int line, string problem)
        {
            using var file = new TempCatalogFile(yaml);

            var result = FipsCatalog.Load(new[] { file.Path });

            var error = Assert.Single(result.Errors);
            Assert.Equal(line, error.Line);
            Assert.True(error.Column > 0);
            Assert.Contains(problem, error.Problem);
            Assert.Equal(FipsCatalog.BuiltIn.Builds.Count, result.Catalog.Builds.Count);
        }

        [Fact]
        public void An_etcd_version_without_a_build_number_loads_only_when_the_row_marks_it_unconfirmed()
        {
            const string Bare = "schemaVersion: 2\nbuilds:\n- dkpVersion: '2.0'\n  kubernetesVersion: 1.21.3+fips.0\n  etcdVersion: 3.4.13+fips\n  support: { aws: [RHEL 8.2] }\n";
            using (var unconfirmed = new TempCatalogFile(Bare + "  unconfirmed: [etcdVersion]\n"))
            {
                var loaded = FipsCatalog.Load(new[] { unconfirmed.Path });
                Assert.Empty(loaded.Errors);
                Assert.Equal("v3.4.13_fips", loaded.Catalog.Builds.Single(b => b.Origin == unconfirmed.Path).EtcdImageTag);
            }

            using var confirmed = new TempCatalogFile(Bare);
            var error = Assert.Single(FipsCatalog.Load(new[] { confirmed.Path }).Errors);
            Assert.Contains("has no FIPS build number", error.Message);
        }

        [Fact]
        public void A_patch_release_row_loads_and_a_leading_v_is_dropped()
        {
            using var file = new TempCatalogFile("schemaVersion: 2\nbuilds:\n- dkpVersion: v2.3.4\n  kubernetesVersion: 1.23.17+fips.0\n  etcdVersion: 3.4.13+fips.0\n  support: { aws: [RHEL 8.4] }\n");
            Assert.Equal("2.3.4", CatalogReader.ReadFile(file.Path).Single().DkpVersion);
        }

        [Fact]
        public void The_product_is_written_as_the_catalog_spells_it()
        {
            using var file = new TempCatalogFile("schemaVersion: 1\nbuilds:\n" + Row + "  product: nkp\n");
            Assert.Equal("NKP", CatalogReader.ReadFile(file.Path).Single().Product);
        }
    }
}
