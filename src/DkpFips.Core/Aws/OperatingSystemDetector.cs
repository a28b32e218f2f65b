using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using DkpFips.Core.Text;

namespace DkpFips.Core.Aws
{
    /// <summary>
    /// Reads the operating system of an AMI from, in order of trust: KIB's <c>distribution</c> and
    /// <c>distribution_version</c> tags, the image name, the description, and EC2's
    /// PlatformDetails / Platform. The first source that names a family wins.
    /// </summary>
    public static class OperatingSystemDetector
    {
        private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

        // Order matters: "Red Hat" before the generic patterns; "rhel" as a word so that it
        // is not found inside other words.
        private static readonly (OperatingSystemFamily Family, Regex Pattern)[] Families =
        {
            (OperatingSystemFamily.Windows, new Regex(@"windows", Options)),
            (OperatingSystemFamily.Rocky, new Regex(@"rocky", Options)),
            (OperatingSystemFamily.AlmaLinux, new Regex(@"alma ?linux", Options)),
            (OperatingSystemFamily.Flatcar, new Regex(@"flatcar", Options)),
            (OperatingSystemFamily.Ubuntu, new Regex(@"ubuntu", Options)),
            (OperatingSystemFamily.AmazonLinux, new Regex(@"amzn|amazon[ -]?linux|\bal20\d\d\b", Options)),
            (OperatingSystemFamily.Debian, new Regex(@"debian", Options)),
            (OperatingSystemFamily.Suse, new Regex(@"\bsles\b|suse", Options)),
            (OperatingSystemFamily.OracleLinux, new Regex(@"oracle|(^|[^a-z])ol[ -]?[6-9]([^0-9]|$)", Options)),
            (OperatingSystemFamily.CentOS, new Regex(@"centos", Options)),
            (OperatingSystemFamily.Rhel, new Regex(@"red ?hat|(^|[^a-z])rhel([^a-z]|$)", Options)),
        };

        // A version right after the family word: "rhel-8.4", "RHEL-8.6.0_HVM", "centos 7.9", "ol8.9", "rhel-84".
        private static readonly Regex VersionAfterFamily = new Regex(
            @"(red ?hat( enterprise linux)?|rhel|centos|oracle( ?linux)?|\bol|ubuntu|rocky|flatcar|amzn|amazon ?linux|windows_server|windows server)[^0-9]{0,12}(?<v>[0-9]+(\.[0-9]+)?)",
            Options | RegexOptions.ExplicitCapture);

        public static DetectedOperatingSystem? Detect(AmiImage image)
        {
            if (image is null)
            {
                throw new ArgumentNullException(nameof(image));
            }

            var distribution = image.Tag("distribution");
            if (!string.IsNullOrWhiteSpace(distribution))
            {
                var family = FamilyOf(distribution!);
                if (family != OperatingSystemFamily.Unknown)
                {
                    var version = image.Tag("distribution_version");
                    return new DetectedOperatingSystem(family, GivenText.OrNull(version), "the distribution tags");
                }
            }

            foreach (var (text, source) in new[] { (image.Name, "the name"), (image.Description, "the description") })
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                var family = FamilyOf(text!);
                if (family != OperatingSystemFamily.Unknown)
                {
                    return new DetectedOperatingSystem(family, VersionIn(text!, family), source);
                }
            }

            if (string.Equals(image.Platform, "windows", StringComparison.OrdinalIgnoreCase))
            {
                return new DetectedOperatingSystem(OperatingSystemFamily.Windows, null, "Platform");
            }

            if (!string.IsNullOrWhiteSpace(image.PlatformDetails))
            {
                var family = FamilyOf(image.PlatformDetails!);
                if (family != OperatingSystemFamily.Unknown)
                {
                    return new DetectedOperatingSystem(family, null, "PlatformDetails");
                }
            }

            return null;
        }

        public static OperatingSystemFamily FamilyOf(string text)
        {
            foreach (var (family, pattern) in Families)
            {
                if (pattern.IsMatch(text))
                {
                    return family;
                }
            }

            return OperatingSystemFamily.Unknown;
        }

        private static string? VersionIn(string text, OperatingSystemFamily family)
        {
            foreach (Match match in VersionAfterFamily.Matches(text))
            {
                if (FamilyOf(match.Value) != family)
                {
                    continue;
                }

                var version = match.Groups["v"].Value;
                // "rhel-84" (KIB's vSphere naming) means 8.4.
                if (version.Length == 2 && version.IndexOf('.') < 0 && family != OperatingSystemFamily.Ubuntu && family != OperatingSystemFamily.Windows)
                {
                    version = version[0] + "." + version[1];
                }

                return version;
            }

            return null;
        }
    }
}
