using System;
using System.Globalization;
using System.Linq;
using DkpFips.Core.Evidence;

namespace DkpFips.Core.Aws
{
    /// <summary>
    /// Which operating systems carry DKP FIPS builds: Red Hat Enterprise Linux, CentOS and
    /// Oracle Linux with the Red Hat compatible kernel (RHCK). No FIPS builds exist for Ubuntu,
    /// Flatcar, Amazon Linux, Rocky, Windows or the others.
    /// </summary>
    public static class FipsOperatingSystemPolicy
    {
        public static CheckResult Evaluate(DetectedOperatingSystem? os, AmiImage image)
        {
            if (os is null)
            {
                return new CheckResult(AmiCheckNames.OperatingSystem, CheckStatus.Failed,
                    "The operating system cannot be told from the distribution tags, name, description or PlatformDetails; FIPS builds need RHEL, CentOS or Oracle Linux (RHCK).");
            }

            var name = os.DisplayName;
            switch (os.Family)
            {
                case OperatingSystemFamily.Rhel:
                    return VersionCheck(os, name, major => major == 7 || major == 8 || major == 9, "RHEL 7.9, 8 or 9", minimumSeven: true);
                case OperatingSystemFamily.CentOS:
                    return VersionCheck(os, name, major => major == 7, "CentOS 7.9", minimumSeven: true);
                case OperatingSystemFamily.OracleLinux:
                    if (Mentions(image, "uek"))
                    {
                        return new CheckResult(AmiCheckNames.OperatingSystem, CheckStatus.Failed,
                            $"{name} (from {os.Source}) runs the Unbreakable Enterprise Kernel; FIPS builds need Oracle Linux with the Red Hat compatible kernel (RHCK).");
                    }

                    return VersionCheck(os, name, major => major == 7 || major == 8 || major == 9, "Oracle Linux RHCK 7.9, 8 or 9", minimumSeven: true);
                default:
                    return new CheckResult(AmiCheckNames.OperatingSystem, CheckStatus.Failed,
                        $"{name} (from {os.Source}) has no DKP FIPS build; FIPS needs RHEL, CentOS or Oracle Linux (RHCK).");
            }
        }

        private static CheckResult VersionCheck(DetectedOperatingSystem os, string name, Func<int, bool> supportedMajor, string supported, bool minimumSeven)
        {
            if (os.Version is null)
            {
                return new CheckResult(AmiCheckNames.OperatingSystem, CheckStatus.Warning,
                    $"{name} (from {os.Source}) is a FIPS family, but its version is not stated; FIPS builds exist for {supported}.");
            }

            var parts = os.Version.Split('.');
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) || !supportedMajor(major))
            {
                return new CheckResult(AmiCheckNames.OperatingSystem, CheckStatus.Failed,
                    $"{name} (from {os.Source}) has no DKP FIPS build; FIPS builds exist for {supported}.");
            }

            // 7.x: only 7.9 is in the FIPS tables.
            if (minimumSeven && major == 7 && parts.Length > 1 && parts[1] != "9")
            {
                return new CheckResult(AmiCheckNames.OperatingSystem, CheckStatus.Failed,
                    $"{name} (from {os.Source}) has no DKP FIPS build; of the 7 line only 7.9 has one.");
            }

            return new CheckResult(AmiCheckNames.OperatingSystem, CheckStatus.Passed, $"{name} (from {os.Source}) carries DKP FIPS builds.");
        }

        private static bool Mentions(AmiImage image, string word) =>
            new[] { image.Name, image.Description }.Any(t => t is not null && t.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);
    }
}
