using System;
using DkpFips.Core.Cluster;

namespace DkpFips.Core.Upgrade
{
    /// <summary>Where the clusters of an upgrade are read: the management cluster and the workload cluster.</summary>
    public sealed class UpgradeClusterTarget
    {
        /// <exception cref="ClusterPlanException">The mirror is not an image repository (the same rule as a create).</exception>
        public UpgradeClusterTarget(string clusterName, string? namespaceName, ClusterConnection? management, ClusterConnection? workload, string? workloadContext, string? imageRepository, TimeSpan timeout)
        {
            if (!string.IsNullOrWhiteSpace(imageRepository))
            {
                Cluster.ImageRepository.Validate(imageRepository!.Trim());
            }

            ClusterName = clusterName;
            Namespace = string.IsNullOrWhiteSpace(namespaceName) ? "default" : namespaceName!;
            Management = management;
            Workload = workload;
            WorkloadContext = workloadContext;
            ImageRepository = imageRepository;
            Timeout = timeout;
        }

        public string ClusterName { get; }

        /// <summary>The namespace of the cluster's objects on the management cluster (default: default).</summary>
        public string Namespace { get; }

        /// <summary>The management cluster (-ManagementKubeconfig); null when not given.</summary>
        public ClusterConnection? Management { get; }

        /// <summary>The workload cluster's kubeconfig file (-Kubeconfig); null: its Secret on the management cluster.</summary>
        public ClusterConnection? Workload { get; }

        /// <summary>The context of a workload kubeconfig read from the Secret; null for its current context.</summary>
        public string? WorkloadContext { get; }

        /// <summary>The mirror the cluster's FIPS images come from, as given; null for the build's own.</summary>
        public string? ImageRepository { get; }

        /// <summary>For each read.</summary>
        public TimeSpan Timeout { get; }
    }
}
