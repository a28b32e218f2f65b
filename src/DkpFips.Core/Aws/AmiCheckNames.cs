namespace DkpFips.Core.Aws
{
    /// <summary>The names of the checks Test-FipsAmi makes, in the order they are reported.</summary>
    public static class AmiCheckNames
    {
        public const string Exists = "Exists";
        public const string State = "State";
        public const string Architecture = "Architecture";
        public const string OperatingSystem = "OperatingSystem";
        public const string FipsBuild = "FipsBuild";
        public const string ExpectedBuild = "ExpectedBuild";
        public const string Deprecation = "Deprecation";
        public const string Ownership = "Ownership";

        /// <summary>Every check, in the order they are reported.</summary>
        public static readonly string[] All = { Exists, State, Architecture, OperatingSystem, FipsBuild, ExpectedBuild, Deprecation, Ownership };
    }
}
