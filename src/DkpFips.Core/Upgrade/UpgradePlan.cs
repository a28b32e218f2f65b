using System.Collections.Generic;
using DkpFips.Core.Catalog;
using DkpFips.Core.Process;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Upgrade
{
    /// <summary>What one step of an upgrade updates.</summary>
    public enum UpgradeStepKind
    {
        ControlPlane,
        NodePool,
    }

    /// <summary>One dkp update invocation.</summary>
    public sealed class UpgradeStep
    {
        public UpgradeStep(UpgradeStepKind kind, string name, CommandPlan command)
        {
            Kind = kind;
            Name = name;
            Command = command;
        }

        public UpgradeStepKind Kind { get; }

        /// <summary>"controlplane" or the node pool's name.</summary>
        public string Name { get; }

        public CommandPlan Command { get; }
    }

    /// <summary>A checked FIPS-preserving upgrade: the control plane first, then every node pool.</summary>
    public sealed class UpgradePlan
    {
        internal UpgradePlan(string clusterName, string provider, FipsVersion currentVersion, FipsVersion targetVersion, FipsBuildDefinition? build, string machineImage, IReadOnlyList<string> nodePools, IReadOnlyList<UpgradeStep> steps)
        {
            ClusterName = clusterName;
            Provider = provider;
            CurrentVersion = currentVersion;
            TargetVersion = targetVersion;
            Build = build;
            MachineImage = machineImage;
            NodePools = nodePools;
            Steps = steps;
        }

        public string ClusterName { get; }

        public string Provider { get; }

        public FipsVersion CurrentVersion { get; }

        public FipsVersion TargetVersion { get; }

        /// <summary>The catalog row of the target; null when -Force planned a target not in the catalog.</summary>
        public FipsBuildDefinition? Build { get; }

        /// <summary>The FIPS AMI id or VM template the new machines boot.</summary>
        public string MachineImage { get; }

        public IReadOnlyList<string> NodePools { get; }

        public IReadOnlyList<UpgradeStep> Steps { get; }

        /// <summary>The repository the cluster's Kubernetes images (kube-proxy's among them) come from: the mirror given, else the build's, else the default.</summary>
        public string KubernetesImageRepository(string? mirror) => mirror ?? Build?.KubernetesImageRepository ?? FipsBuildDefinition.DefaultRepository;
    }
}
