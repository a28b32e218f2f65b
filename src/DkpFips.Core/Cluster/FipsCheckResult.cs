namespace DkpFips.Core.Cluster
{
    /// <summary>Outcome of one check, in the order a report lists them (failures first).</summary>
    public enum FipsCheckStatus
    {
        /// <summary>The cluster is not FIPS here.</summary>
        Fail = 0,

        /// <summary>The check could not be made (a read failed): the report cannot be compliant.</summary>
        Error = 1,

        /// <summary>FIPS, but something an auditor should look at (a lagging node pool, an AMI id that only AWS can vouch for).</summary>
        Warning = 2,

        Pass = 3,
    }

    /// <summary>One check of one object.</summary>
    public sealed class FipsCheckResult
    {
        public FipsCheckResult(string name, FipsCheckStatus status, string message, string target)
        {
            Name = name;
            Status = status;
            Message = message;
            Target = target;
        }

        /// <summary>What was checked, e.g. <c>KubeletVersion</c>.</summary>
        public string Name { get; }

        public FipsCheckStatus Status { get; }

        public string Message { get; }

        /// <summary>The object checked, e.g. <c>node/ip-10-0-1-5</c>.</summary>
        public string Target { get; }

        public override string ToString() => $"{Status} {Name} {Target}: {Message}";
    }
}
