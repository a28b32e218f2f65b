using System.Globalization;
using CsCheck;
using DkpFips.Core.Versioning;
using Xunit;

namespace DkpFips.Core.Tests.Properties
{
    /// <summary>
    /// Every written form of a version parses back to the same version: the flag form with and
    /// without 'v', the image tag, KIB's old tag, upper case and padding. CsCheck shrinks a
    /// failure to the smallest version that breaks it.
    /// </summary>
    public sealed class FipsVersionProperties
    {
        private static readonly Gen<FipsVersion> Versions =
            Gen.Select(Gen.Int[0, 9999], Gen.Int[0, 9999], Gen.Int[0, 99999], Gen.Int[-1, 9999], (major, minor, patch, build) =>
            {
                var plain = FipsVersion.Parse(string.Format(CultureInfo.InvariantCulture, "{0}.{1}.{2}", major, minor, patch));
                return build < 0 ? plain : plain.WithFipsBuild(build);
            });

        [Fact]
        public void Every_written_form_parses_back_to_the_version()
        {
            Versions.Sample(version =>
            {
                Assert.Equal(version, FipsVersion.Parse(version.ToKubernetesFlag()));
                Assert.Equal(version, FipsVersion.Parse(version.ToEtcdFlag()));
                Assert.Equal(version, FipsVersion.Parse(version.ToImageTag()));
                Assert.Equal(version, FipsVersion.Parse(version.ToKibTagString()));
                Assert.Equal(version, FipsVersion.Parse("  " + version.ToKubernetesFlag().ToUpperInvariant() + "\t"));
            });
        }

        [Fact]
        public void The_image_tag_is_the_flag_form_with_kubeadms_substitution()
        {
            Versions.Sample(version =>
            {
                var tag = version.ToImageTag();
                Assert.Equal(version.ToKubernetesFlag().Replace('+', '_'), tag);
                Assert.Matches("^[-a-zA-Z0-9_.]+$", tag);
            });
        }

        [Fact]
        public void Parsing_any_text_then_formatting_is_stable()
        {
            // Text made of the characters versions are written with, so that many samples parse.
            var texts = Gen.String[Gen.Char["v0123456789.+_-fipsFIPS x"], 0, 18];
            texts.Sample(text =>
            {
                if (FipsVersion.TryParse(text, out var version))
                {
                    var again = FipsVersion.Parse(version!.ToKubernetesFlag());
                    Assert.Equal(version, again);
                    Assert.Equal(version.ToKubernetesFlag(), again.ToKubernetesFlag());
                }
            }, iter: 5000);
        }

        [Fact]
        public void Order_agrees_with_equality()
        {
            Gen.Select(Versions, Versions).Sample((a, b) =>
            {
                Assert.Equal(a.Equals(b), a.CompareTo(b) == 0);
                Assert.Equal(-System.Math.Sign(a.CompareTo(b)), System.Math.Sign(b.CompareTo(a)));
                if (a.Equals(b))
                {
                    Assert.Equal(a.GetHashCode(), b.GetHashCode());
                }
            });
        }
    }
}
