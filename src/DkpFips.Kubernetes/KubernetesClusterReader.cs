using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using k8s;
using k8s.Models;

namespace DkpFips.Kubernetes
{
    /// <summary>
    /// Reads a cluster with KubernetesClient and hands back DkpFips.Core's plain models. Lists are
    /// paged (limit/continue) so a large cluster never arrives as one response. Instantiated by
    /// the cmdlet assembly through reflection (it cannot reference net8.0).
    /// </summary>
    public sealed class KubernetesClusterReader : IClusterReader
    {
        private const string ClusterApiGroup = "cluster.x-k8s.io";
        private const string ClusterApiVersion = "v1beta1";
        private const string ClusterNameLabel = "cluster.x-k8s.io/cluster-name";

        // Cluster API's <cluster>-kubeconfig Secret keeps the admin kubeconfig under this key.
        private const string KubeconfigKey = "value";

        /// <summary>Items per list request.</summary>
        public int PageSize { get; set; } = 500;

        public async Task<WorkloadClusterState> ReadWorkloadClusterAsync(ClusterConnection connection, CancellationToken cancellationToken)
        {
            using var session = KubernetesSession.Open(connection, cancellationToken);
            var client = session.Client;
            var token = session.Token;

            var version = await session.Run("get", "/version", string.Empty, () => client.Version.GetCodeAsync(token)).ConfigureAwait(false);

            var nodes = new List<NodeInfo>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? next = null;
            do
            {
                var continueToken = next;
                var page = await session.Run("list", "nodes", string.Empty, () => client.CoreV1.ListNodeAsync(continueParameter: continueToken, limit: PageSize, cancellationToken: token)).ConfigureAwait(false);
                nodes.AddRange((page.Items ?? new List<V1Node>()).Select(ToNode));
                next = session.NextPage(seen, page.Metadata?.ContinueProperty, "list", "nodes", string.Empty);
            }
            while (!string.IsNullOrEmpty(next));

            var pods = new List<PodInfo>();
            seen.Clear();
            next = null;
            do
            {
                var continueToken = next;
                var page = await session.Run("list", "pods", string.Empty, () => client.CoreV1.ListNamespacedPodAsync("kube-system", continueParameter: continueToken, limit: PageSize, cancellationToken: token), "kube-system").ConfigureAwait(false);
                pods.AddRange((page.Items ?? new List<V1Pod>()).Select(ToPod));
                next = session.NextPage(seen, page.Metadata?.ContinueProperty, "list", "pods", string.Empty);
            }
            while (!string.IsNullOrEmpty(next));

            return new WorkloadClusterState(session.ClusterName, version?.GitVersion ?? string.Empty, nodes, pods, session.RequestCount, session.ContextName);
        }

        public async Task<WorkloadKubeconfig> ReadWorkloadKubeconfigAsync(ClusterConnection management, string clusterName, string namespaceName, CancellationToken cancellationToken)
        {
            using var session = KubernetesSession.Open(management, cancellationToken);
            var name = WorkloadKubeconfig.SecretName(clusterName);
            var token = session.Token;
            var secret = await session.Run("get", "secrets", string.Empty, () => session.Client.CoreV1.ReadNamespacedSecretAsync(name, namespaceName, cancellationToken: token), namespaceName, name).ConfigureAwait(false);
            // Secret data arrives base64 in JSON; KubernetesClient hands it over decoded.
            if (secret?.Data is null || !secret.Data.TryGetValue(KubeconfigKey, out var bytes) || bytes is null || bytes.Length == 0)
            {
                throw new ClusterReadException(ErrorKind.KubeconfigInvalid, $"The Secret {namespaceName}/{name} on the management cluster has no '{KubeconfigKey}' key, so the workload cluster's kubeconfig cannot be read from it. Is '{clusterName}' a Cluster API cluster of namespace '{namespaceName}'?");
            }

            return new WorkloadKubeconfig(clusterName, namespaceName, System.Text.Encoding.UTF8.GetString(bytes));
        }

        public async Task<ManagementClusterState> ReadManagementClusterAsync(ClusterConnection connection, string clusterName, string namespaceName, CancellationToken cancellationToken)
        {
            using var session = KubernetesSession.Open(connection, cancellationToken);
            var objects = session.Client.CustomObjects;
            var token = session.Token;

            var cluster = await session.Run("get", "clusters", ClusterApiGroup, () => objects.GetNamespacedCustomObjectAsync(ClusterApiGroup, ClusterApiVersion, namespaceName, "clusters", clusterName, token), namespaceName, clusterName).ConfigureAwait(false);
            var controlPlaneRef = Json.Reference(cluster, "spec", "controlPlaneRef");

            ControlPlaneSpec? controlPlane = null;
            var templateRefs = new List<ObjectReference>();
            if (controlPlaneRef is not null && controlPlaneRef.Kind == "KubeadmControlPlane")
            {
                var (group, version) = SplitApiVersion(controlPlaneRef.ApiVersion);
                var kcp = await session.Run("get", "kubeadmcontrolplanes", group, () => objects.GetNamespacedCustomObjectAsync(group, version, controlPlaneRef.Namespace ?? namespaceName, "kubeadmcontrolplanes", controlPlaneRef.Name, token), namespaceName, controlPlaneRef.Name).ConfigureAwait(false);
                var clusterConfiguration = new[] { "spec", "kubeadmConfigSpec", "clusterConfiguration" };
                controlPlane = new ControlPlaneSpec(
                    controlPlaneRef.Name,
                    Json.String(kcp, "spec", "version"),
                    Json.String(kcp, clusterConfiguration.Concat(new[] { "imageRepository" }).ToArray()),
                    Json.String(kcp, clusterConfiguration.Concat(new[] { "etcd", "local", "imageRepository" }).ToArray()),
                    Json.String(kcp, clusterConfiguration.Concat(new[] { "etcd", "local", "imageTag" }).ToArray()),
                    Json.Reference(kcp, "spec", "machineTemplate", "infrastructureRef"));
                if (controlPlane.MachineTemplate is not null)
                {
                    templateRefs.Add(controlPlane.MachineTemplate);
                }
            }

            var deployments = new List<MachineDeploymentSpec>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? next = null;
            do
            {
                var continueToken = next;
                var page = await session.Run("list", "machinedeployments", ClusterApiGroup, () => objects.ListNamespacedCustomObjectAsync(ClusterApiGroup, ClusterApiVersion, namespaceName, "machinedeployments", continueParameter: continueToken, labelSelector: ClusterNameLabel + "=" + clusterName, limit: PageSize, cancellationToken: token), namespaceName).ConfigureAwait(false);
                foreach (var item in Json.Items(page))
                {
                    var owner = Json.String(item, "spec", "clusterName");
                    if (owner is not null && owner != clusterName)
                    {
                        continue;
                    }

                    var md = new MachineDeploymentSpec(Json.String(item, "metadata", "name") ?? string.Empty, Json.String(item, "spec", "template", "spec", "version"), Json.Reference(item, "spec", "template", "spec", "infrastructureRef"));
                    deployments.Add(md);
                    if (md.MachineTemplate is not null)
                    {
                        templateRefs.Add(md.MachineTemplate);
                    }
                }

                next = session.NextPage(seen, Json.String(page, "metadata", "continue"), "list", "machinedeployments", ClusterApiGroup);
            }
            while (!string.IsNullOrEmpty(next));

            var templates = new List<MachineTemplateInfo>();
            foreach (var reference in templateRefs.GroupBy(r => r.ApiVersion + "/" + r.Kind + "/" + r.Name).Select(g => g.First()))
            {
                var (group, version) = SplitApiVersion(reference.ApiVersion);
                var plural = reference.Kind.ToLowerInvariant() + "s";
                var template = await session.Run("get", plural, group, () => objects.GetNamespacedCustomObjectAsync(group, version, reference.Namespace ?? namespaceName, plural, reference.Name, token), namespaceName, reference.Name).ConfigureAwait(false);
                templates.Add(MachineTemplates.Describe(reference, template));
            }

            return new ManagementClusterState(clusterName, controlPlane, deployments, templates, session.RequestCount);
        }

        private static (string Group, string Version) SplitApiVersion(string apiVersion)
        {
            var slash = apiVersion.IndexOf('/');
            return slash < 0 ? (string.Empty, apiVersion) : (apiVersion.Substring(0, slash), apiVersion.Substring(slash + 1));
        }

        private static NodeInfo ToNode(V1Node node)
        {
            var labels = node.Metadata?.Labels;
            var isControlPlane = labels is not null && (labels.ContainsKey("node-role.kubernetes.io/control-plane") || labels.ContainsKey("node-role.kubernetes.io/master"));
            return new NodeInfo(node.Metadata?.Name ?? string.Empty, node.Status?.NodeInfo?.KubeletVersion ?? string.Empty, node.Status?.NodeInfo?.OsImage ?? string.Empty, isControlPlane);
        }

        private static PodInfo ToPod(V1Pod pod)
        {
            var containers = (pod.Spec?.Containers ?? new List<V1Container>())
                .Select(c => new ContainerInfo(c.Name ?? string.Empty, c.Image ?? string.Empty))
                .ToArray();
            var labels = pod.Metadata?.Labels is { } l ? new Dictionary<string, string>(l) : new Dictionary<string, string>();
            return new PodInfo(pod.Metadata?.Name ?? string.Empty, pod.Spec?.NodeName, labels, containers);
        }
    }
}
