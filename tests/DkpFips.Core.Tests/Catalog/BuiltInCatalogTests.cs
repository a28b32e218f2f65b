using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Versioning;
using Xunit;

namespace DkpFips.Core.Tests.Catalog
{
    public class BuiltInCatalogTests
    {
        [Theory]
        [InlineData("2.0", "v1.21.3+fips.0", "3.4.13+fips", "Inferred")]
        [InlineData("2.1", "v1.21.6+fips.0", "3.4.13+fips.0", "Documented")]
        [InlineData("2.2", "v1.22.8+fips.0", "3.4.13+fips.0", "Documented")]
        [InlineData("2.3", "v1.23.7+fips.0", "3.4.13+fips.0", "Documented")]
        [InlineData("2.4", "v1.24.6+fips.0", "3.4.13+fips.0", "Inferred")]
        [InlineData("2.5", "v1.25.4+fips.0", "3.5.5+fips.0", "Inferred")]
        [InlineData("2.6", "v1.26.6+fips.0", "3.5.6+fips.0", "Inferred")]
        [InlineData("2.7", "v1.27.6+fips.0", "3.5.7+fips.0", "Inferred")]
        [InlineData("2.8", "v1.28.7+fips.0", "3.5.10+fips.0", "Inferred")]
        public void Every_dkp_release_of_the_domain_table_is_in_the_catalog(string dkp, string kubernetes, string etcd, string basis)
        {
            var row = Assert.Single(FipsCatalog.BuiltIn.Builds, b => b.DkpVersion == dkp);

            Assert.Equal(kubernetes, row.KubernetesVersion.ToKubernetesFlag());
            Assert.Equal(etcd, row.EtcdVersion.ToEtcdFlag());
            Assert.Equal(basis, row.Basis.ToString());
            Assert.Equal("docker.io/mesosphere", row.KubernetesImageRepository);
            Assert.Equal("docker.io/mesosphere", row.EtcdImageRepository);
            Assert.NotEmpty(row.Source);
            Assert.Equal("built-in", row.Origin);
        }

        [Fact]
        public void Nkp_rows_cover_kubernetes_129_to_133_and_are_marked_inferred()
        {
            var nkp = FipsCatalog.BuiltIn.Builds.Where(b => b.Product == "NKP").ToList();

            Assert.Equal(new[] { 29, 30, 31, 32, 33 }, nkp.Select(b => b.KubernetesVersion.Minor));
            Assert.All(nkp, b => Assert.Equal(CatalogBasis.Inferred, b.Basis));
        }

        [Fact]
        public void Only_the_vendor_table_releases_are_documented()
        {
            var documented = FipsCatalog.BuiltIn.Builds.Where(b => b.Basis == CatalogBasis.Documented).Select(b => b.DkpVersion);
            Assert.Equal(new[] { "2.1", "2.2", "2.3" }, documented);
        }

        [Fact]
        public void Every_row_is_a_fips_build_on_a_fips_capable_provider_and_os()
        {
            foreach (var row in FipsCatalog.BuiltIn.Builds)
            {
                Assert.True(row.KubernetesVersion.IsFips, row.ToString());
                Assert.True(row.EtcdVersion.IsFips, row.ToString());
                Assert.Subset(new[] { "aws", "vsphere", "preprovisioned" }.ToHashSet(), row.Providers.ToHashSet());
                Assert.All(row.OperatingSystems, os => Assert.Matches("^(RHEL|CentOS|Oracle Linux)", os));
            }
        }

        [Fact]
        public void Image_tags_follow_kubeadm_and_the_dkp_etcd_convention()
        {
            var row = FipsCatalog.BuiltIn.Find(FipsVersion.Parse("1.23.7+fips.0")).Single();

            Assert.Equal("v1.23.7_fips.0", row.KubernetesImageTag);
            Assert.Equal("v3.4.13_fips.0", row.EtcdImageTag);
            // Konvoy 2.0 documents no etcd version: the row keeps the only string the vendor wrote
            // (KIB v1.0.0's etcdImageTag v3.4.13_fips, no build number) and says it is unconfirmed.
            Assert.Equal("v3.4.13_fips", FipsCatalog.BuiltIn.Builds.Single(b => b.DkpVersion == "2.0").EtcdImageTag);
            Assert.Contains("etcdVersion", FipsCatalog.BuiltIn.Builds.Single(b => b.DkpVersion == "2.0").Unconfirmed);
        }

        [Fact]
        public void Builds_are_ordered_oldest_kubernetes_first()
        {
            var versions = FipsCatalog.BuiltIn.Builds.Select(b => b.KubernetesVersion).ToList();
            Assert.Equal(versions.OrderBy(v => v), versions);
            Assert.True(versions.Count >= 14);
        }

        [Fact]
        public void The_built_in_catalog_is_parsed_once_per_process()
        {
            Assert.Same(FipsCatalog.BuiltIn, FipsCatalog.BuiltIn);
            Assert.Same(FipsCatalog.BuiltIn, FipsCatalog.Load(System.Array.Empty<string>()).Catalog);
        }
    }
}

namespace DkpFips.Core.Tests.Catalog
{
    public class CompiledCatalogTests
    {
        [Fact]
        public void The_compiled_built_in_rows_are_exactly_the_rows_of_the_yaml_source()
        {
            var path = System.IO.Path.Combine(System.AppContext.BaseDirectory, "BuiltInCatalog.yaml");
            using var reader = new System.IO.StreamReader(path);
            var fromYaml = CatalogReader.Read(reader, "built-in", CatalogBasis.Inferred);

            static string Describe(FipsBuildDefinition b) => string.Join("|", b.Product, b.DkpVersion, b.KubernetesVersion, b.EtcdVersion, b.KubernetesImageRepository,
                b.EtcdImageRepository, string.Join(";", b.DescribeSupport()), string.Join(",", b.Unconfirmed), b.Basis, b.Source, b.Notes, b.Origin);

            Assert.Equal(
                fromYaml.OrderBy(b => b.KubernetesVersion).Select(Describe),
                FipsCatalog.BuiltIn.Builds.Select(Describe));
        }
    }
}
