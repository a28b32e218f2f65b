using DkpFips.Core.Evidence;

namespace DkpFips
{
    /// <summary>
    /// One check of Test-FipsAmi, Test-DkpFipsCluster or Update-DkpFipsCluster: what was checked, on
    /// which object, and the verdict. Export-DkpFipsReport reads these.
    /// </summary>
    public sealed class FipsCheck
    {
        internal FipsCheck(CheckResult result)
        {
            Name = result.Name;
            Status = result.Status.ToString();
            Message = result.Message;
            Target = result.Target ?? string.Empty;
        }

        /// <summary>Failed, Error (the check could not be made), Warning, Skipped or Passed.</summary>
        public string Status { get; }

        /// <summary>The check, e.g. OperatingSystem, KubeletVersion, KubeProxyImage.</summary>
        public string Name { get; }

        /// <summary>The object checked when the target has several, e.g. node/worker-2; empty for the target itself.</summary>
        public string Target { get; }

        public string Message { get; }

        public override string ToString() => Target.Length == 0 ? $"{Status} {Name}: {Message}" : $"{Status} {Name} {Target}: {Message}";
    }
}
