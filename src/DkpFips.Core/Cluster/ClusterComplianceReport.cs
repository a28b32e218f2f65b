using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Evidence;

namespace DkpFips.Core.Cluster
{
    /// <summary>The verdict on one cluster: every check, failures first.</summary>
    public sealed class ClusterComplianceReport
    {
        public ClusterComplianceReport(string clusterName, string kubernetesVersion, string? etcdVersion, int nodeCount, IEnumerable<CheckResult> checks)
        {
            ClusterName = clusterName;
            KubernetesVersion = kubernetesVersion;
            EtcdVersion = etcdVersion;
            NodeCount = nodeCount;
            Checks = checks.Select((c, i) => (c, i)).OrderBy(x => x.c.Status).ThenBy(x => x.i).Select(x => x.c).ToArray();
        }

        public string ClusterName { get; }

        public string KubernetesVersion { get; }

        public string? EtcdVersion { get; }

        public int NodeCount { get; }

        /// <summary>Failures first, then errors, warnings and passes; within each, in check order.</summary>
        public IReadOnlyList<CheckResult> Checks { get; }

        /// <summary>True only when there are checks and none failed or could not be made.</summary>
        public bool IsFipsCompliant => Checks.Count > 0 && Checks.All(c => c.Status == CheckStatus.Passed || c.Status == CheckStatus.Warning);

        /// <summary>A copy with more checks (e.g. an Error for a read that failed).</summary>
        public ClusterComplianceReport With(IEnumerable<CheckResult> more) =>
            new ClusterComplianceReport(ClusterName, KubernetesVersion, EtcdVersion, NodeCount, Checks.Concat(more));
    }
}
