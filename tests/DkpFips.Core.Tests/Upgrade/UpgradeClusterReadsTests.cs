using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Tests.Cluster;
using DkpFips.Core.Upgrade;
using DkpFips.Kubernetes;
using KubeApiDouble;
using Xunit;

namespace DkpFips.Core.Tests.Upgrade
{
    /// <summary>
    /// The reads around an upgrade, through the real KubernetesClient against the loopback API
    /// double: the management cluster's Cluster API objects, the workload cluster (a kubeconfig
    /// file or its Secret), the compliance before and after, and each way a read fails.
    /// </summary>
    public class UpgradeClusterReadsTests
    {
        private const string Name = Scenarios.ClusterName;
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

        private readonly List<UpgradeNotice> notices = new List<UpgradeNotice>();

        private UpgradeClusterReads Reads(UpgradeClusterTarget target) => new UpgradeClusterReads(new KubernetesClusterReader(), FipsCatalog.BuiltIn, target, notices.Add);

        private static UpgradeClusterTarget Target(LoopbackCluster? management = null, LoopbackCluster? workload = null, string? imageRepository = null) =>
            new UpgradeClusterTarget(Name, null, management?.Connection(), workload?.Connection(), null, imageRepository, Timeout);

        private static ReportedClusterState Report(bool compliant, string? cluster = Name, params string[] failed) =>
            new ReportedClusterState(cluster, "v1.22.8+fips.0", compliant, compliant ? "34 passed" : $"{failed.Length} failed, 30 passed", failed);

        // The plan of the upgrade the workload double has been through: v1.22.8+fips.0 -> v1.23.7+fips.0.
        private static UpgradePlan Plan() => new UpgradePlanBuilder(FipsCatalog.BuiltIn).Build(
            new UpgradeRequest(new ClusterOptions { ClusterName = Name, Provider = "aws", KubernetesVersion = "v1.23.7+fips.0", AmiId = "ami-0a1b2c3d4e5f60718" })
            {
                CurrentVersion = "v1.22.8+fips.0",
                NodePools = new[] { "md-0" },
            });

        private static Fixture ManagementWithSecret(string key, byte[] content)
        {
            var fixture = Scenarios.Create("compliant");
            fixture.Secrets[$"{Scenarios.Namespace}/{Name}-kubeconfig"] = () => new Dictionary<string, byte[]> { [key] = content };
            return fixture;
        }

        [Fact]
        public void Without_a_report_the_given_version_is_the_start()
        {
            Assert.Equal("v1.22.8+fips.0", UpgradeClusterReads.StartVersion(Name, null, "v1.22.8+fips.0"));
            Assert.Null(UpgradeClusterReads.StartVersion(Name, null, null));
        }

        [Fact]
        public void A_compliant_report_gives_its_version_unless_one_was_given()
        {
            Assert.Equal("v1.22.8+fips.0", UpgradeClusterReads.StartVersion(Name, Report(true), null));
            Assert.Equal("v1.21.6+fips.0", UpgradeClusterReads.StartVersion(Name, Report(true), "v1.21.6+fips.0"));
        }

        [Fact]
        public void A_report_that_finds_the_cluster_not_FIPS_is_refused_naming_each_failed_check_once()
        {
            var piped = new object();
            var reported = new ReportedClusterState(Name, "v1.22.8+fips.0", false, "2 failed, 30 passed", new[] { "NodeOs worker-2", "NodeOs worker-2", "EtcdImage" }, piped);
            var ex = Assert.Throws<UpgradePlanException>(() => UpgradeClusterReads.StartVersion(Name, reported, "v1.22.8+fips.0"));
            Assert.Equal(ErrorKind.ClusterNotFips, ex.Kind);
            Assert.Same(piped, ex.Target);
            Assert.StartsWith($"Cluster '{Name}': the piped Test-DkpFipsCluster report finds it not FIPS compliant (2 failed, 30 passed; failed: NodeOs worker-2, EtcdImage)", ex.Message);
            Assert.Contains("see the report's Failures", ex.RecommendedAction);
        }

        [Fact]
        public void A_not_compliant_report_without_listed_failures_says_so()
        {
            var ex = Assert.Throws<UpgradePlanException>(() => UpgradeClusterReads.StartVersion(Name, Report(false), null));
            Assert.Contains("failed: none listed", ex.Message);
            Assert.IsType<ReportedClusterState>(ex.Target);
        }

        [Fact]
        public void A_report_of_another_cluster_is_refused()
        {
            var ex = Assert.Throws<UpgradePlanException>(() => UpgradeClusterReads.StartVersion(Name, Report(true, "other-cluster"), null));
            Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
            Assert.Equal($"The piped report is of cluster 'other-cluster', not '{Name}': its version is not this cluster's.", ex.Message);
        }

        [Fact]
        public void A_report_without_a_cluster_name_is_taken_for_this_cluster()
        {
            Assert.Equal("v1.22.8+fips.0", UpgradeClusterReads.StartVersion(Name, Report(true, " "), null));
        }

        [Fact]
        public void Without_either_cluster_nothing_is_read_and_a_warning_says_it_was_not_checked()
        {
            var start = new UpgradeClusterReads(null, FipsCatalog.BuiltIn, Target(), notices.Add).ReadBefore(CancellationToken.None);
            Assert.Null(start.Failure);
            Assert.Null(start.Management);
            Assert.Null(start.Workload);
            Assert.Null(start.CurrentState);
            var notice = Assert.Single(notices);
            Assert.Equal(UpgradeNoticeKind.NotCheckedBeforeUpgrade, notice.Kind);
            Assert.Contains("was not checked before the upgrade", notice.Message);
        }

        [Fact]
        public void A_workload_kubeconfig_is_checked_against_its_own_version()
        {
            using var workload = new LoopbackCluster("compliant");
            var start = Reads(Target(workload: workload)).ReadBefore(CancellationToken.None);
            Assert.Null(start.Failure);
            Assert.Null(start.Management);
            Assert.Equal(workload.KubeconfigPath, start.Workload!.KubeconfigPath);
            Assert.True(start.CurrentState!.IsFipsCompliant);
            Assert.Equal(6, start.CurrentState.NodeCount);
            Assert.Equal(new[] { UpgradeNoticeKind.Reading }, notices.Select(n => n.Kind));
            Assert.Contains(workload.KubeconfigPath, notices[0].Message);
        }

        [Fact]
        public void A_workload_that_is_not_FIPS_is_reported_so_for_the_planner_to_refuse()
        {
            using var workload = new LoopbackCluster("mixed");
            var start = Reads(Target(workload: workload)).ReadBefore(CancellationToken.None);
            Assert.False(start.CurrentState!.IsFipsCompliant);
            var ex = Assert.Throws<UpgradePlanException>(() => new UpgradePlanBuilder(FipsCatalog.BuiltIn).Build(
                new UpgradeRequest(new ClusterOptions { ClusterName = Name, KubernetesVersion = "1.24", AmiId = "ami-0a1b2c3d4e5f60718" }) { CurrentVersion = "v1.23.7+fips.0", NodePools = new[] { "md-0" } }, start.Management, start.CurrentState));
            Assert.Equal(ErrorKind.ClusterNotFips, ex.Kind);
        }

        [Fact]
        public void The_workload_kubeconfig_comes_from_its_Secret_on_the_management_cluster()
        {
            using var workloadServer = new KubeApiServer(Scenarios.Create("mixed"));
            using var management = new LoopbackCluster(ManagementWithSecret("value", Encoding.UTF8.GetBytes(workloadServer.Kubeconfig("test-token"))));
            var start = Reads(Target(management)).ReadBefore(CancellationToken.None);
            Assert.Null(start.Failure);
            Assert.NotNull(start.Management!.ControlPlane);
            Assert.False(start.Workload!.IsFile);
            Assert.Equal($"Secret default/{Name}-kubeconfig on the management cluster", start.Workload.KubeconfigPath);
            // The mixed workload (an Ubuntu worker) is checked, not the compliant management cluster.
            Assert.False(start.CurrentState!.IsFipsCompliant);
            Assert.Equal(new[] { UpgradeNoticeKind.Reading, UpgradeNoticeKind.Reading, UpgradeNoticeKind.Reading }, notices.Select(n => n.Kind));
            Assert.Contains("kept in memory only", notices[1].Message);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_missing_or_forbidden_Secret_is_a_warning_and_the_Cluster_API_objects_are_checked(bool forbidden)
        {
            var fixture = Scenarios.Create("capi-nonfips");
            if (forbidden)
            {
                fixture.Denied.Add("get secrets");
            }

            using var management = new LoopbackCluster(fixture);
            var start = Reads(Target(management)).ReadBefore(CancellationToken.None);
            Assert.Null(start.Failure);
            Assert.Null(start.Workload);
            Assert.Equal(0, start.CurrentState!.NodeCount);
            Assert.Equal("v1.23.7", start.CurrentState.KubernetesVersion);
            Assert.False(start.CurrentState.IsFipsCompliant);
            var warning = Assert.Single(notices, n => n.Kind == UpgradeNoticeKind.WorkloadKubeconfigUnreadable);
            Assert.Contains("only its Cluster API objects are checked", warning.Message);
        }

        [Fact]
        public void An_unreachable_management_cluster_fails_the_start_before_anything_else_is_read()
        {
            var dead = LoopbackCluster.DeadServerKubeconfig();
            try
            {
                var target = new UpgradeClusterTarget(Name, "team-a", new ClusterConnection(dead, null, TimeSpan.FromSeconds(5)), null, null, null, Timeout);
                var start = Reads(target).ReadBefore(CancellationToken.None);
                var failure = start.Failure!;
                Assert.Equal(ErrorKind.ClusterUnreachable, failure.Error.Kind);
                Assert.Equal(dead, failure.Kubeconfig);
                Assert.StartsWith($"Cluster '{Name}': ", failure.Message);
                Assert.EndsWith("Nothing was upgraded after this point.", failure.Message);
                Assert.Null(start.Management);
                Assert.Equal(new[] { UpgradeNoticeKind.Reading, UpgradeNoticeKind.ReadFailed }, notices.Select(n => n.Kind));
                Assert.Contains("in namespace 'team-a'", notices[0].Message);
                Assert.Same(failure, notices[1].ReadFailure);
            }
            finally
            {
                System.IO.File.Delete(dead);
            }
        }

        [Fact]
        public void A_Secret_that_cannot_be_used_fails_the_start_naming_the_management_kubeconfig()
        {
            using var management = new LoopbackCluster(ManagementWithSecret("kubeconfig", Encoding.UTF8.GetBytes("x")));
            var start = Reads(Target(management)).ReadBefore(CancellationToken.None);
            var failure = start.Failure!;
            Assert.Equal(ErrorKind.KubeconfigInvalid, failure.Error.Kind);
            Assert.Equal(management.KubeconfigPath, failure.Kubeconfig);
            Assert.EndsWith("Nothing was upgraded.", failure.Message);
            Assert.DoesNotContain(notices, n => n.Kind == UpgradeNoticeKind.WorkloadKubeconfigUnreadable);
        }

        [Fact]
        public void A_workload_that_cannot_be_read_fails_the_start()
        {
            var fixture = Scenarios.Create("compliant");
            fixture.Denied.Add("list nodes");
            using var workload = new LoopbackCluster(fixture);
            var failure = Reads(Target(workload: workload)).ReadBefore(CancellationToken.None).Failure!;
            Assert.Equal(ErrorKind.ClusterPermissionDenied, failure.Error.Kind);
            Assert.Equal(workload.KubeconfigPath, failure.Kubeconfig);
        }

        [Fact]
        public void A_cancelled_read_ends_with_OperationCanceledException()
        {
            using var workload = new LoopbackCluster("compliant");
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => Reads(Target(workload: workload)).ReadBefore(cancelled.Token));
        }

        [Fact]
        public void Verify_checks_the_upgraded_cluster_against_the_plan_target_with_its_Cluster_API_objects()
        {
            using var cluster = new LoopbackCluster("compliant");
            var verified = Reads(Target(cluster, cluster)).Verify(cluster.Connection(), Plan(), CancellationToken.None);
            Assert.Empty(verified.Failures);
            Assert.True(verified.ClusterApiChecked);
            Assert.True(verified.Report!.IsFipsCompliant);
            Assert.Equal(UpgradeNoticeKind.Reading, Assert.Single(notices).Kind);
        }

        [Fact]
        public void Verify_fails_a_cluster_still_on_the_old_version()
        {
            using var workload = new LoopbackCluster("v1.22");
            var verified = Reads(Target(workload: workload)).Verify(workload.Connection(), Plan(), CancellationToken.None);
            Assert.False(verified.ClusterApiChecked);
            Assert.False(verified.Report!.IsFipsCompliant);
            Assert.Contains(verified.Report.Checks, c => c.IsProblem && (c.Message ?? string.Empty).Contains("v1.23.7"));
        }

        [Fact]
        public void Verify_goes_on_from_the_workload_when_the_management_cluster_cannot_be_read()
        {
            using var workload = new LoopbackCluster("compliant");
            var dead = LoopbackCluster.DeadServerKubeconfig();
            try
            {
                var target = new UpgradeClusterTarget(Name, null, new ClusterConnection(dead, null, TimeSpan.FromSeconds(5)), workload.Connection(), null, null, Timeout);
                var verified = Reads(target).Verify(workload.Connection(), Plan(), CancellationToken.None);
                var failure = Assert.Single(verified.Failures);
                Assert.Same(failure, Assert.Single(notices, n => n.Kind == UpgradeNoticeKind.ReadFailed).ReadFailure);
                Assert.Equal(dead, failure.Kubeconfig);
                Assert.Equal(ErrorKind.ClusterUnreachable, failure.Error.Kind);
                Assert.False(verified.ClusterApiChecked);
                Assert.True(verified.Report!.IsFipsCompliant);
            }
            finally
            {
                System.IO.File.Delete(dead);
            }
        }

        [Fact]
        public void Verify_of_a_workload_that_cannot_be_read_has_no_report()
        {
            var fixture = Scenarios.Create("compliant");
            fixture.Denied.Add("list pods");
            using var workload = new LoopbackCluster(fixture);
            var verified = Reads(Target(workload: workload)).Verify(workload.Connection(), Plan(), CancellationToken.None);
            Assert.Null(verified.Report);
            Assert.Equal(ErrorKind.ClusterPermissionDenied, Assert.Single(verified.Failures).Error.Kind);
        }

        [Theory]
        [InlineData("https://Registry/x")]
        [InlineData("registry.local:99999/x")]
        public void A_mirror_that_is_not_an_image_repository_is_refused_as_a_create_refuses_it(string mirror)
        {
            var ex = Assert.Throws<ClusterPlanException>(() => Target(imageRepository: mirror));
            Assert.Equal(ErrorKind.InvalidImageRepository, ex.Kind);
            Assert.Equal("registry.example.internal:5000/mesosphere", Target(imageRepository: " registry.example.internal:5000/mesosphere ").ImageRepository!.Trim());
        }

        [Fact]
        public void The_runner_verifies_after_every_step_succeeded_and_reads_kube_proxy_through_the_same_reads()
        {
            using var cluster = new LoopbackCluster("compliant");
            var host = new SucceedingHost();
            var options = new UpgradeRunOptions { LogDirectory = "/logs", Stamp = "s", ImageRepository = "docker.io/mesosphere", Workload = cluster.Connection(), Verify = true };
            var outcome = new UpgradeRunner(Plan(), options, host, Reads(Target(cluster, cluster))).Run(CancellationToken.None);
            Assert.Equal(UpgradeStepStatus.Succeeded, outcome.Status);
            Assert.Equal(KubeProxyStatus.Current, outcome.KubeProxy);
            Assert.True(outcome.Verification!.Report!.IsFipsCompliant);
            Assert.True(outcome.Verification.ClusterApiChecked);
        }

        [Fact]
        public void The_runner_does_not_verify_after_a_failed_step_nor_without_Verify()
        {
            using var cluster = new LoopbackCluster("compliant");
            var options = new UpgradeRunOptions { LogDirectory = "/logs", Stamp = "s", ImageRepository = "docker.io/mesosphere", Workload = cluster.Connection(), Verify = true };
            var failed = new UpgradeRunner(Plan(), options, new SucceedingHost(Core.Process.RunStatus.Failed), Reads(Target(workload: cluster))).Run(CancellationToken.None);
            Assert.Equal(UpgradeStepStatus.Failed, failed.Status);
            Assert.Null(failed.Verification);
            options.Verify = false;
            Assert.Null(new UpgradeRunner(Plan(), options, new SucceedingHost(), Reads(Target(workload: cluster))).Run(CancellationToken.None).Verification);
            Assert.DoesNotContain(notices, n => n.Message.StartsWith("Verifying", StringComparison.Ordinal));
        }

        // Runs nothing: every dkp step ends as it is told (default succeeded).
        private sealed class SucceedingHost : IUpgradeHost
        {
            private readonly Core.Process.RunStatus status;

            public SucceedingHost(Core.Process.RunStatus status = Core.Process.RunStatus.Succeeded) => this.status = status;

            public Core.Process.ProcessRunResult Run(UpgradeCommandRun run) =>
                new Core.Process.ProcessRunResult(status, status == Core.Process.RunStatus.Succeeded ? 0 : 1, TimeSpan.FromSeconds(1), Array.Empty<string>(), null);

            public string? FindKubectl() => null;

            public void Notify(UpgradeNotice notice)
            {
            }
        }
    }
}
