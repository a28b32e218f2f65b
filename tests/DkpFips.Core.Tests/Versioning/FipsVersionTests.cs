using System.Linq;
using DkpFips.Core.Versioning;
using Xunit;

namespace DkpFips.Core.Tests.Versioning
{
    public class FipsVersionTests
    {
        [Theory]
        [InlineData("1.23.7+fips.0")]
        [InlineData("v1.23.7+fips.0")]
        [InlineData("v1.23.7_fips.0")]
        [InlineData("1.23.7-fips.0")]
        [InlineData(" V1.23.7+FIPS.0 ")]
        public void Every_written_form_of_a_fips_build_parses_to_the_same_version(string text)
        {
            var version = FipsVersion.Parse(text);

            Assert.Equal(1, version.Major);
            Assert.Equal(23, version.Minor);
            Assert.Equal(7, version.Patch);
            Assert.True(version.IsFips);
            Assert.Equal(0, version.FipsBuildNumber);
            Assert.Equal("v1.23.7+fips.0", version.ToKubernetesFlag());
            Assert.Equal("1.23.7+fips.0", version.ToEtcdFlag());
            Assert.Equal("v1.23.7_fips.0", version.ToImageTag());
            Assert.Equal("1.23.7-fips.0", version.ToKibTagString());
            Assert.Equal("1.23.7", version.PlainVersion);
        }

        [Theory]
        [InlineData("1.23", 1, 23, null)]
        [InlineData("v1.23", 1, 23, null)]
        [InlineData("v1.23.7", 1, 23, 7)]
        [InlineData("1.9.0", 1, 9, 0)]
        public void Plain_versions_and_version_lines_are_not_fips(string text, int major, int minor, int? patch)
        {
            var version = FipsVersion.Parse(text);

            Assert.Equal(major, version.Major);
            Assert.Equal(minor, version.Minor);
            Assert.Equal(patch, version.Patch);
            Assert.False(version.IsFips);
            Assert.Null(version.FipsBuildNumber);
            Assert.Equal(patch is null, version.IsVersionLine);
        }

        [Fact]
        public void A_fips_marker_without_a_number_is_kept_as_written_for_the_konvoy_20_etcd_tag()
        {
            var version = FipsVersion.Parse("3.4.13+fips");

            Assert.True(version.IsFips);
            Assert.Null(version.FipsBuildNumber);
            Assert.Equal("v3.4.13_fips", version.ToImageTag());
            Assert.Equal(version, FipsVersion.Parse("v3.4.13_fips"));
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("1")]
        [InlineData("latest")]
        [InlineData("1.23.7+fips.x")]
        [InlineData("1.23+fips.0")]
        [InlineData("1.23.7+fips.0.1")]
        [InlineData("1.23.7-rc.1")]
        [InlineData("1.23.07")]
        [InlineData("vv1.23.7")]
        [InlineData("1.23.7+fips.0; rm -rf /")]
        public void Malformed_input_gets_an_error_naming_the_input_and_the_accepted_forms(string text)
        {
            var error = Assert.Throws<FipsVersionFormatException>(() => FipsVersion.Parse(text));

            Assert.Equal(text, error.Input);
            Assert.Contains("1.23.7+fips.0", error.Message);
            Assert.Contains("v1.23.7_fips.0", error.Message);
            Assert.False(FipsVersion.TryParse(text, out _));
        }

        [Fact]
        public void Null_input_is_reported_as_null()
        {
            var error = Assert.Throws<FipsVersionFormatException>(() => FipsVersion.Parse(null));
            Assert.StartsWith("(null)", error.Message);
        }

        [Fact]
        public void Versions_order_numerically_and_fips_builds_after_their_plain_version()
        {
            var sorted = new[] { "1.10.0", "1.9.0", "1.23.7+fips.1", "1.23.7", "1.23.7+fips.0", "1.23.12+fips.0", "1.23.7+fips" }
                .Select(FipsVersion.Parse)
                .OrderBy(v => v)
                .Select(v => v.ToEtcdFlag());

            Assert.Equal(new[] { "1.9.0", "1.10.0", "1.23.7", "1.23.7+fips", "1.23.7+fips.0", "1.23.7+fips.1", "1.23.12+fips.0" }, sorted);
        }

        [Theory]
        [InlineData("1.23", "v1.23.7+fips.0", true)]
        [InlineData("1.23", "v1.23.12+fips.0", true)]
        [InlineData("1.23", "v1.24.6+fips.0", false)]
        [InlineData("1.2", "v1.23.7+fips.0", false)]
        [InlineData("v1.23.7", "v1.23.7+fips.0", true)]
        [InlineData("v1.23.7", "v1.23.7+fips.1", true)]
        [InlineData("1.23.7+fips.0", "v1.23.7+fips.0", true)]
        [InlineData("1.23.7+fips.1", "v1.23.7+fips.0", false)]
        [InlineData("1.23.1", "v1.23.12+fips.0", false)]
        public void A_filter_version_matches_the_builds_it_names(string filter, string candidate, bool expected)
        {
            Assert.Equal(expected, FipsVersion.Parse(filter).Matches(FipsVersion.Parse(candidate)));
        }

        [Fact]
        public void Equality_and_hashing_ignore_the_spelling()
        {
            var a = FipsVersion.Parse("v1.23.7_fips.0");
            var b = FipsVersion.Parse("1.23.7+fips.0");

            Assert.True(a == b);
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
            Assert.NotEqual(a, FipsVersion.Parse("1.23.7"));
        }

        [Fact]
        public void A_plain_version_can_be_turned_into_a_fips_build_and_back()
        {
            var plain = FipsVersion.Parse("1.24.6");

            Assert.Equal("v1.24.6+fips.2", plain.WithFipsBuild(2).ToKubernetesFlag());
            Assert.Equal(plain, plain.WithFipsBuild(2).WithoutFips());
            Assert.Throws<System.InvalidOperationException>(() => FipsVersion.Parse("1.24").WithFipsBuild(0));
        }
    }
}
