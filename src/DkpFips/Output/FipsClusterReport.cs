using System;
using System.Linq;
using DkpFips.Core.Cluster;
using DkpFips.Core.Evidence;
using DkpFips.Core.Upgrade;

namespace DkpFips
{
    /// <summary>Test-DkpFipsCluster's verdict on one cluster.</summary>
    public sealed class FipsClusterReport
    {
        internal FipsClusterReport(ClusterComplianceReport report, string context, bool clusterApiChecked)
        {
            ClusterName = report.ClusterName;
            Context = context;
            CurrentVersion = report.KubernetesVersion;
            EtcdVersion = report.EtcdVersion;
            IsFipsCompliant = report.IsFipsCompliant;
            NodeCount = report.NodeCount;
            ClusterApiChecked = clusterApiChecked;
            Checks = report.Checks.Select(c => new FipsCheck(c)).ToArray();
            Failures = report.Checks.Where(c => c.IsProblem).Select(c => new FipsCheck(c)).ToArray();
            Summary = CheckSummary.Describe(report.Checks);
        }

        public string ClusterName { get; }

        /// <summary>The kubeconfig context read.</summary>
        public string Context { get; }

        /// <summary>
        /// The version the cluster runs now, as the API server reports it (e.g. v1.23.7+fips.0).
        /// Named as Update-DkpFipsCluster's -CurrentVersion, so a report piped there is the upgrade's starting point.
        /// </summary>
        public string CurrentVersion { get; }

        /// <summary>From the etcd image tag, e.g. 3.4.13+fips.0; null when no etcd pod is visible.</summary>
        public string? EtcdVersion { get; }

        /// <summary>True only when every check passed (warnings allowed) and nothing failed to be read.</summary>
        public bool IsFipsCompliant { get; }

        public int NodeCount { get; }

        /// <summary>When the checks ran (UTC); Export-DkpFipsReport shows it.</summary>
        public DateTime CheckedAt { get; } = DateTime.UtcNow;

        /// <summary>True when the Cluster API objects on the management cluster were checked too.</summary>
        public bool ClusterApiChecked { get; }

        /// <summary>Counts by status, e.g. "1 failed, 2 warnings, 31 passed".</summary>
        public string Summary { get; }

        /// <summary>Every check, failures first.</summary>
        public FipsCheck[] Checks { get; }

        /// <summary>The checks that failed or could not be made.</summary>
        public FipsCheck[] Failures { get; }

        /// <summary>The report as the upgrade engine decides on it (a piped report is the upgrade's start).</summary>
        internal ReportedClusterState ToReportedState() =>
            new ReportedClusterState(ClusterName, CurrentVersion, IsFipsCompliant, Summary, Failures.Select(c => c.Target.Length == 0 ? c.Name : $"{c.Name} {c.Target}"), this);

        public override string ToString() => $"{ClusterName}: {(IsFipsCompliant ? "FIPS compliant" : "NOT FIPS compliant")} ({Failures.Length} failure(s), {Checks.Length} checks)";
    }
}
