using System.Collections.Generic;
using DkpFips.Core.Evidence;
using DkpFips.Core.Process;

namespace DkpFips.Core.Upgrade
{
    /// <summary>How one dkp update step ended: a run's status, or NotRun when an earlier step failed.</summary>
    public enum UpgradeStepStatus
    {
        Succeeded,
        Failed,
        Cancelled,
        TimedOut,
        NotRun,
    }

    /// <summary>kube-proxy after the control-plane upgrade.</summary>
    public enum KubeProxyStatus
    {
        /// <summary>No workload cluster to read, it could not be read, or the control plane was not upgraded.</summary>
        NotChecked,

        /// <summary>Every kube-proxy pod runs the new FIPS image.</summary>
        Current,

        /// <summary>Some run another image; the repair command is given, not run.</summary>
        LeftBehind,

        /// <summary>kubectl set image moved kube-proxy to the new image.</summary>
        Repaired,

        /// <summary>kubectl set image was run and failed.</summary>
        RepairFailed,
    }

    /// <summary>One step of a run upgrade.</summary>
    public sealed class UpgradeStepOutcome
    {
        public UpgradeStepOutcome(int order, UpgradeStep step, UpgradeStepStatus status, ProcessRunResult? result = null, string? logPath = null)
        {
            Order = order;
            Step = step;
            Status = status;
            Result = result;
            LogPath = logPath;
        }

        /// <summary>1 for the control plane, then the node pools in order.</summary>
        public int Order { get; }

        public UpgradeStep Step { get; }

        public UpgradeStepStatus Status { get; }

        /// <summary>The run's result; null for a step not run.</summary>
        public ProcessRunResult? Result { get; }

        public string? LogPath { get; }
    }

    /// <summary>What a run upgrade did: its steps and kube-proxy's state after the control plane.</summary>
    public sealed class UpgradeOutcome
    {
        public UpgradeOutcome(UpgradeStepStatus status, IReadOnlyList<UpgradeStepOutcome> steps, KubeProxyStatus kubeProxy, IReadOnlyList<CheckResult> kubeProxyLeftBehind, string? kubeProxyRepairCommand, UpgradeVerification? verification = null)
        {
            Verification = verification;
            Status = status;
            Steps = steps;
            KubeProxy = kubeProxy;
            KubeProxyLeftBehind = kubeProxyLeftBehind;
            KubeProxyRepairCommand = kubeProxyRepairCommand;
        }

        /// <summary>Succeeded, or the status of the step that failed.</summary>
        public UpgradeStepStatus Status { get; }

        public IReadOnlyList<UpgradeStepOutcome> Steps { get; }

        public KubeProxyStatus KubeProxy { get; }

        /// <summary>The failed kube-proxy image checks (empty when Current or not checked).</summary>
        public IReadOnlyList<CheckResult> KubeProxyLeftBehind { get; }

        /// <summary>The kubectl command (PowerShell line) that moves kube-proxy to the new image.</summary>
        public string? KubeProxyRepairCommand { get; }

        /// <summary>With <see cref="UpgradeRunOptions.Verify"/> after steps that all succeeded: the cluster checked against the target; else null.</summary>
        public UpgradeVerification? Verification { get; }
    }
}
