using System;
using System.Linq;
using DkpFips.Core.Cluster;
using DkpFips.Core.Process;
using DkpFips.Infrastructure;

namespace DkpFips
{
    /// <summary>The outcome of creating (or dry-running) one FIPS cluster with New-DkpFipsCluster.</summary>
    public sealed class ClusterCreateResult
    {
        internal ClusterCreateResult(ClusterPlan plan, string status, int? exitCode, TimeSpan duration, string? logPath, DryRunCheck[]? checks, string? kubeconfigPath = null, string? managementKubeconfig = null, string? namespaceName = null)
        {
            ManagementKubeconfig = managementKubeconfig;
            Namespace = namespaceName;
            KubeconfigPath = kubeconfigPath;
            ClusterName = plan.ClusterName;
            Status = status;
            ExitCode = exitCode;
            Duration = duration;
            LogPath = logPath;
            Plan = plan;
            Checks = checks ?? Array.Empty<DryRunCheck>();
        }

        /// <summary>
        /// The result of a run that ended. A new cluster with its own kubeconfig file is reached by
        /// it; any other through the management cluster it was created on (never by a default
        /// kubeconfig, which is that management cluster).
        /// </summary>
        internal static ClusterCreateResult Finished(ClusterPlan plan, ClusterCreateOutcome outcome, ProcessRunResult result, string? logPath) =>
            new ClusterCreateResult(plan, outcome.Status.ToString(), result.ExitCode, result.Duration, logPath,
                outcome.Checks.Select(c => new DryRunCheck(c.Kind, c.Name, c.Field, c.Expected, c.Actual, c.Passed)).ToArray(),
                outcome.KubeconfigPath, outcome.KubeconfigPath is null ? outcome.Plan.ManagementKubeconfig ?? DefaultKubeconfig.Path() : null, outcome.Plan.Namespace);

        public string ClusterName { get; }

        /// <summary>Succeeded, Failed, Cancelled, TimedOut or Skipped.</summary>
        public string Status { get; }

        /// <summary>dkp's exit code; empty when it did not run to its end.</summary>
        public int? ExitCode { get; }

        public TimeSpan Duration { get; }

        /// <summary>When dkp finished (UTC); Export-DkpFipsReport shows it.</summary>
        public DateTime CheckedAt { get; } = DateTime.UtcNow;

        /// <summary>The file holding dkp's output for this cluster (secrets masked).</summary>
        public string? LogPath { get; }

        public ClusterPlan Plan { get; }

        /// <summary>The kubeconfig of the new cluster, when dkp wrote one (&lt;cluster&gt;.conf in the working directory, e.g. with --self-managed).</summary>
        public string? KubeconfigPath { get; }

        /// <summary>
        /// The management cluster dkp created the cluster on (its --kubeconfig, else the default
        /// kubeconfig dkp used), when dkp wrote no KubeconfigPath: piped to Test-/Update-DkpFipsCluster,
        /// the new cluster is then reached through its kubeconfig Secret there, never read as if it
        /// were the management cluster.
        /// </summary>
        public string? ManagementKubeconfig { get; }

        /// <summary>The namespace of the cluster's objects on the management cluster; empty for dkp's default.</summary>
        public string? Namespace { get; }

        /// <summary>With -DryRun: each FIPS check of the Cluster API objects dkp printed.</summary>
        public DryRunCheck[] Checks { get; }

        public override string ToString() =>
            ExitCode is null ? $"{ClusterName}: {Status}" : $"{ClusterName}: {Status} (exit code {ExitCode})";
    }
}
