using System;
using System.Text.RegularExpressions;

namespace DkpFips.Core.Catalog
{
    /// <summary>
    /// Compares operating system names as the catalog, KIB and EC2 write them: "RHEL 8.4",
    /// "Red Hat Enterprise Linux 8.4", "rhel-8.4" and "rhel 84" are one system; so are
    /// "Oracle Linux RHCK 7.9", "Oracle Linux 7.9" and "oracle-7.9" (the FIPS builds of Oracle
    /// Linux are RHCK builds).
    /// </summary>
    public static class OperatingSystemName
    {
        private static readonly Regex Pattern = new Regex(
            @"^(?<family>[a-z]+?)[-_ ]?(?<version>[0-9][0-9.]*)?$", RegexOptions.CultureInvariant);

        /// <summary>A comparable key such as <c>rhel 8.4</c>; the family alone when no version is given; null for text that names no system.</summary>
        public static string? Key(string? name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return null;
            }

            var text = name!.Trim().ToLowerInvariant()
                .Replace("red hat enterprise linux", "rhel")
                .Replace("oracle linux", "oracle")
                .Replace(" rhck", string.Empty)
                .Replace("rhck", string.Empty)
                .Trim();
            var match = Pattern.Match(text);
            if (!match.Success)
            {
                return text;
            }

            var family = match.Groups["family"].Value;
            family = family == "redhat" ? "rhel" : family == "ol" || family == "oraclelinux" ? "oracle" : family;
            var version = match.Groups["version"].Success ? match.Groups["version"].Value.TrimEnd('.') : null;
            if (version is not null && version.IndexOf('.') < 0 && version.Length > 1)
            {
                // KIB file names drop the dot: 84 is 8.4, 810 is 8.10.
                version = version.Substring(0, 1) + "." + version.Substring(1);
            }

            return version is null ? family : family + " " + version;
        }

        /// <summary>
        /// Whether two names are the same system. A name without a version matches any version of
        /// its family, and one with only a major version any minor of it ("CentOS Linux 7", as
        /// CentOS names its images, is CentOS 7.9): the name cannot tell them apart.
        /// </summary>
        public static bool Same(string? a, string? b)
        {
            var left = Key(a);
            var right = Key(b);
            if (left is null || right is null)
            {
                return false;
            }

            if (string.Equals(left, right, StringComparison.Ordinal))
            {
                return true;
            }

            return Covers(left, right) || Covers(right, left);
        }

        // "rhel" covers "rhel 8.4"; "centos 7" covers "centos 7.9".
        private static bool Covers(string general, string specific)
        {
            if (general.IndexOf(' ') < 0)
            {
                return specific.StartsWith(general + " ", StringComparison.Ordinal);
            }

            var version = general.Substring(general.IndexOf(' ') + 1);
            return version.IndexOf('.') < 0 && specific.StartsWith(general + ".", StringComparison.Ordinal);
        }
    }
}
