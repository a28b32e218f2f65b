using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Evidence;
using DkpFips.Kubernetes;
using KubeApiDouble;
using Xunit;

namespace DkpFips.Core.Tests.Cluster
{
    /// <summary>The real KubernetesClient against the loopback API server double.</summary>
    public class KubernetesClusterReaderTests
    {
        private static ClusterComplianceReport CheckScenario(string scenario, string? imageRepository = null)
        {
            using var cluster = new LoopbackCluster(scenario);
            var reader = new KubernetesClusterReader();
            var workload = reader.ReadWorkloadClusterAsync(cluster.Connection(), CancellationToken.None).GetAwaiter().GetResult();
            var management = reader.ReadManagementClusterAsync(cluster.Connection(), Scenarios.ClusterName, Scenarios.Namespace, CancellationToken.None).GetAwaiter().GetResult();
            var expected = FipsExpectations.Resolve(FipsCatalog.BuiltIn, workload.ServerVersion, null, null, imageRepository, null);
            return ClusterComplianceChecker.Check(workload, management, expected);
        }

        [Fact]
        public async Task Reads_version_nodes_pods_and_the_Cluster_API_objects()
        {
            using var cluster = new LoopbackCluster("compliant");
            var reader = new KubernetesClusterReader();
            var workload = await reader.ReadWorkloadClusterAsync(cluster.Connection(), CancellationToken.None);
            Assert.Equal("fips-cluster", workload.ClusterName);
            Assert.Equal("v1.23.7+fips.0", workload.ServerVersion);
            Assert.Equal(6, workload.Nodes.Count);
            Assert.Equal(3, workload.Nodes.Count(n => n.IsControlPlane));
            Assert.Equal("Red Hat Enterprise Linux 8.4 (Ootpa)", workload.Nodes[0].OsImage);
            Assert.Contains(workload.KubeSystemPods, p => p.Containers.Any(c => c.Image == "docker.io/mesosphere/kube-proxy:v1.23.7_fips.0"));
            Assert.Equal(3, workload.RequestCount);

            var management = await reader.ReadManagementClusterAsync(cluster.Connection(), "fips-cluster", "default", CancellationToken.None);
            Assert.Equal("v1.23.7+fips.0", management.ControlPlane!.Version);
            Assert.Equal("docker.io/mesosphere", management.ControlPlane.ImageRepository);
            Assert.Equal("v3.4.13_fips.0", management.ControlPlane.EtcdImageTag);
            var deployment = Assert.Single(management.MachineDeployments);
            Assert.Equal("fips-cluster-md-0", deployment.Name);
            Assert.Equal(new[] { "ami-03dcaa75d45aca36f", "ami-03dcaa75d45aca36f" }, management.MachineTemplates.Select(t => t.Image));
        }

        [Fact]
        public async Task Pages_list_calls_with_limit_and_continue()
        {
            using var cluster = new LoopbackCluster("compliant");
            var paths = new ConcurrentQueue<string>();
            cluster.Server.RequestReceived += paths.Enqueue;
            var reader = new KubernetesClusterReader { PageSize = 4 };
            var workload = await reader.ReadWorkloadClusterAsync(cluster.Connection(), CancellationToken.None);

            Assert.Equal(6, workload.Nodes.Count);
            Assert.Equal(25, workload.KubeSystemPods.Count);
            Assert.Equal(workload.Nodes.Select(n => n.Name).Distinct().Count(), workload.Nodes.Count);
            // /version, 2 pages of nodes, 7 pages of pods.
            Assert.Equal(10, workload.RequestCount);
            Assert.Equal(2, paths.Count(p => p.StartsWith("GET /api/v1/nodes?", StringComparison.Ordinal)));
            Assert.Contains(paths, p => p.StartsWith("GET /api/v1/nodes?", StringComparison.Ordinal) && p.Contains("continue=") && p.Contains("limit=4"));
        }

        [Theory]
        [InlineData("compliant", true, null)]
        [InlineData("vsphere", true, null)]
        [InlineData("mixed", false, "KubeletVersion node/worker-2")]
        [InlineData("kubeproxy-left", false, "KubeProxyImage pod/kube-proxy-00001")]
        [InlineData("etcd-nonfips", false, "EtcdImage pod/etcd-control-plane-0")]
        [InlineData("mirror", false, "ApiServerImage pod/kube-apiserver-control-plane-0")]
        [InlineData("capi-nonfips", false, "ClusterApiControlPlane kubeadmcontrolplane/fips-cluster-control-plane")]
        public void Each_fixture_gets_its_verdict(string scenario, bool compliant, string? firstFailure)
        {
            var report = CheckScenario(scenario);
            Assert.Equal(compliant, report.IsFipsCompliant);
            if (firstFailure is not null)
            {
                Assert.Contains(report.Checks.Where(c => c.Status == CheckStatus.Failed), c => c.Name + " " + c.Target == firstFailure);
            }
        }

        [Fact]
        public void A_mirror_fixture_passes_with_its_mirror()
        {
            Assert.True(CheckScenario("mirror", "registry.example.internal:5000/mesosphere").IsFipsCompliant);
        }

        [Theory]
        [InlineData("list nodes", "list", "nodes", "")]
        [InlineData("list pods", "list", "pods", "")]
        public async Task A_missing_RBAC_permission_names_the_verb_and_resource(string deny, string verb, string resource, string group)
        {
            var fixture = Scenarios.Create("compliant");
            fixture.Denied.Add(deny);
            using var cluster = new LoopbackCluster(fixture);
            var ex = await Assert.ThrowsAsync<ClusterReadException>(() => new KubernetesClusterReader().ReadWorkloadClusterAsync(cluster.Connection(), CancellationToken.None));
            Assert.Equal(ErrorKind.ClusterPermissionDenied, ex.Kind);
            Assert.Equal(verb, ex.Verb);
            Assert.Equal(resource, ex.Resource);
            Assert.Equal(group, ex.ApiGroup);
            Assert.Contains($"may not {verb} {resource}", ex.Message);
            Assert.Contains($"cannot {verb} resource \\\"{resource}\\\"".Replace("\\", string.Empty), ex.Message);
        }

        [Fact]
        public async Task A_missing_Cluster_API_permission_names_its_group()
        {
            var fixture = Scenarios.Create("compliant");
            fixture.Denied.Add("get kubeadmcontrolplanes");
            using var cluster = new LoopbackCluster(fixture);
            var ex = await Assert.ThrowsAsync<ClusterReadException>(() => new KubernetesClusterReader().ReadManagementClusterAsync(cluster.Connection(), "fips-cluster", "default", CancellationToken.None));
            Assert.Equal(ErrorKind.ClusterPermissionDenied, ex.Kind);
            Assert.Equal("controlplane.cluster.x-k8s.io", ex.ApiGroup);
            Assert.Contains("get kubeadmcontrolplanes.controlplane.cluster.x-k8s.io in namespace default", ex.Message);
        }

        [Fact]
        public async Task Rejected_credentials_are_reported_without_the_token()
        {
            const string canary = "canary-7f3e9b1c-secret-token";
            var fixture = Scenarios.Create("compliant");
            fixture.RequiredToken = "the-right-token";
            using var cluster = new LoopbackCluster(fixture, canary);
            var ex = await Assert.ThrowsAsync<ClusterReadException>(() => new KubernetesClusterReader().ReadWorkloadClusterAsync(cluster.Connection(), CancellationToken.None));
            Assert.Equal(ErrorKind.ClusterUnauthorized, ex.Kind);
            for (Exception? e = ex; e is not null; e = e.InnerException)
            {
                Assert.DoesNotContain(canary, e.Message);
                Assert.DoesNotContain(canary, e.ToString());
            }
        }

        [Fact]
        public async Task The_right_token_is_sent()
        {
            var fixture = Scenarios.Create("compliant");
            fixture.RequiredToken = "the-right-token";
            using var cluster = new LoopbackCluster(fixture, "the-right-token");
            var workload = await new KubernetesClusterReader().ReadWorkloadClusterAsync(cluster.Connection(), CancellationToken.None);
            Assert.Equal(6, workload.Nodes.Count);
        }

        [Fact]
        public async Task Cluster_API_not_installed_is_its_own_failure()
        {
            var fixture = Scenarios.Create("compliant");
            fixture.ClusterApiInstalled = false;
            using var cluster = new LoopbackCluster(fixture);
            var ex = await Assert.ThrowsAsync<ClusterReadException>(() => new KubernetesClusterReader().ReadManagementClusterAsync(cluster.Connection(), "fips-cluster", "default", CancellationToken.None));
            Assert.Equal(ErrorKind.ClusterApiNotInstalled, ex.Kind);
            Assert.Contains("clusters.cluster.x-k8s.io", ex.Message);
        }

        [Fact]
        public async Task An_unknown_cluster_name_is_not_found()
        {
            using var cluster = new LoopbackCluster("compliant");
            var ex = await Assert.ThrowsAsync<ClusterReadException>(() => new KubernetesClusterReader().ReadManagementClusterAsync(cluster.Connection(), "no-such-cluster", "default", CancellationToken.None));
            Assert.Equal(ErrorKind.ClusterObjectNotFound, ex.Kind);
            Assert.Contains("'no-such-cluster'", ex.Message);
        }

        [Fact]
        public async Task A_dead_server_is_unreachable()
        {
            var path = LoopbackCluster.DeadServerKubeconfig();
            try
            {
                var ex = await Assert.ThrowsAsync<ClusterReadException>(() => new KubernetesClusterReader().ReadWorkloadClusterAsync(new ClusterConnection(path, null, TimeSpan.FromSeconds(20)), CancellationToken.None));
                Assert.Equal(ErrorKind.ClusterUnreachable, ex.Kind);
                Assert.Contains("cannot be reached", ex.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public async Task A_server_that_does_not_answer_times_out()
        {
            var fixture = Scenarios.Create("compliant");
            fixture.HangPathPrefix = "/api/v1/nodes";
            using var cluster = new LoopbackCluster(fixture);
            var ex = await Assert.ThrowsAsync<ClusterReadException>(() => new KubernetesClusterReader().ReadWorkloadClusterAsync(cluster.Connection(timeoutSeconds: 1), CancellationToken.None));
            Assert.Equal(ErrorKind.ClusterTimeout, ex.Kind);
            Assert.Contains("within 1 s", ex.Message);
        }

        [Fact]
        public async Task The_callers_cancellation_is_not_a_timeout()
        {
            var fixture = Scenarios.Create("compliant");
            fixture.HangPathPrefix = "/api/v1/nodes";
            using var cluster = new LoopbackCluster(fixture);
            using var cancel = new CancellationTokenSource();
            cluster.Server.RequestReceived += path =>
            {
                if (path.StartsWith("GET /api/v1/nodes", StringComparison.Ordinal))
                {
                    cancel.Cancel();
                }
            };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new KubernetesClusterReader().ReadWorkloadClusterAsync(cluster.Connection(), cancel.Token));
        }

        [Fact]
        public async Task A_missing_kubeconfig_or_context_is_an_invalid_kubeconfig()
        {
            var missing = await Assert.ThrowsAsync<ClusterReadException>(() => new KubernetesClusterReader().ReadWorkloadClusterAsync(new ClusterConnection("/no/such/kubeconfig", null, TimeSpan.FromSeconds(5)), CancellationToken.None));
            Assert.Equal(ErrorKind.KubeconfigInvalid, missing.Kind);

            using var cluster = new LoopbackCluster("compliant");
            var context = await Assert.ThrowsAsync<ClusterReadException>(() => new KubernetesClusterReader().ReadWorkloadClusterAsync(cluster.Connection(context: "nope"), CancellationToken.None));
            Assert.Equal(ErrorKind.KubeconfigInvalid, context.Kind);
            Assert.Contains("no context 'nope'", context.Message);
            Assert.Contains("fips-admin@fips-cluster", context.Message);
        }

        [Fact]
        public async Task Reads_500_nodes_and_3000_pods_in_bounded_pages()
        {
            using var cluster = new LoopbackCluster("large");
            var workload = await new KubernetesClusterReader().ReadWorkloadClusterAsync(cluster.Connection(), CancellationToken.None);
            Assert.Equal(500, workload.Nodes.Count);
            Assert.Equal(3000, workload.KubeSystemPods.Count);
            Assert.Equal(1 + 1 + 6, workload.RequestCount);
            Assert.True(ClusterComplianceChecker.Check(workload, null, FipsExpectations.Resolve(FipsCatalog.BuiltIn, workload.ServerVersion, null, null, null, null)).IsFipsCompliant);
        }
    }
}

namespace DkpFips.Core.Tests.Cluster
{
    public class KubernetesClusterReaderTlsTests
    {
        [Fact]
        public async Task An_untrusted_server_certificate_is_a_TLS_failure()
        {
            using var server = new UntrustedTlsServer();
            var path = Path.Combine(Path.GetTempPath(), "dkpfips-kubeconfig-" + Guid.NewGuid().ToString("N") + ".yaml");
            File.WriteAllText(path, KubeApiServer.KubeconfigText(server.Url, "test-token", "tls", "tls-cluster"));
            try
            {
                var ex = await Assert.ThrowsAsync<ClusterReadException>(() => new KubernetesClusterReader().ReadWorkloadClusterAsync(new ClusterConnection(path, null, TimeSpan.FromSeconds(20)), CancellationToken.None));
                Assert.Equal(ErrorKind.ClusterTlsFailure, ex.Kind);
                Assert.Contains("TLS handshake", ex.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
