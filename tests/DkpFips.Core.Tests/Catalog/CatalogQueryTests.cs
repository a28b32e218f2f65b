using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Versioning;
using Xunit;

namespace DkpFips.Core.Tests.Catalog
{
    public class CatalogQueryTests
    {
        private static readonly FipsCatalog Catalog = FipsCatalog.BuiltIn;

        [Fact]
        public void A_version_line_selects_every_build_of_that_line()
        {
            using var file = new TempCatalogFile("schemaVersion: 1\nbuilds:\n- dkpVersion: '2.3'\n  kubernetesVersion: 1.23.17+fips.0\n  etcdVersion: 3.4.13+fips.0\n");
            var catalog = FipsCatalog.Load(new[] { file.Path }).Catalog;

            var builds = catalog.Find(FipsVersion.Parse("1.23"));

            Assert.Equal(new[] { "v1.23.7+fips.0", "v1.23.12+fips.0", "v1.23.17+fips.0" }, builds.Select(b => b.KubernetesVersion.ToKubernetesFlag()));
        }

        [Theory]
        [InlineData("v1.22.8_fips.0", "2.2")]
        [InlineData("1.22.8-fips.0", "2.2")]
        [InlineData("1.22.8", "2.2")]
        public void Any_written_form_finds_its_build(string text, string dkp)
        {
            Assert.Equal(dkp, Catalog.Find(FipsVersion.Parse(text)).Single().DkpVersion);
        }

        [Fact]
        public void A_dkp_release_filter_combines_with_a_version_filter()
        {
            Assert.Single(Catalog.Find(FipsVersion.Parse("1.23"), r => r == "2.3"));
            Assert.Single(Catalog.Find(FipsVersion.Parse("1.23"), r => r == "2.3.2"));
            Assert.Empty(Catalog.Find(FipsVersion.Parse("1.23"), r => r == "2.2"));
        }

        [Fact]
        public void Nearest_versions_of_a_known_line_are_that_line()
        {
            var nearest = Catalog.NearestKubernetesVersions(FipsVersion.Parse("1.23.99"));
            Assert.Equal(new[] { "v1.23.7+fips.0", "v1.23.12+fips.0" }, nearest.Select(v => v.ToKubernetesFlag()));
        }

        [Fact]
        public void Nearest_versions_of_an_unknown_line_are_the_neighbouring_lines()
        {
            var nearest = Catalog.NearestKubernetesVersions(FipsVersion.Parse("1.20"));
            Assert.Equal(new[] { "v1.21.3+fips.0", "v1.21.6+fips.0", "v1.22.8+fips.0" }, nearest.Select(v => v.ToKubernetesFlag()));

            var beyond = Catalog.NearestKubernetesVersions(FipsVersion.Parse("1.40"), count: 2);
            Assert.Equal(new[] { 32, 33 }, beyond.Select(v => v.Minor));
        }

        [Theory]
        [InlineData("2.3", "2.3")]
        [InlineData("v2.3", "2.3")]
        [InlineData("2.3.1", "2.3.1")]
        [InlineData("V2.12.0", "2.12.0")]
        [InlineData("2.*", "2.*")]
        [InlineData("v2.1*", "2.1*")]
        public void Dkp_release_text_is_normalised_to_the_catalog_row(string text, string expected)
        {
            Assert.Equal(expected, DkpRelease.Normalize(text));
        }

        [Fact]
        public void The_catalog_path_variable_splits_like_path()
        {
            var sep = System.IO.Path.PathSeparator;
            Assert.Equal(new[] { "a.yaml", "b.yaml" }, FipsCatalog.SplitPathList($"a.yaml{sep}{sep} b.yaml "));
            Assert.Empty(FipsCatalog.SplitPathList(null));
            Assert.Empty(FipsCatalog.SplitPathList("  "));
        }
    }
}
