using System.IO;
using System.Linq;
using DkpFips.Core.Catalog;
using Xunit;

namespace DkpFips.Core.Tests.Catalog
{
    public class CatalogFileTests
    {
        private const string NewRelease = @"schemaVersion: 1
builds:
- product: NKP
  dkpVersion: '2.17'
  kubernetesVersion: v1.34.1+fips.0
  etcdVersion: 3.6.4+fips.0
  kubernetesImageRepository: registry.example.internal/mesosphere
  operatingSystems: [RHEL 9.4]
  providers: [AWS, vsphere]
";

        [Fact]
        public void A_user_file_adds_a_row_with_defaults_and_custom_basis()
        {
            using var file = new TempCatalogFile(NewRelease);

            var result = FipsCatalog.Load(new[] { file.Path });

            Assert.Empty(result.Errors);
            var row = result.Catalog.Builds.Last();
            Assert.Equal("2.17", row.DkpVersion);
            Assert.Equal("v1.34.1+fips.0", row.KubernetesVersion.ToKubernetesFlag());
            Assert.Equal("registry.example.internal/mesosphere", row.KubernetesImageRepository);
            Assert.Equal("docker.io/mesosphere", row.EtcdImageRepository);
            Assert.Equal(new[] { "aws", "vsphere" }, row.Providers);
            Assert.Equal(CatalogBasis.Custom, row.Basis);
            Assert.Equal(file.Path, row.Origin);
            Assert.Equal(FipsCatalog.BuiltIn.Builds.Count + 1, result.Catalog.Builds.Count);
        }

        [Fact]
        public void A_user_row_with_the_same_release_and_version_replaces_the_built_in_one()
        {
            using var file = new TempCatalogFile("schemaVersion: 1\nbuilds:\n- dkpVersion: '2.3'\n  kubernetesVersion: 1.23.7+fips.0\n  etcdVersion: 3.4.13+fips.1\n");

            var catalog = FipsCatalog.Load(new[] { file.Path }).Catalog;

            var row = Assert.Single(catalog.Builds, b => b.DkpVersion == "2.3");
            Assert.Equal("3.4.13+fips.1", row.EtcdVersion.ToEtcdFlag());
            Assert.Equal(FipsCatalog.BuiltIn.Builds.Count, catalog.Builds.Count);
            Assert.Equal("3.4.13+fips.0", FipsCatalog.BuiltIn.Builds.Single(b => b.DkpVersion == "2.3").EtcdVersion.ToEtcdFlag());
        }

        [Fact]
        public void Later_files_win_over_earlier_ones()
        {
            using var first = new TempCatalogFile("schemaVersion: 1\nbuilds:\n- dkpVersion: '2.3'\n  kubernetesVersion: 1.23.7+fips.0\n  etcdVersion: 3.4.13+fips.1\n");
            using var second = new TempCatalogFile("schemaVersion: 1\nbuilds:\n- dkpVersion: '2.3'\n  kubernetesVersion: 1.23.7+fips.0\n  etcdVersion: 3.4.13+fips.2\n");

            var catalog = FipsCatalog.Load(new[] { first.Path, second.Path }).Catalog;

            Assert.Equal(2, catalog.Builds.Single(b => b.DkpVersion == "2.3").EtcdVersion.FipsBuildNumber);
        }

        [Theory]
        [InlineData("schemaVersion: 1\nbuilds:\n- dkpVersion: '2.9'\n  kubernetesVersion: 1.29.0+fips.0\n  etcdVersion: a: b\n", 5, "not valid YAML")]
        [InlineData("schemaVersion: 1\nbuilds:\n- dkpVersion: '2.9'\n  kubernetesVersion: 1.29.0\n  etcdVersion: 3.5.10+fips.0\n", 4, "is not a FIPS build")]
        [InlineData("schemaVersion: 1\nbuilds:\n- dkpVersion: '2.9'\n  kubernetesVersion: 1.29.1+fips.0\n  etcdVersion: latest\n", 5, "is not a version")]
        [InlineData("schemaVersion: 1\nbuilds:\n- dkpVersion: '2.9'\n  kubernetesVersion: 1.29.1+fips.0\n  etcdVersion: 3.5.10+fips.0\n  kubernetesVersoin: x\n", 6, "unknown key 'kubernetesVersoin'")]
        [InlineData("schemaVersion: 1\nbuilds:\n- kubernetesVersion: 1.29.1+fips.0\n  etcdVersion: 3.5.10+fips.0\n", 3, "no 'dkpVersion'")]
        [InlineData("schemaVersion: 3\nbuilds: []\n", 1, "schemaVersion 3 is not supported")]
        [InlineData("builds: []\n", 1, "missing 'schemaVersion'")]
        [InlineData("schemaVersion: 1\nbuilds:\n- dkpVersion: '2.9'\n  kubernetesVersion: 1.29.1+fips.0\n  etcdVersion: 3.5.10+fips.0\n  basis: Official\n", 6, "basis 'Official'")]
        [InlineData("schemaVersion: 1\nbuilds:\n- dkpVersion: '2.9'\n  kubernetesVersion: 1.29.1+fips.0\n  etcdVersion: 3.5.10+fips.0\n- dkpVersion: '2.9'\n  kubernetesVersion: v1.29.1_fips.0\n  etcdVersion: 3.5.10+fips.0\n", 6, "listed twice")]
        [InlineData("schemaVersion: 1\nbuilds:\n  dkpVersion: '2.9'\n", 3, "'builds' must be a list")]
        [InlineData("schemaVersion: 1\nbuilds:\n- dkpVersion: '2.9'\n  kubernetesVersion: 1.29.1+fips.0\n  etcdVersion: 3.5.10+fips.0\n  providers: aws\n", 6, "'providers' must be a list")]
        public void A_malformed_file_is_reported_with_its_line_and_column_and_the_built_in_rows_still_load(string yaml, int line, string problem)
        {
            using var file = new TempCatalogFile(yaml);

            var result = FipsCatalog.Load(new[] { file.Path });

            var error = Assert.Single(result.Errors);
            Assert.Equal(file.Path, error.Path);
            Assert.Equal(line, error.Line);
            Assert.True(error.Column > 0);
            Assert.Contains(problem, error.Problem);
            Assert.StartsWith($"{file.Path}({line},{error.Column}): ", error.Message);
            Assert.Equal(FipsCatalog.BuiltIn.Builds.Count, result.Catalog.Builds.Count);
        }

        [Fact]
        public void A_missing_file_is_reported_as_missing_and_good_files_still_apply()
        {
            using var good = new TempCatalogFile(NewRelease);
            var missing = Path.Combine(Path.GetTempPath(), "dkpfips-no-such-file.yaml");

            var result = FipsCatalog.Load(new[] { missing, good.Path });

            var error = Assert.Single(result.Errors);
            Assert.True(error.IsMissingFile);
            Assert.Equal(missing, error.Path);
            Assert.Contains(result.Catalog.Builds, b => b.DkpVersion == "2.17");
        }
    }
}
