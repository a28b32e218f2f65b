using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DkpFips.Core.Versioning
{
    /// <summary>
    /// A Kubernetes or etcd version as DKP, kubeadm, KIB and image registries write it, with
    /// the optional FIPS build marker. One value type understands every spelling people copy
    /// from docs, tags and AMI metadata, and writes each canonical form the tools expect.
    /// </summary>
    /// <remarks>
    /// Accepted spellings (a leading <c>v</c> is always optional):
    /// <c>1.23</c> (a version line, used as a filter), <c>1.23.7</c>, <c>1.23.7+fips.0</c>
    /// (flag form), <c>v1.23.7_fips.0</c> (image tag form), <c>1.23.7-fips.0</c> (KIB tag
    /// form before KIB v2.0). <c>fips</c> without a number exists in one real build: the
    /// Konvoy 2.0 etcd image <c>v3.4.13_fips</c>.
    /// </remarks>
    public sealed class FipsVersion : IComparable<FipsVersion>, IEquatable<FipsVersion>
    {
        public const string AcceptedForms =
            "1.23, v1.23.7, 1.23.7+fips.0, v1.23.7+fips.0, v1.23.7_fips.0 (image tag) or 1.23.7-fips.0 (KIB tag)";

        // The FIPS marker may follow '+', '_' or '-'; nothing else may follow the numbers.
        private static readonly Regex Pattern = new Regex(
            @"^v?(?<major>0|[1-9][0-9]{0,3})\.(?<minor>0|[1-9][0-9]{0,3})(\.(?<patch>0|[1-9][0-9]{0,4}))?([+_-](?<fips>fips)(\.(?<build>0|[1-9][0-9]{0,3}))?)?$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture);

        private FipsVersion(int major, int minor, int? patch, bool isFips, int? fipsBuild)
        {
            Major = major;
            Minor = minor;
            Patch = patch;
            IsFips = isFips;
            FipsBuildNumber = fipsBuild;
        }

        public int Major { get; }

        public int Minor { get; }

        /// <summary>Null for a version line such as <c>1.23</c>.</summary>
        public int? Patch { get; }

        /// <summary>True when the version carries the FIPS build marker.</summary>
        public bool IsFips { get; }

        /// <summary>N of <c>+fips.N</c>; null when not FIPS or for the bare <c>fips</c> marker.</summary>
        public int? FipsBuildNumber { get; }

        /// <summary>True for <c>1.23</c>: a line of versions rather than one version.</summary>
        public bool IsVersionLine => Patch is null;

        /// <summary>The <c>major.minor</c> line, e.g. <c>1.23</c>.</summary>
        public string MinorLine => string.Format(CultureInfo.InvariantCulture, "{0}.{1}", Major, Minor);

        /// <summary>The version without the FIPS marker, e.g. <c>1.23.7</c> (what KIB's --kubernetes-version takes).</summary>
        public string PlainVersion => Patch is null
            ? MinorLine
            : string.Format(CultureInfo.InvariantCulture, "{0}.{1}.{2}", Major, Minor, Patch);

        public static FipsVersion Parse(string? text)
        {
            if (TryParse(text, out var version))
            {
                return version!;
            }

            throw new FipsVersionFormatException(text);
        }

        public static bool TryParse(string? text, out FipsVersion? version)
        {
            version = null;
            if (text is null)
            {
                return false;
            }

            var match = Pattern.Match(text.Trim());
            if (!match.Success)
            {
                return false;
            }

            var patch = match.Groups["patch"].Success ? ParseInt(match.Groups["patch"].Value) : (int?)null;
            var isFips = match.Groups["fips"].Success;
            var build = match.Groups["build"].Success ? ParseInt(match.Groups["build"].Value) : (int?)null;

            // "1.23+fips.0" names no single build: a FIPS marker needs a full version.
            if (isFips && patch is null)
            {
                return false;
            }

            version = new FipsVersion(ParseInt(match.Groups["major"].Value), ParseInt(match.Groups["minor"].Value), patch, isFips, build);
            return true;
        }

        /// <summary>Build metadata as written after '+': <c>fips.0</c>, <c>fips</c>, or empty.</summary>
        public string BuildMetadata => !IsFips ? string.Empty : FipsBuildNumber is null ? "fips" : "fips." + FipsBuildNumber.Value.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// Kubernetes flag form, with the leading v: <c>v1.23.7+fips.0</c>, as dkp's
        /// --kubernetes-version takes it (also how the module shows a Kubernetes version).
        /// </summary>
        public string ToKubernetesFlag() => "v" + ToEtcdFlag();

        /// <summary>etcd flag form, without a leading v: <c>3.4.13+fips.0</c>, as dkp's --etcd-version takes it.</summary>
        public string ToEtcdFlag() => IsFips ? PlainVersion + "+" + BuildMetadata : PlainVersion;

        /// <summary>
        /// Image tag: kubeadm's rule (every character outside [-a-zA-Z0-9_.] becomes '_'),
        /// applied to the Kubernetes flag form: <c>v1.23.7+fips.0</c> becomes <c>v1.23.7_fips.0</c>.
        /// </summary>
        public string ToImageTag() => ImageTag.FromVersionString(ToKubernetesFlag());

        /// <summary>KIB's tag form before KIB v2.0: <c>1.23.7-fips.0</c>.</summary>
        public string ToKibTagString() => IsFips ? PlainVersion + "-" + BuildMetadata : PlainVersion;

        /// <summary>This version without its FIPS marker.</summary>
        public FipsVersion WithoutFips() => new FipsVersion(Major, Minor, Patch, false, null);

        /// <summary>This version as FIPS build N.</summary>
        public FipsVersion WithFipsBuild(int buildNumber)
        {
            if (Patch is null)
            {
                throw new InvalidOperationException($"The version line {MinorLine} has no patch, so it cannot carry a FIPS build marker.");
            }

            return new FipsVersion(Major, Minor, Patch, true, buildNumber);
        }

        /// <summary>
        /// True when this value, used as a filter, selects <paramref name="candidate"/>: a version
        /// line matches every patch of it; a plain version matches every FIPS build of it; a FIPS
        /// version matches only itself.
        /// </summary>
        public bool Matches(FipsVersion candidate)
        {
            if (candidate is null)
            {
                throw new ArgumentNullException(nameof(candidate));
            }

            if (Major != candidate.Major || Minor != candidate.Minor)
            {
                return false;
            }

            if (Patch is null)
            {
                return true;
            }

            if (Patch != candidate.Patch)
            {
                return false;
            }

            return !IsFips || (candidate.IsFips && FipsBuildNumber == candidate.FipsBuildNumber);
        }

        public int CompareTo(FipsVersion? other)
        {
            if (other is null)
            {
                return 1;
            }

            var result = Major.CompareTo(other.Major);
            if (result == 0) result = Minor.CompareTo(other.Minor);
            if (result == 0) result = (Patch ?? -1).CompareTo(other.Patch ?? -1);
            if (result == 0) result = IsFips.CompareTo(other.IsFips);
            if (result == 0) result = (FipsBuildNumber ?? -1).CompareTo(other.FipsBuildNumber ?? -1);
            return result;
        }

        public bool Equals(FipsVersion? other) => other is not null && CompareTo(other) == 0;

        public override bool Equals(object? obj) => obj is FipsVersion other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = Major;
                hash = (hash * 397) ^ Minor;
                hash = (hash * 397) ^ (Patch ?? -1);
                hash = (hash * 397) ^ (IsFips ? 1 : 0);
                return (hash * 397) ^ (FipsBuildNumber ?? -1);
            }
        }

        public override string ToString() => ToKubernetesFlag();

        public static bool operator ==(FipsVersion? left, FipsVersion? right) => left is null ? right is null : left.Equals(right);

        public static bool operator !=(FipsVersion? left, FipsVersion? right) => !(left == right);

        public static bool operator <(FipsVersion left, FipsVersion right) => left.CompareTo(right) < 0;

        public static bool operator >(FipsVersion left, FipsVersion right) => left.CompareTo(right) > 0;

        private static int ParseInt(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
