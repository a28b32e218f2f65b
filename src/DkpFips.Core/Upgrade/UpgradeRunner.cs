using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using DkpFips.Core.Cluster;
using DkpFips.Core.Evidence;
using DkpFips.Core.Process;

namespace DkpFips.Core.Upgrade
{
    /// <summary>
    /// Runs a checked upgrade plan: the control plane, then each node pool, stopping at the first
    /// step that does not succeed (the rest are NotRun); after the control plane, kube-proxy is
    /// checked and, when asked and possible, repaired; after every step succeeded, the cluster is
    /// verified when asked.
    /// </summary>
    public sealed class UpgradeRunner
    {
        private readonly UpgradePlan plan;
        private readonly UpgradeRunOptions options;
        private readonly IUpgradeHost host;
        private readonly UpgradeClusterReads? reads;

        /// <param name="reads">The reads of the cluster (kube-proxy, -Verify); null when no cluster is at hand.</param>
        public UpgradeRunner(UpgradePlan plan, UpgradeRunOptions options, IUpgradeHost host, UpgradeClusterReads? reads = null)
        {
            this.plan = plan;
            this.options = options;
            this.host = host;
            this.reads = reads;
        }

        public UpgradeOutcome Run(CancellationToken cancellationToken = default)
        {
            var steps = plan.Steps;
            var outcomes = new List<UpgradeStepOutcome>();
            var status = UpgradeStepStatus.Succeeded;
            var kubeProxy = (Status: KubeProxyStatus.NotChecked, LeftBehind: (IReadOnlyList<CheckResult>)new CheckResult[0], RepairCommand: (string?)null);
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                if (status != UpgradeStepStatus.Succeeded)
                {
                    outcomes.Add(new UpgradeStepOutcome(i + 1, step, UpgradeStepStatus.NotRun));
                    continue;
                }

                var logPath = Path.Combine(options.LogDirectory, $"{plan.ClusterName}-update-{i + 1}-{step.Name}-{options.Stamp}.log");
                var operation = $"Step {i + 1} of {steps.Count}: dkp update {step.Kind.ToString().ToLowerInvariant()} {step.Name}";
                var result = host.Run(new UpgradeCommandRun($"{plan.ClusterName} {step.Name}", step.Command, logPath, operation, i * 100 / steps.Count));
                var outcome = new UpgradeStepOutcome(i + 1, step, StepStatus(result.Status), result, logPath);
                outcomes.Add(outcome);
                if (outcome.Status != UpgradeStepStatus.Succeeded)
                {
                    status = outcome.Status;
                    host.Notify(new UpgradeNotice(UpgradeNoticeKind.StepFailed, $"dkp update {step.Kind.ToString().ToLowerInvariant()} ({step.Name}) of '{plan.ClusterName}'", outcome));
                    continue;
                }

                if (step.Kind == UpgradeStepKind.ControlPlane && options.Workload is { } workload && reads is not null)
                {
                    kubeProxy = CheckKubeProxy(reads, workload, cancellationToken);
                }
            }

            var verification = options.Verify && status == UpgradeStepStatus.Succeeded && options.Workload is { } upgraded && reads is not null
                ? reads.Verify(upgraded, plan, cancellationToken)
                : null;
            return new UpgradeOutcome(status, outcomes, kubeProxy.Status, kubeProxy.LeftBehind, kubeProxy.RepairCommand, verification);
        }

        private static UpgradeStepStatus StepStatus(RunStatus status) => status switch
        {
            RunStatus.Succeeded => UpgradeStepStatus.Succeeded,
            RunStatus.Cancelled => UpgradeStepStatus.Cancelled,
            RunStatus.TimedOut => UpgradeStepStatus.TimedOut,
            _ => UpgradeStepStatus.Failed,
        };

        private (KubeProxyStatus Status, IReadOnlyList<CheckResult> LeftBehind, string? RepairCommand) CheckKubeProxy(UpgradeClusterReads reads, ClusterConnection workload, CancellationToken cancellationToken)
        {
            var state = reads.ReadWorkload(workload, cancellationToken);
            if (state is null)
            {
                return (KubeProxyStatus.NotChecked, new CheckResult[0], null);
            }

            // kubectl needs a kubeconfig file, and one read from the Secret is never written: the
            // command then names the file `dkp get kubeconfig -c <cluster>` writes, never the default
            // kubeconfig (which may be the management cluster's).
            var cluster = plan.ClusterName;
            var file = workload.IsFile ? workload.KubeconfigPath : null;
            var kubectlKubeconfig = file ?? cluster + ".conf";
            var image = KubeProxyRepair.Image(plan.TargetVersion, options.ImageRepository);
            var failed = KubeProxyRepair.LeftBehind(state, plan.TargetVersion, options.ImageRepository);
            if (failed.Count == 0)
            {
                host.Notify(new UpgradeNotice(UpgradeNoticeKind.KubeProxyCurrent, $"[{cluster}] kube-proxy runs {image}."));
                return (KubeProxyStatus.Current, failed, null);
            }

            var repair = options.RepairKubeProxy && file is not null;
            if (options.RepairKubeProxy && file is null)
            {
                host.Notify(new UpgradeNotice(UpgradeNoticeKind.KubeProxyNotRepairable, $"[{cluster}] kube-proxy is not repaired: its kubeconfig was read from the management cluster and is never written for kubectl. Give -Kubeconfig with -RepairKubeProxy, or write {kubectlKubeconfig} with dkp get kubeconfig -c {cluster} and run the repair command."));
            }

            var kubectl = repair ? host.FindKubectl() : options.KubectlPath ?? "kubectl";
            var command = KubeProxyRepair.Command(kubectl ?? options.KubectlPath ?? "kubectl", plan.TargetVersion, options.ImageRepository, kubectlKubeconfig, options.Context);
            var line = command.ToCommandLine(ShellKind.Pwsh);
            if (kubectl is null)
            {
                return (KubeProxyStatus.LeftBehind, failed, line);
            }

            if (!repair)
            {
                host.Notify(new UpgradeNotice(UpgradeNoticeKind.KubeProxyLeftBehind, $"[{cluster}] {failed.Count} kube-proxy pod(s) still run another image than {image} after the control-plane upgrade (as DKP 2.1 to 2.2 left it). Fix it with -RepairKubeProxy or: {line}"));
                return (KubeProxyStatus.LeftBehind, failed, line);
            }

            var logPath = Path.Combine(options.LogDirectory, $"{cluster}-update-kube-proxy-{options.Stamp}.log");
            var result = host.Run(new UpgradeCommandRun($"{cluster} kube-proxy", command, logPath, "Repairing kube-proxy", 50));
            if (result.Status == RunStatus.Succeeded)
            {
                return (KubeProxyStatus.Repaired, failed, line);
            }

            host.Notify(new UpgradeNotice(UpgradeNoticeKind.KubeProxyRepairFailed, $"kubectl set image for kube-proxy of '{cluster}' ended {result.Status} (exit code {result.ExitCode?.ToString() ?? "none"}). Log: {logPath}"));
            return (KubeProxyStatus.RepairFailed, failed, line);
        }
    }
}
