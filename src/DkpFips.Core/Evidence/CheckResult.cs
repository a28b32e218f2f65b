namespace DkpFips.Core.Evidence
{
    /// <summary>One named check of one object and why it came out as it did.</summary>
    public sealed class CheckResult
    {
        public CheckResult(string name, CheckStatus status, string message, string? target = null)
        {
            Name = name;
            Status = status;
            Message = message;
            Target = target;
        }

        /// <summary>What was checked, e.g. <c>KubeletVersion</c> or <c>OperatingSystem</c>.</summary>
        public string Name { get; }

        public CheckStatus Status { get; }

        public string Message { get; }

        /// <summary>The object checked when a target has several, e.g. <c>node/ip-10-0-1-5</c>; null for the target itself.</summary>
        public string? Target { get; }

        /// <summary>True for the statuses that make a target not compliant.</summary>
        public bool IsProblem => Status == CheckStatus.Failed || Status == CheckStatus.Error;

        public override string ToString() => Target is null ? $"{Status} {Name}: {Message}" : $"{Status} {Name} {Target}: {Message}";
    }
}
