using System;
using System.Linq;
using DkpFips.Core.Upgrade;

namespace DkpFips
{
    /// <summary>The outcome of upgrading one FIPS cluster with Update-DkpFipsCluster.</summary>
    public sealed class ClusterUpgradeResult
    {
        internal ClusterUpgradeResult(ClusterUpgradePlan plan, UpgradeOutcome outcome, FipsClusterReport? verification)
        {
            ClusterName = plan.ClusterName;
            Status = outcome.Status.ToString();
            CurrentVersion = plan.CurrentVersion;
            KubernetesVersion = plan.KubernetesVersion;
            Steps = outcome.Steps.Select(s => new ClusterUpgradeStep(s.Order, s.Step, s.Status.ToString(), s.Result?.ExitCode, s.Result?.Duration, s.LogPath)).ToArray();
            KubeProxyStatus = outcome.KubeProxy.ToString();
            KubeProxyLeftBehind = outcome.KubeProxyLeftBehind.Select(c => new FipsCheck(c)).ToArray();
            KubeProxyRepairCommand = outcome.KubeProxyRepairCommand;
            Verification = verification;
            IsFipsCompliant = verification?.IsFipsCompliant;
            Plan = plan;
        }

        public string ClusterName { get; }

        /// <summary>Succeeded, Failed, TimedOut or Cancelled (of the dkp steps).</summary>
        public string Status { get; }

        /// <summary>When the upgrade finished (UTC); Export-DkpFipsReport shows it.</summary>
        public DateTime CheckedAt { get; } = DateTime.UtcNow;

        /// <summary>The version before the upgrade.</summary>
        public string CurrentVersion { get; }

        /// <summary>The version upgraded to.</summary>
        public string KubernetesVersion { get; }

        /// <summary>Every step with its outcome.</summary>
        public ClusterUpgradeStep[] Steps { get; }

        /// <summary>After the control-plane step: Current, LeftBehind, Repaired, RepairFailed or NotChecked (no -Kubeconfig, or the step did not succeed).</summary>
        public string KubeProxyStatus { get; }

        /// <summary>The kube-proxy pods found on another image than the new FIPS build.</summary>
        public FipsCheck[] KubeProxyLeftBehind { get; }

        /// <summary>The kubectl command that moves kube-proxy to the new FIPS image, when it was left behind.</summary>
        public string? KubeProxyRepairCommand { get; }

        /// <summary>With -Verify: the Test-DkpFipsCluster report after the upgrade.</summary>
        public FipsClusterReport? Verification { get; }

        /// <summary>With -Verify: whether the upgraded cluster is FIPS compliant; empty otherwise.</summary>
        public bool? IsFipsCompliant { get; }

        public ClusterUpgradePlan Plan { get; }

        public override string ToString() => $"{ClusterName}: {Status} ({CurrentVersion} -> {KubernetesVersion})";
    }
}
