namespace DkpFips.Core.Aws
{
    /// <summary>One named check of an AMI and why it came out as it did.</summary>
    public sealed class AmiCheck
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

        public AmiCheck(string name, AmiCheckStatus status, string message)
        {
            Name = name;
            Status = status;
            Message = message;
        }

        public string Name { get; }

        public AmiCheckStatus Status { get; }

        public string Message { get; }

        public override string ToString() => $"{Name}: {Status}: {Message}";
    }
}
