using System;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// Which node operating systems DKP/NKP support in FIPS mode, from a node's <c>osImage</c>:
    /// Red Hat Enterprise Linux, CentOS 7 and Oracle Linux. Ubuntu, Flatcar, Amazon Linux, Rocky
    /// and Windows have no FIPS builds.
    /// </summary>
    public static class OperatingSystemFamily
    {
        private static readonly string[] FipsFamilies = { "Red Hat Enterprise Linux", "CentOS Linux 7", "Oracle Linux" };

        /// <summary>The FIPS-supported family <paramref name="osImage"/> belongs to, or null.</summary>
        public static string? FipsFamilyOf(string? osImage)
        {
            if (string.IsNullOrWhiteSpace(osImage))
            {
                return null;
            }

            foreach (var family in FipsFamilies)
            {
                if (osImage!.StartsWith(family, StringComparison.OrdinalIgnoreCase))
                {
                    return family;
                }
            }

            return null;
        }

        public static string SupportedFamilies => string.Join(", ", FipsFamilies);
    }
}
