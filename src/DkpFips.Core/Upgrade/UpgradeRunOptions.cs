using DkpFips.Core.Cluster;

namespace DkpFips.Core.Upgrade
{
    /// <summary>How a planned upgrade is run: where its logs go and what is done about kube-proxy.</summary>
    public sealed class UpgradeRunOptions
    {
        /// <summary>The folder of the per-step log files.</summary>
        public string LogDirectory { get; set; } = string.Empty;

        /// <summary>The time stamp in the log file names.</summary>
        public string Stamp { get; set; } = string.Empty;

        /// <summary>The Kubernetes image repository kube-proxy's image must come from.</summary>
        public string ImageRepository { get; set; } = string.Empty;

        /// <summary>
        /// The workload cluster, when known: kube-proxy is checked after the control plane, and
        /// kubectl is given its kubeconfig file (never one read from the Secret, in memory only).
        /// </summary>
        public ClusterConnection? Workload { get; set; }

        /// <summary>After the steps succeeded, check the cluster against the target (-Verify).</summary>
        public bool Verify { get; set; }

        /// <summary>The workload kubeconfig's context for kubectl; null for its current context.</summary>
        public string? Context { get; set; }

        /// <summary>The kubectl program given by the user; null for kubectl on PATH.</summary>
        public string? KubectlPath { get; set; }

        /// <summary>Run kubectl set image when kube-proxy is left behind.</summary>
        public bool RepairKubeProxy { get; set; }
    }
}
