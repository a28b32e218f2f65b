using System;
using System.Text.RegularExpressions;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Aws
{
    /// <summary>
    /// The Kubernetes version KIB baked into an image, read from (in order of trust) the
    /// <c>kubernetes_version</c> tag (<c>1.23.7-fips.0</c> before KIB v2.0, <c>1.25.4+fips.0</c>
    /// after), the KIB name (<c>konvoy-ami-rhel-8.4-fips-1.23.7-fips.0-1656000000</c>) or the KIB
    /// description (<c>Konvoy base for Kubernetes 1.23.7+fips.0 on rhel-8.4</c>).
    /// </summary>
    public sealed class BakedKubernetesVersion
    {
        public const string TagName = "kubernetes_version";

        // A full version followed by an optional FIPS marker, inside a longer text.
        private static readonly Regex VersionInText = new Regex(
            @"(?<![0-9.])v?(?<v>[0-9]+\.[0-9]+\.[0-9]+([+_-]fips(\.[0-9]+)?)?)(?![0-9])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

        // KIB puts "-fips-" between the OS and the version in FIPS image names.
        private static readonly Regex FipsNameMarker = new Regex(@"-fips-", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private BakedKubernetesVersion(FipsVersion? version, bool isFips, string source)
        {
            Version = version;
            IsFips = isFips;
            Source = source;
        }

        /// <summary>Null when no source names a version (the image may still be marked FIPS by name).</summary>
        public FipsVersion? Version { get; }

        public bool IsFips { get; }

        /// <summary>Where it was read, e.g. "the kubernetes_version tag (1.23.7-fips.0)".</summary>
        public string Source { get; }

        /// <summary>Null when the image carries no sign of a KIB Kubernetes build at all.</summary>
        public static BakedKubernetesVersion? Read(AmiImage image)
        {
            if (image is null)
            {
                throw new ArgumentNullException(nameof(image));
            }

            var tag = image.Tag(TagName);
            if (!string.IsNullOrWhiteSpace(tag) && FipsVersion.TryParse(tag, out var tagged) && !tagged!.IsVersionLine)
            {
                return new BakedKubernetesVersion(tagged, tagged.IsFips, $"the {TagName} tag ({tag!.Trim()})");
            }

            var fromName = FromText(image.Name);
            var nameSaysFips = image.Name is not null && FipsNameMarker.IsMatch(image.Name);
            if (fromName is not null)
            {
                return new BakedKubernetesVersion(fromName, fromName.IsFips || nameSaysFips, "the name");
            }

            var fromDescription = FromText(image.Description);
            if (fromDescription is not null)
            {
                return new BakedKubernetesVersion(fromDescription, fromDescription.IsFips || nameSaysFips, "the description");
            }

            return nameSaysFips ? new BakedKubernetesVersion(null, true, "the -fips marker in the name") : null;
        }

        private static FipsVersion? FromText(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            // Prefer a FIPS-marked version; only Kubernetes-looking texts are read.
            FipsVersion? plain = null;
            foreach (Match match in VersionInText.Matches(text!))
            {
                if (FipsVersion.TryParse(match.Groups["v"].Value, out var version))
                {
                    if (version!.IsFips)
                    {
                        return version;
                    }

                    plain ??= version;
                }
            }

            var looksLikeKib = text!.IndexOf("konvoy", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("kubernetes", StringComparison.OrdinalIgnoreCase) >= 0;
            return looksLikeKib ? plain : null;
        }
    }
}
