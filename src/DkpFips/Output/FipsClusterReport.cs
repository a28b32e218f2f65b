using System.Linq;
using DkpFips.Core.Cluster;

namespace DkpFips
{
    /// <summary>Test-DkpFipsCluster's verdict on one cluster.</summary>
    public sealed class FipsClusterReport
    {
        internal FipsClusterReport(ClusterComplianceReport report, string context, bool clusterApiChecked)
        {
            ClusterName = report.ClusterName;
            Context = context;
            KubernetesVersion = report.KubernetesVersion;
            EtcdVersion = report.EtcdVersion;
            IsFipsCompliant = report.IsFipsCompliant;
            NodeCount = report.NodeCount;
            ClusterApiChecked = clusterApiChecked;
            Checks = report.Checks.Select(c => new FipsClusterCheck(c)).ToArray();
            Failures = Checks.Where(c => c.Status == "Fail" || c.Status == "Error").ToArray();
            var counts = report.Checks.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Count());
            Summary = string.Join(", ", new[] { FipsCheckStatus.Fail, FipsCheckStatus.Error, FipsCheckStatus.Warning, FipsCheckStatus.Pass }
                .Where(counts.ContainsKey)
                .Select(s => counts[s] + " " + s.ToString().ToLowerInvariant() + (s == FipsCheckStatus.Pass ? "ed" : s == FipsCheckStatus.Fail ? "ed" : counts[s] == 1 ? string.Empty : "s")));
        }

        public string ClusterName { get; }

        /// <summary>The kubeconfig context read.</summary>
        public string Context { get; }

        /// <summary>What the API server reports, e.g. v1.23.7+fips.0.</summary>
        public string KubernetesVersion { get; }

        /// <summary>From the etcd image tag, e.g. 3.4.13+fips.0; null when no etcd pod is visible.</summary>
        public string? EtcdVersion { get; }

        /// <summary>True only when every check passed (warnings allowed) and nothing failed to be read.</summary>
        public bool IsFipsCompliant { get; }

        public int NodeCount { get; }

        /// <summary>True when the Cluster API objects on the management cluster were checked too.</summary>
        public bool ClusterApiChecked { get; }

        /// <summary>Counts by status, e.g. "1 failed, 2 warnings, 31 passed".</summary>
        public string Summary { get; }

        /// <summary>Every check, failures first.</summary>
        public FipsClusterCheck[] Checks { get; }

        /// <summary>The checks that failed or could not be made.</summary>
        public FipsClusterCheck[] Failures { get; }

        public override string ToString() => $"{ClusterName}: {(IsFipsCompliant ? "FIPS compliant" : "NOT FIPS compliant")} ({Failures.Length} failure(s), {Checks.Length} checks)";
    }
}
