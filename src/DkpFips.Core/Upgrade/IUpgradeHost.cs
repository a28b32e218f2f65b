using DkpFips.Core.Process;

namespace DkpFips.Core.Upgrade
{
    /// <summary>
    /// What the upgrade engine needs from its caller: runs of tools, the kubectl program and
    /// somewhere to tell what happened (the clusters are read by <see cref="UpgradeClusterReads"/>).
    /// The cmdlet implements it and turns each call into PowerShell streams; the engine holds the
    /// order of the steps, the kube-proxy decisions and the verification.
    /// </summary>
    public interface IUpgradeHost
    {
        /// <summary>Runs one command (a dkp update step, kubectl set image) and returns how it ended.</summary>
        ProcessRunResult Run(UpgradeCommandRun run);

        /// <summary>The kubectl program to repair kube-proxy with; null when not found (the host told why).</summary>
        string? FindKubectl();

        void Notify(UpgradeNotice notice);
    }

    /// <summary>One command for the host to run, with what its progress shows.</summary>
    public sealed class UpgradeCommandRun
    {
        public UpgradeCommandRun(string name, CommandPlan command, string logPath, string operation, int percent)
        {
            Name = name;
            Command = command;
            LogPath = logPath;
            Operation = operation;
            Percent = percent;
        }

        /// <summary>"&lt;cluster&gt; &lt;step&gt;", the prefix of its verbose lines.</summary>
        public string Name { get; }

        public CommandPlan Command { get; }

        public string LogPath { get; }

        public string Operation { get; }

        public int Percent { get; }
    }

    public enum UpgradeNoticeKind
    {
        /// <summary>A dkp update step did not succeed; the later steps are not run.</summary>
        StepFailed,

        /// <summary>kube-proxy runs the new image (verbose).</summary>
        KubeProxyCurrent,

        /// <summary>-RepairKubeProxy cannot run: the workload kubeconfig is in memory only (warning).</summary>
        KubeProxyNotRepairable,

        /// <summary>kube-proxy runs another image; the repair command is told (warning).</summary>
        KubeProxyLeftBehind,

        /// <summary>kubectl set image failed (error).</summary>
        KubeProxyRepairFailed,

        /// <summary>What is read now, from where (verbose).</summary>
        Reading,

        /// <summary>The kubeconfig Secret is missing or forbidden: only the Cluster API objects are checked (warning).</summary>
        WorkloadKubeconfigUnreadable,

        /// <summary>Neither cluster was at hand, so a cluster that is not FIPS cannot be refused (warning).</summary>
        NotCheckedBeforeUpgrade,

        /// <summary>A read of a cluster failed (error); <see cref="UpgradeNotice.ReadFailure"/> tells which and why.</summary>
        ReadFailed,
    }

    /// <summary>Something the engine tells the user, worded once here.</summary>
    public sealed class UpgradeNotice
    {
        public UpgradeNotice(UpgradeNoticeKind kind, string message, UpgradeStepOutcome? step = null)
        {
            Kind = kind;
            Message = message;
            Step = step;
        }

        public UpgradeNotice(UpgradeReadFailure failure)
            : this(UpgradeNoticeKind.ReadFailed, failure.Message)
        {
            ReadFailure = failure;
        }

        public UpgradeNoticeKind Kind { get; }

        public string Message { get; }

        /// <summary>The failed step (StepFailed).</summary>
        public UpgradeStepOutcome? Step { get; }

        /// <summary>The failed read (ReadFailed).</summary>
        public UpgradeReadFailure? ReadFailure { get; }
    }
}
