using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DkpFips.Core.Errors;

namespace DkpFips.Core.ImageBuilder
{
    /// <summary>
    /// A KIB image definition (<c>images/ami/rhel-84.yaml</c>, <c>images/ova/centos-79.yaml</c>)
    /// and the operating system it builds. Only Red Hat Enterprise Linux, CentOS and Oracle
    /// Linux have FIPS builds; every other family is refused with a specific error.
    /// </summary>
    public sealed class ImageDefinition
    {
        private static readonly Regex NamePattern = new Regex(
            @"^(?<family>[a-z]+?)[-_ ]?(?<version>[0-9][0-9.]*)?(?:[-_].*)?$", RegexOptions.CultureInvariant);

        private static readonly (string Key, string Display)[] FipsFamilies =
        {
            ("rhel", "RHEL"), ("centos", "CentOS"), ("oracle", "Oracle Linux"),
        };

        private static readonly (string Key, string Display)[] NonFipsFamilies =
        {
            ("ubuntu", "Ubuntu"), ("flatcar", "Flatcar"), ("rocky", "Rocky Linux"), ("sles", "SLES"),
            ("amazon", "Amazon Linux"), ("windows", "Windows"),
        };

        private ImageDefinition(string path, string platform, string family, string familyName, string? version)
        {
            Path = path;
            Platform = platform;
            Family = family;
            FamilyName = familyName;
            Version = version;
        }

        /// <summary>The image definition as KIB takes it (relative to its working folder, or absolute).</summary>
        public string Path { get; }

        /// <summary>aws or vsphere.</summary>
        public string Platform { get; }

        /// <summary>rhel, centos or oracle.</summary>
        public string Family { get; }

        /// <summary>The operating system as the catalog writes it, e.g. RHEL 8.4.</summary>
        public string OperatingSystem => Version is null ? FamilyName : FamilyName + " " + Version;

        private string FamilyName { get; }

        /// <summary>The OS version, e.g. 8.4; null when the name carries none.</summary>
        public string? Version { get; }

        /// <summary>The folder of KIB's image definitions for a platform.</summary>
        public static string FolderOf(string platform) => platform == KibPlatform.Vsphere ? "images/ova" : "images/ami";

        /// <summary>An image definition file given by path: its OS comes from the file name.</summary>
        public static ImageDefinition FromPath(string path, string platform)
        {
            var name = System.IO.Path.GetFileNameWithoutExtension(path.Replace('\\', '/').Split('/').Last());
            var (family, display, version) = Classify(name, path);
            return new ImageDefinition(path, platform, family, display, version);
        }

        /// <summary>
        /// An operating system (rhel-8.4, RHEL 8.4, rhel-84, Red Hat Enterprise Linux 8.4, centos 7.9,
        /// Oracle Linux 7.9) resolved to KIB's image definition under images/ami or images/ova.
        /// </summary>
        public static ImageDefinition FromOperatingSystem(string operatingSystem, string platform)
        {
            var text = operatingSystem.Trim().ToLowerInvariant()
                .Replace("red hat enterprise linux", "rhel")
                .Replace("oracle linux", "oracle")
                .Replace("amazon linux", "amazon")
                .Replace(" rhck", string.Empty);
            var (family, display, version) = Classify(text, operatingSystem);
            if (version is null)
            {
                throw new KibException(
                    ErrorKind.UnknownOperatingSystem,
                    $"'{operatingSystem}' names no operating system version: give one such as rhel-8.4, centos-7.9 or oracle-7.9, or the image definition path.",
                    operatingSystem);
            }

            var file = FolderOf(platform) + "/" + family + "-" + version.Replace(".", string.Empty) + ".yaml";
            return new ImageDefinition(file, platform, family, display, version);
        }

        private static (string Family, string Display, string? Version) Classify(string name, string shown)
        {
            var match = NamePattern.Match(name.ToLowerInvariant());
            var family = match.Success ? match.Groups["family"].Value : name.ToLowerInvariant();
            if (family == "ol" || family == "oraclelinux")
            {
                family = "oracle";
            }
            else if (family == "redhat")
            {
                family = "rhel";
            }
            else if (family == "amzn" || family == "al" || family == "amazonlinux")
            {
                family = "amazon";
            }
            else if (family == "win")
            {
                family = "windows";
            }

            var refused = NonFipsFamilies.FirstOrDefault(f => f.Key == family);
            if (refused.Key is not null)
            {
                throw new KibException(
                    ErrorKind.OperatingSystemNotFipsCapable,
                    $"'{shown}' builds {refused.Display}, which has no FIPS builds: DKP and NKP support FIPS mode on Red Hat Enterprise Linux, CentOS and Oracle Linux only.",
                    shown,
                    "Choose a RHEL, CentOS or Oracle Linux image definition, such as images/ami/rhel-84.yaml.");
            }

            var fips = FipsFamilies.FirstOrDefault(f => f.Key == family);
            if (fips.Key is null)
            {
                throw new KibException(
                    ErrorKind.UnknownOperatingSystem,
                    $"The operating system of '{shown}' is not recognised: expected a RHEL, CentOS or Oracle Linux image definition such as images/ami/rhel-84.yaml.",
                    shown);
            }

            var digits = match.Success && match.Groups["version"].Success ? match.Groups["version"].Value.TrimEnd('.') : null;
            return (fips.Key, fips.Display, ToVersion(digits));
        }

        // KIB file names drop the dot: 84 is 8.4, 810 is 8.10 (RHEL, CentOS and Oracle majors are one digit).
        private static string? ToVersion(string? digits)
        {
            if (string.IsNullOrEmpty(digits))
            {
                return null;
            }

            if (digits!.IndexOf('.') >= 0)
            {
                return digits;
            }

            return digits.Length == 1 ? digits : digits.Substring(0, 1) + "." + digits.Substring(1);
        }

        /// <summary>
        /// Operating systems with FIPS image definitions in KIB, as -OperatingSystem takes them.
        /// </summary>
        public static readonly string[] KnownFipsOperatingSystems =
        {
            "rhel-7.9", "rhel-8.2", "rhel-8.4", "rhel-8.6", "rhel-8.8", "rhel-8.10", "centos-7.9", "oracle-7.9", "oracle-8.9", "oracle-9.4",
        };

        /// <summary>The catalog's name of a packer distribution (rhel 8.4 is RHEL 8.4, oracle 7.9 is Oracle Linux 7.9).</summary>
        public static string? DisplayName(string? distribution, string? version)
        {
            if (string.IsNullOrWhiteSpace(distribution))
            {
                return null;
            }

            var key = distribution!.Trim().ToLowerInvariant();
            key = key == "ol" || key == "oraclelinux" ? "oracle" : key == "redhat" ? "rhel" : key;
            var family = FipsFamilies.Concat(NonFipsFamilies).FirstOrDefault(f => f.Key == key);
            var name = family.Display ?? distribution.Trim();
            return string.IsNullOrWhiteSpace(version) ? name : name + " " + version!.Trim();
        }

        /// <summary>
        /// Null when an image KIB reports as <paramref name="distribution"/> <paramref name="version"/>
        /// is a FIPS-capable OS and the one this definition asked for; otherwise what is wrong,
        /// and whether it is because the OS has no FIPS builds at all.
        /// </summary>
        public (string Problem, bool NotFips)? CheckBuilt(string? distribution, string? version)
        {
            if (string.IsNullOrWhiteSpace(distribution))
            {
                return null;
            }

            var key = distribution!.Trim().ToLowerInvariant();
            key = key == "ol" || key == "oraclelinux" ? "oracle" : key == "redhat" ? "rhel" : key;
            var shown = DisplayName(distribution, version);
            if (!FipsFamilies.Any(f => f.Key == key))
            {
                return ($"KIB reports the image built as {shown}, which has no FIPS builds: DKP and NKP support FIPS mode on RHEL, CentOS and Oracle Linux only.", true);
            }

            if (key != Family || (Version is not null && !string.IsNullOrWhiteSpace(version) && !version!.Trim().StartsWith(Version, StringComparison.Ordinal)))
            {
                return ($"KIB reports the image built as {shown}, but {OperatingSystem} was asked for ({Path}).", false);
            }

            return null;
        }

        public override string ToString() => Path;
    }
}
