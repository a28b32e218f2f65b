using System.Collections.Generic;
using DkpFips.Core.Cluster;

namespace DkpFips.Core.Upgrade
{
    /// <summary>A read of a cluster that failed: the read's own failure, the kubeconfig read and what it means for the upgrade.</summary>
    public sealed class UpgradeReadFailure
    {
        public UpgradeReadFailure(ClusterReadException error, string kubeconfig, string message)
        {
            Error = error;
            Kubeconfig = kubeconfig;
            Message = message;
        }

        public ClusterReadException Error { get; }

        /// <summary>The kubeconfig file (or the Secret it came from) of the failed read.</summary>
        public string Kubeconfig { get; }

        /// <summary>The failure worded for the user: the cluster, the read's message and what was not done.</summary>
        public string Message { get; }
    }

    /// <summary>What was read before the upgrade, or the read that failed (then nothing is upgraded).</summary>
    public sealed class UpgradeStart
    {
        public UpgradeStart(ManagementClusterState? management, ClusterConnection? workload, ClusterComplianceReport? currentState, UpgradeReadFailure? failure = null)
        {
            Management = management;
            Workload = workload;
            CurrentState = currentState;
            Failure = failure;
        }

        /// <summary>The cluster's Cluster API objects; null without a management cluster.</summary>
        public ManagementClusterState? Management { get; }

        /// <summary>The workload cluster: -Kubeconfig, or its kubeconfig Secret; null when neither is at hand.</summary>
        public ClusterConnection? Workload { get; }

        /// <summary>The compliance before the upgrade, from the workload cluster, else the Cluster API objects; null when not checked.</summary>
        public ClusterComplianceReport? CurrentState { get; }

        /// <summary>The read that failed; when set, the upgrade must not be planned.</summary>
        public UpgradeReadFailure? Failure { get; }
    }

    /// <summary>The compliance after the upgrade (-Verify), with the reads that failed on the way.</summary>
    public sealed class UpgradeVerification
    {
        public UpgradeVerification(ClusterComplianceReport? report, bool clusterApiChecked, IReadOnlyList<UpgradeReadFailure> failures)
        {
            Report = report;
            ClusterApiChecked = clusterApiChecked;
            Failures = failures;
        }

        /// <summary>Null when the workload cluster could not be read.</summary>
        public ClusterComplianceReport? Report { get; }

        /// <summary>True when the Cluster API objects were read and checked too.</summary>
        public bool ClusterApiChecked { get; }

        public IReadOnlyList<UpgradeReadFailure> Failures { get; }
    }
}
