using DkpFips.Core.Catalog;
using DkpFips.Core.Process;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Cluster
{
    /// <summary>A checked <c>dkp create cluster</c> invocation: every FIPS flag decided and present.</summary>
    public sealed class ClusterCreatePlan
    {
        internal ClusterCreatePlan(
            string clusterName,
            string provider,
            FipsBuildDefinition build,
            FipsVersion kubernetesVersion,
            FipsVersion etcdVersion,
            string kubernetesImageRepository,
            string etcdImageRepository,
            string? machineImage,
            bool dryRun,
            CommandPlan command)
        {
            ClusterName = clusterName;
            Provider = provider;
            Build = build;
            KubernetesVersion = kubernetesVersion;
            EtcdVersion = etcdVersion;
            KubernetesImageRepository = kubernetesImageRepository;
            EtcdImageRepository = etcdImageRepository;
            MachineImage = machineImage;
            DryRun = dryRun;
            Command = command;
        }

        public string ClusterName { get; }

        public string Provider { get; }

        public FipsBuildDefinition Build { get; }

        public FipsVersion KubernetesVersion { get; }

        public FipsVersion EtcdVersion { get; }

        public string KubernetesImageRepository { get; }

        public string EtcdImageRepository { get; }

        /// <summary>The AMI id, VM template or override secret name.</summary>
        public string? MachineImage { get; }

        public bool DryRun { get; }

        public CommandPlan Command { get; }

        /// <summary>The management cluster's kubeconfig dkp is given (--kubeconfig); null when dkp uses its default.</summary>
        public string? ManagementKubeconfig { get; internal set; }

        /// <summary>The namespace of the cluster's objects on the management cluster (--namespace); null for dkp's default.</summary>
        public string? Namespace { get; internal set; }
    }
}
