using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Kubernetes;
using KubeApiDouble;
using Xunit;

namespace DkpFips.Core.Tests.Cluster
{
    /// <summary>
    /// The workload cluster reached through the management cluster: the real KubernetesClient
    /// reads the Cluster API Secret &lt;cluster&gt;-kubeconfig (key value, base64 in the API's JSON)
    /// and connects with the kubeconfig held in memory.
    /// </summary>
    public class WorkloadKubeconfigSecretTests
    {
        private const string WorkloadToken = "workload-token-in-memory-only";

        private static Fixture ManagementWith(string secretKey, Func<byte[]> content)
        {
            var fixture = Scenarios.Create("compliant");
            fixture.Secrets["default/fips-cluster-kubeconfig"] = () => new Dictionary<string, byte[]> { [secretKey] = content() };
            return fixture;
        }

        [Fact]
        public async Task Reads_the_Secret_and_connects_to_the_workload_cluster_it_names()
        {
            var workloadFixture = Scenarios.Create("mixed");
            workloadFixture.RequiredToken = WorkloadToken;
            using var workloadServer = new KubeApiServer(workloadFixture);
            var text = workloadServer.Kubeconfig(WorkloadToken);
            using var management = new LoopbackCluster(ManagementWith("value", () => Encoding.UTF8.GetBytes(text)));
            var paths = new List<string>();
            management.Server.RequestReceived += paths.Add;
            var reader = new KubernetesClusterReader();

            var secret = await reader.ReadWorkloadKubeconfigAsync(management.Connection(), "fips-cluster", "default", CancellationToken.None);
            Assert.Equal("Secret default/fips-cluster-kubeconfig on the management cluster", secret.Source);
            Assert.DoesNotContain(WorkloadToken, secret.ToString());
            Assert.Contains("GET /api/v1/namespaces/default/secrets/fips-cluster-kubeconfig", paths);

            var connection = ClusterConnection.FromSecret(secret, null, TimeSpan.FromSeconds(30));
            Assert.False(connection.IsFile);
            var workload = await reader.ReadWorkloadClusterAsync(connection, CancellationToken.None);
            // The mixed workload, not the compliant management cluster: one worker on Ubuntu.
            Assert.Contains(workload.Nodes, n => n.OsImage.StartsWith("Ubuntu", StringComparison.Ordinal));
            Assert.DoesNotContain(paths, p => p.Contains("/api/v1/nodes"));
        }

        [Fact]
        public async Task A_missing_Secret_is_ObjectNotFound_naming_it()
        {
            using var management = new LoopbackCluster("compliant");
            var reader = new KubernetesClusterReader();
            var ex = await Assert.ThrowsAsync<ClusterReadException>(() => reader.ReadWorkloadKubeconfigAsync(management.Connection(), "other", "default", CancellationToken.None));
            Assert.Equal(ErrorKind.ClusterObjectNotFound, ex.Kind);
            Assert.Contains("other-kubeconfig", ex.Message);
        }

        [Fact]
        public async Task A_Secret_without_the_value_key_is_a_specific_error()
        {
            using var management = new LoopbackCluster(ManagementWith("kubeconfig", () => Encoding.UTF8.GetBytes("x")));
            var reader = new KubernetesClusterReader();
            var ex = await Assert.ThrowsAsync<ClusterReadException>(() => reader.ReadWorkloadKubeconfigAsync(management.Connection(), "fips-cluster", "default", CancellationToken.None));
            Assert.Equal(ErrorKind.KubeconfigInvalid, ex.Kind);
            Assert.Contains("'value'", ex.Message);
        }

        [Fact]
        public async Task A_Secret_that_is_not_a_kubeconfig_is_refused_without_quoting_it()
        {
            const string Garbage = "secret-garbage: [unclosed";
            using var management = new LoopbackCluster(ManagementWith("value", () => Encoding.UTF8.GetBytes(Garbage)));
            var reader = new KubernetesClusterReader();
            var secret = await reader.ReadWorkloadKubeconfigAsync(management.Connection(), "fips-cluster", "default", CancellationToken.None);
            var ex = await Assert.ThrowsAsync<ClusterReadException>(() => reader.ReadWorkloadClusterAsync(ClusterConnection.FromSecret(secret, null, TimeSpan.FromSeconds(10)), CancellationToken.None));
            Assert.Equal(ErrorKind.KubeconfigInvalid, ex.Kind);
            Assert.Contains("Secret default/fips-cluster-kubeconfig", ex.Message);
            Assert.DoesNotContain("secret-garbage", ex.Message);
        }

        [Fact]
        public async Task A_denied_Secret_read_names_the_RBAC_rule()
        {
            var fixture = ManagementWith("value", () => Encoding.UTF8.GetBytes("x"));
            fixture.Denied.Add("get secrets");
            using var management = new LoopbackCluster(fixture);
            var reader = new KubernetesClusterReader();
            var ex = await Assert.ThrowsAsync<ClusterReadException>(() => reader.ReadWorkloadKubeconfigAsync(management.Connection(), "fips-cluster", "default", CancellationToken.None));
            Assert.Equal(ErrorKind.ClusterPermissionDenied, ex.Kind);
            Assert.Contains("secrets", ex.Message);
        }
    }
}
