using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Process;
using DkpFips.Core.Upgrade;
using Xunit;

namespace DkpFips.Core.Tests.Upgrade
{
    public class UpgradeRunnerTests
    {
        private const string Repository = "docker.io/mesosphere";

        // A real plan (control plane then two pools, v1.21.6+fips.0 -> v1.22.8+fips.0); the host records
        // what the engine asks of it and answers with the runs' statuses it is given.
        private static UpgradePlan Plan() => new UpgradePlanBuilder(FipsCatalog.BuiltIn).Build(
            new UpgradeRequest(new ClusterOptions { ClusterName = "fips-1", Provider = "aws", KubernetesVersion = "v1.22.8+fips.0", AmiId = "ami-0a1b2c3d4e5f60718" })
            {
                CurrentVersion = "v1.21.6+fips.0",
                NodePools = new[] { "md-0", "md-1" },
                Executable = "dkp",
            });

        private static WorkloadClusterState Cluster(params string[] kubeProxyTags) => new WorkloadClusterState("fips-1", "v1.22.8+fips.0", Array.Empty<NodeInfo>(),
            kubeProxyTags.Select((tag, i) => new PodInfo("kube-proxy-" + i, "n", new Dictionary<string, string> { ["k8s-app"] = "kube-proxy" }, new[] { new ContainerInfo("kube-proxy", Repository + "/kube-proxy:" + tag) })).ToArray(), 1);

        // The workload cluster: a kubeconfig file, or (file: null) one read from its Secret, in memory only.
        private static UpgradeRunOptions Options(bool checkKubeProxy = false, string? file = "/k/fips-1.conf", bool repair = false) => new UpgradeRunOptions
        {
            LogDirectory = "/logs",
            Stamp = "20260101-000000",
            ImageRepository = Repository,
            Workload = !checkKubeProxy ? null
                : file is null ? ClusterConnection.FromSecret(new WorkloadKubeconfig("fips-1", "default", "apiVersion: v1"), null, TimeSpan.FromSeconds(30))
                : new ClusterConnection(file, null, TimeSpan.FromSeconds(30)),
            RepairKubeProxy = repair,
        };

        private static UpgradeClusterReads Reads(RecordingHost host) =>
            new UpgradeClusterReads(host, FipsCatalog.BuiltIn, new UpgradeClusterTarget("fips-1", null, null, null, null, null, TimeSpan.FromSeconds(30)), host.ReadNotices.Add);

        [Fact]
        public void RunsTheControlPlaneThenEachPoolWithALogEach()
        {
            var host = new RecordingHost();
            var outcome = new UpgradeRunner(Plan(), Options(), host, Reads(host)).Run();
            Assert.Equal(UpgradeStepStatus.Succeeded, outcome.Status);
            Assert.Equal(new[] { "fips-1 controlplane", "fips-1 md-0", "fips-1 md-1" }, host.Runs.Select(r => r.Name));
            Assert.Equal(new[] { 0, 33, 66 }, host.Runs.Select(r => r.Percent));
            Assert.Equal("/logs/fips-1-update-2-md-0-20260101-000000.log", host.Runs[1].LogPath.Replace('\\', '/'));
            Assert.Equal(new[] { 1, 2, 3 }, outcome.Steps.Select(s => s.Order));
            Assert.Equal(KubeProxyStatus.NotChecked, outcome.KubeProxy);
            Assert.Equal(0, host.Reads);
            Assert.Empty(host.Notices);
        }

        [Fact]
        public void AFailedStepStopsTheRestAsNotRunAndIsTold()
        {
            var host = new RecordingHost(RunStatus.Succeeded, RunStatus.TimedOut);
            var outcome = new UpgradeRunner(Plan(), Options(), host, Reads(host)).Run();
            Assert.Equal(UpgradeStepStatus.TimedOut, outcome.Status);
            Assert.Equal(new[] { UpgradeStepStatus.Succeeded, UpgradeStepStatus.TimedOut, UpgradeStepStatus.NotRun }, outcome.Steps.Select(s => s.Status));
            Assert.Equal(2, host.Runs.Count);
            Assert.Null(outcome.Steps[2].Result);
            var notice = Assert.Single(host.Notices);
            Assert.Equal(UpgradeNoticeKind.StepFailed, notice.Kind);
            Assert.Equal("dkp update nodepool (md-0) of 'fips-1'", notice.Message);
            Assert.Same(outcome.Steps[1], notice.Step);
        }

        [Fact]
        public void KubeProxyOnTheNewImageIsCurrent()
        {
            var host = new RecordingHost { Workload = Cluster("v1.22.8_fips.0") };
            var outcome = new UpgradeRunner(Plan(), Options(checkKubeProxy: true), host, Reads(host)).Run();
            Assert.Equal(KubeProxyStatus.Current, outcome.KubeProxy);
            Assert.Equal(1, host.Reads);
            Assert.Equal(UpgradeNoticeKind.KubeProxyCurrent, Assert.Single(host.Notices).Kind);
        }

        [Fact]
        public void AnUnreadableClusterLeavesKubeProxyNotChecked()
        {
            var host = new RecordingHost();
            var outcome = new UpgradeRunner(Plan(), Options(checkKubeProxy: true), host, Reads(host)).Run();
            Assert.Equal(KubeProxyStatus.NotChecked, outcome.KubeProxy);
            Assert.Equal(UpgradeStepStatus.Succeeded, outcome.Status);
            Assert.Null(outcome.KubeProxyRepairCommand);
            var told = Assert.Single(host.ReadNotices);
            Assert.Equal(UpgradeNoticeKind.ReadFailed, told.Kind);
            Assert.Equal("/k/fips-1.conf", told.ReadFailure!.Kubeconfig);
            Assert.Equal("Cluster 'fips-1': The API server did not answer. Nothing was upgraded after this point.", told.Message);
            Assert.Equal(3, host.Runs.Count);
        }

        [Fact]
        public void KubeProxyLeftBehindWithoutRepairGivesTheCommandAndRunsNothingMore()
        {
            var host = new RecordingHost { Workload = Cluster("v1.21.6_fips.0", "v1.22.8_fips.0") };
            var outcome = new UpgradeRunner(Plan(), Options(checkKubeProxy: true), host, Reads(host)).Run();
            Assert.Equal(KubeProxyStatus.LeftBehind, outcome.KubeProxy);
            Assert.Equal("pod/kube-proxy-0", Assert.Single(outcome.KubeProxyLeftBehind).Target);
            Assert.Contains("kube-proxy=docker.io/mesosphere/kube-proxy:v1.22.8_fips.0", outcome.KubeProxyRepairCommand);
            Assert.Contains("--kubeconfig=/k/fips-1.conf", outcome.KubeProxyRepairCommand);
            Assert.Equal(3, host.Runs.Count);
            Assert.Equal(0, host.KubectlLookups);
            Assert.Equal(UpgradeNoticeKind.KubeProxyLeftBehind, Assert.Single(host.Notices).Kind);
        }

        [Fact]
        public void RepairRunsKubectlAfterTheControlPlaneAndBeforeThePools()
        {
            var host = new RecordingHost { Workload = Cluster("v1.21.6_fips.0"), Kubectl = "/bin/kubectl" };
            var outcome = new UpgradeRunner(Plan(), Options(checkKubeProxy: true, repair: true), host, Reads(host)).Run();
            Assert.Equal(KubeProxyStatus.Repaired, outcome.KubeProxy);
            Assert.Equal(new[] { "fips-1 controlplane", "fips-1 kube-proxy", "fips-1 md-0", "fips-1 md-1" }, host.Runs.Select(r => r.Name));
            Assert.Equal("/bin/kubectl", host.Runs[1].Command.Executable);
            Assert.Empty(host.Notices);
        }

        [Fact]
        public void AFailedRepairIsToldAndThePoolsStillRun()
        {
            var host = new RecordingHost(RunStatus.Succeeded, RunStatus.Failed) { Workload = Cluster("v1.21.6_fips.0"), Kubectl = "kubectl" };
            var outcome = new UpgradeRunner(Plan(), Options(checkKubeProxy: true, repair: true), host, Reads(host)).Run();
            Assert.Equal(KubeProxyStatus.RepairFailed, outcome.KubeProxy);
            Assert.Equal(UpgradeStepStatus.Succeeded, outcome.Status);
            Assert.Equal(4, host.Runs.Count);
            Assert.StartsWith("kubectl set image for kube-proxy of 'fips-1' ended Failed", Assert.Single(host.Notices).Message);
        }

        [Fact]
        public void NoKubectlLeavesKubeProxyBehindWithTheCommand()
        {
            var host = new RecordingHost { Workload = Cluster("v1.21.6_fips.0"), Kubectl = null };
            var outcome = new UpgradeRunner(Plan(), Options(checkKubeProxy: true, repair: true), host, Reads(host)).Run();
            Assert.Equal(KubeProxyStatus.LeftBehind, outcome.KubeProxy);
            Assert.Equal(1, host.KubectlLookups);
            Assert.StartsWith("kubectl ", outcome.KubeProxyRepairCommand);
            Assert.Equal(3, host.Runs.Count);
            Assert.Empty(host.Notices);
        }

        [Fact]
        public void AKubeconfigInMemoryIsNeverRepairedAndTheCommandNamesTheFileDkpWrites()
        {
            var host = new RecordingHost { Workload = Cluster("v1.21.6_fips.0"), Kubectl = "kubectl" };
            var outcome = new UpgradeRunner(Plan(), Options(checkKubeProxy: true, file: null, repair: true), host, Reads(host)).Run();
            Assert.Equal(KubeProxyStatus.LeftBehind, outcome.KubeProxy);
            Assert.Contains("--kubeconfig=fips-1.conf", outcome.KubeProxyRepairCommand);
            Assert.Equal(0, host.KubectlLookups);
            Assert.Equal(new[] { UpgradeNoticeKind.KubeProxyNotRepairable, UpgradeNoticeKind.KubeProxyLeftBehind }, host.Notices.Select(n => n.Kind));
        }

        // The host, and the reader of the workload cluster: the state it is given, else a failed read.
        private sealed class RecordingHost : IUpgradeHost, IClusterReader
        {
            private readonly Queue<RunStatus> statuses;

            public RecordingHost(params RunStatus[] statuses) => this.statuses = new Queue<RunStatus>(statuses);

            public List<UpgradeCommandRun> Runs { get; } = new List<UpgradeCommandRun>();

            public List<UpgradeNotice> Notices { get; } = new List<UpgradeNotice>();

            public List<UpgradeNotice> ReadNotices { get; } = new List<UpgradeNotice>();

            public WorkloadClusterState? Workload { get; set; }

            public string? Kubectl { get; set; }

            public int Reads { get; private set; }

            public int KubectlLookups { get; private set; }

            public ProcessRunResult Run(UpgradeCommandRun run)
            {
                Runs.Add(run);
                var status = statuses.Count > 0 ? statuses.Dequeue() : RunStatus.Succeeded;
                return new ProcessRunResult(status, status == RunStatus.Succeeded ? 0 : status == RunStatus.Failed ? 1 : (int?)null, TimeSpan.FromSeconds(1), Array.Empty<string>(), null);
            }

            public Task<WorkloadClusterState> ReadWorkloadClusterAsync(ClusterConnection connection, CancellationToken cancellationToken)
            {
                Reads++;
                return Workload is null
                    ? Task.FromException<WorkloadClusterState>(new ClusterReadException(ErrorKind.ClusterUnreachable, "The API server did not answer."))
                    : Task.FromResult(Workload);
            }

            public Task<WorkloadKubeconfig> ReadWorkloadKubeconfigAsync(ClusterConnection management, string clusterName, string namespaceName, CancellationToken cancellationToken) =>
                throw new InvalidOperationException("The runner reads only the workload cluster.");

            public Task<ManagementClusterState> ReadManagementClusterAsync(ClusterConnection connection, string clusterName, string namespaceName, CancellationToken cancellationToken) =>
                throw new InvalidOperationException("The runner reads only the workload cluster.");

            public string? FindKubectl()
            {
                KubectlLookups++;
                return Kubectl;
            }

            public void Notify(UpgradeNotice notice) => Notices.Add(notice);
        }
    }
}
