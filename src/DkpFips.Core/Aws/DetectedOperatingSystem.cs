namespace DkpFips.Core.Aws
{
    /// <summary>Operating system families an AMI can carry, as far as the FIPS rules care.</summary>
    public enum OperatingSystemFamily
    {
        Unknown,
        Rhel,
        CentOS,
        OracleLinux,
        Ubuntu,
        AmazonLinux,
        Flatcar,
        Windows,
        Rocky,
        AlmaLinux,
        Debian,
        Suse,
    }

    /// <summary>An operating system read from an AMI, and where it was read from.</summary>
    public sealed class DetectedOperatingSystem
    {
        public DetectedOperatingSystem(OperatingSystemFamily family, string? version, string source)
        {
            Family = family;
            Version = version;
            Source = source;
        }

        public OperatingSystemFamily Family { get; }

        /// <summary>e.g. 8.4; null when the source names no version.</summary>
        public string? Version { get; }

        /// <summary>Where it was read: the distribution tags, the name, the description or PlatformDetails.</summary>
        public string Source { get; }

        public string DisplayName => Version is null ? FamilyName(Family) : FamilyName(Family) + " " + Version;

        public static string FamilyName(OperatingSystemFamily family) => family switch
        {
            OperatingSystemFamily.Rhel => "RHEL",
            OperatingSystemFamily.CentOS => "CentOS",
            OperatingSystemFamily.OracleLinux => "Oracle Linux",
            OperatingSystemFamily.Ubuntu => "Ubuntu",
            OperatingSystemFamily.AmazonLinux => "Amazon Linux",
            OperatingSystemFamily.Flatcar => "Flatcar",
            OperatingSystemFamily.Windows => "Windows",
            OperatingSystemFamily.Rocky => "Rocky Linux",
            OperatingSystemFamily.AlmaLinux => "AlmaLinux",
            OperatingSystemFamily.Debian => "Debian",
            OperatingSystemFamily.Suse => "SUSE",
            _ => "unknown",
        };

        public override string ToString() => DisplayName + " (from " + Source + ")";
    }
}
