using System;
using System.IO;
using KubeApiDouble;

namespace DkpFips.Core.Tests.Cluster
{
    /// <summary>A KubeApiDouble server on 127.0.0.1 and a kubeconfig file pointing at it.</summary>
    internal sealed class LoopbackCluster : IDisposable
    {
        public LoopbackCluster(Fixture fixture, string token = "test-token")
        {
            Server = new KubeApiServer(fixture);
            KubeconfigPath = Path.Combine(Path.GetTempPath(), "dkpfips-kubeconfig-" + Guid.NewGuid().ToString("N") + ".yaml");
            File.WriteAllText(KubeconfigPath, Server.Kubeconfig(token));
        }

        public LoopbackCluster(string scenario)
            : this(Scenarios.Create(scenario))
        {
        }

        public KubeApiServer Server { get; }

        public string KubeconfigPath { get; }

        public Core.Cluster.ClusterConnection Connection(double timeoutSeconds = 30, string? context = null) =>
            new Core.Cluster.ClusterConnection(KubeconfigPath, context, TimeSpan.FromSeconds(timeoutSeconds));

        /// <summary>A kubeconfig for a port where nothing listens.</summary>
        public static string DeadServerKubeconfig()
        {
            var path = Path.Combine(Path.GetTempPath(), "dkpfips-kubeconfig-" + Guid.NewGuid().ToString("N") + ".yaml");
            File.WriteAllText(path, KubeApiServer.KubeconfigText($"http://127.0.0.1:{KubeApiServer.FreePort()}", "test-token", "dead", "dead-cluster"));
            return path;
        }

        public void Dispose()
        {
            Server.Dispose();
            File.Delete(KubeconfigPath);
        }
    }
}
