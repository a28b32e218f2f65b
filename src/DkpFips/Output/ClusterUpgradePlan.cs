using System.Linq;
using DkpFips.Core.Upgrade;

namespace DkpFips
{
    /// <summary>
    /// The FIPS-preserving upgrade Update-DkpFipsCluster runs (or would run) for one cluster:
    /// dkp update controlplane, then dkp update nodepool for each pool.
    /// </summary>
    public sealed class ClusterUpgradePlan
    {
        internal ClusterUpgradePlan(UpgradePlan plan, FipsClusterReport? currentState, string kubeProxyImage, string awsCredentialSource)
        {
            ClusterName = plan.ClusterName;
            Provider = plan.Provider;
            CurrentVersion = plan.CurrentVersion.ToKubernetesFlag();
            KubernetesVersion = plan.TargetVersion.ToKubernetesFlag();
            MachineImage = plan.MachineImage;
            NodePools = plan.NodePools.ToArray();
            FipsBuild = plan.Build is null ? null : new FipsBuild(plan.Build);
            InCatalog = plan.Build is not null;
            CurrentState = currentState;
            KubeProxyImage = kubeProxyImage;
            AwsCredentialSource = awsCredentialSource;
            Steps = plan.Steps.Select((s, i) => new ClusterUpgradeStep(i + 1, s, "Planned")).ToArray();
        }

        public string ClusterName { get; }

        /// <summary>aws or vsphere.</summary>
        public string Provider { get; }

        /// <summary>The version the cluster runs now, e.g. v1.22.8+fips.0.</summary>
        public string CurrentVersion { get; }

        /// <summary>The --kubernetes-version value of every step, e.g. v1.23.7+fips.0.</summary>
        public string KubernetesVersion { get; }

        /// <summary>The FIPS AMI id or VM template the new machines boot.</summary>
        public string MachineImage { get; }

        /// <summary>The node pools upgraded after the control plane.</summary>
        public string[] NodePools { get; }

        /// <summary>The catalog build of the target; empty when -Force planned a build the catalog lacks.</summary>
        public FipsBuild? FipsBuild { get; }

        public bool InCatalog { get; }

        /// <summary>The Test-DkpFipsCluster report of the cluster before the upgrade; empty when it was not read.</summary>
        public FipsClusterReport? CurrentState { get; }

        /// <summary>The image kube-proxy must run after the upgrade.</summary>
        public string KubeProxyImage { get; }

        /// <summary>Where the AWS credentials dkp gets come from (-AwsCredential, with a session token or not; a profile; or this session's environment); never their values.</summary>
        public string AwsCredentialSource { get; }

        /// <summary>Every dkp update step, in the order they run, with its arguments.</summary>
        public ClusterUpgradeStep[] Steps { get; }

        public override string ToString() => $"{ClusterName}: {CurrentVersion} -> {KubernetesVersion} ({Steps.Length} step(s))";
    }
}
