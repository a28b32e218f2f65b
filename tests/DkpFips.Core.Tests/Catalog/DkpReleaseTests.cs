using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Versioning;
using Xunit;

namespace DkpFips.Core.Tests.Catalog
{
    /// <summary>Patch-release rows and how a release number selects them.</summary>
    public class DkpReleaseTests
    {
        private static readonly string[] Releases = { "2.2", "2.3", "2.3.2", "2.3.5", "2.4" };

        [Theory]
        [InlineData("2.3", "2.3,2.3.2,2.3.5")]
        [InlineData("v2.3", "2.3,2.3.2,2.3.5")]
        [InlineData("2.3.0", "2.3")]
        [InlineData("2.3.1", "2.3")]
        [InlineData("2.3.2", "2.3.2")]
        [InlineData("2.3.3", "2.3.2")]
        [InlineData("V2.3.4", "2.3.2")]
        [InlineData("2.3.9", "2.3.5")]
        [InlineData("2.4.7", "2.4")]
        [InlineData("2.9", "")]
        [InlineData("2.9.1", "")]
        public void A_release_number_selects_its_line_or_the_newest_release_at_or_below_it(string text, string expected)
        {
            var selected = DkpRelease.Select(text, Releases)!;
            Assert.Equal(expected, string.Join(",", selected.OrderBy(r => r, System.Collections.Generic.Comparer<string>.Create(DkpRelease.Compare))));
        }

        [Fact]
        public void A_patch_release_below_every_row_of_its_line_selects_nothing()
        {
            Assert.Empty(DkpRelease.Select("2.3.1", new[] { "2.3.2" })!);
        }

        [Theory]
        [InlineData("2.*")]
        [InlineData("2.3.x")]
        [InlineData("latest")]
        public void Text_that_is_not_a_release_number_is_left_to_wildcard_matching(string text)
        {
            Assert.Null(DkpRelease.Select(text, Releases));
        }

        [Fact]
        public void Releases_order_numerically_with_a_patch_above_its_minor()
        {
            var ordered = new[] { "2.12", "2.3.2", "2.10", "2.3", "2.4" }.OrderBy(r => r, System.Collections.Generic.Comparer<string>.Create(DkpRelease.Compare));
            Assert.Equal(new[] { "2.3", "2.3.2", "2.4", "2.10", "2.12" }, ordered);
        }

        [Fact]
        public void The_built_in_232_row_is_chosen_for_232_and_later_patches()
        {
            var releases = FipsCatalog.BuiltIn.Builds.Select(b => b.DkpVersion).ToArray();
            Assert.Equal(new[] { "2.3" }, DkpRelease.Select("2.3.1", releases));
            Assert.Equal(new[] { "2.3.2" }, DkpRelease.Select("2.3.3", releases));
        }

        [Fact]
        public void A_kubernetes_line_prefers_the_documented_row_over_an_inferred_newer_patch()
        {
            Assert.Equal("2.3", FipsCatalog.BuiltIn.Select(FipsVersion.Parse("1.23"))!.DkpVersion);
            Assert.Equal("2.3.2", FipsCatalog.BuiltIn.Select(FipsVersion.Parse("1.23.12"))!.DkpVersion);
            Assert.Equal("2.16", FipsCatalog.BuiltIn.Select(FipsVersion.Parse("1.33"))!.DkpVersion);
        }
    }
}
