using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DkpFips.Core.Versioning;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// Reads every manifest <c>dkp create cluster --dry-run --output yaml</c> prints and checks
    /// the fields that make the cluster FIPS: the control plane's Kubernetes version, image
    /// repository and etcd image, each MachineDeployment's version, and the machine image.
    /// </summary>
    public static class DryRunVerifier
    {
        public static IReadOnlyList<ManifestCheck> Verify(string yaml, ClusterCreatePlan plan)
        {
            var checks = new List<ManifestCheck>();
            var documents = new List<YamlMappingNode>();
            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(yaml));
                documents.AddRange(stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>());
            }
            catch (YamlException ex)
            {
                checks.Add(new ManifestCheck("(output)", "-", "YAML", "Cluster API manifests", $"unparsable at line {ex.Start.Line}: {ex.Message}", false));
                return checks;
            }

            var version = plan.KubernetesVersion.ToKubernetesFlag();
            var etcdTag = plan.EtcdVersion.ToImageTag();
            var controlPlanes = 0;
            foreach (var document in documents)
            {
                var kind = Text(document, "kind") ?? "(no kind)";
                var name = Text(document, "metadata", "name") ?? "(no name)";
                switch (kind)
                {
                    case "KubeadmControlPlane":
                        controlPlanes++;
                        checks.Add(VersionCheck(kind, name, "spec.version", version, Text(document, "spec", "version")));
                        var clusterConfiguration = new[] { "spec", "kubeadmConfigSpec", "clusterConfiguration" };
                        checks.Add(TextCheck(kind, name, "spec.kubeadmConfigSpec.clusterConfiguration.imageRepository", plan.KubernetesImageRepository, Text(document, clusterConfiguration.Concat(new[] { "imageRepository" }).ToArray())));
                        checks.Add(TextCheck(kind, name, "spec.kubeadmConfigSpec.clusterConfiguration.etcd.local.imageRepository", plan.EtcdImageRepository, Text(document, clusterConfiguration.Concat(new[] { "etcd", "local", "imageRepository" }).ToArray())));
                        checks.Add(TextCheck(kind, name, "spec.kubeadmConfigSpec.clusterConfiguration.etcd.local.imageTag", etcdTag, Text(document, clusterConfiguration.Concat(new[] { "etcd", "local", "imageTag" }).ToArray())));
                        break;
                    case "MachineDeployment":
                        checks.Add(VersionCheck(kind, name, "spec.template.spec.version", version, Text(document, "spec", "template", "spec", "version")));
                        break;
                    case "AWSMachineTemplate" when plan.Provider == ClusterProvider.Aws:
                        checks.Add(TextCheck(kind, name, "spec.template.spec.ami.id", plan.MachineImage ?? string.Empty, Text(document, "spec", "template", "spec", "ami", "id")));
                        break;
                    case "VSphereMachineTemplate" when plan.Provider == ClusterProvider.Vsphere:
                        checks.Add(TextCheck(kind, name, "spec.template.spec.template", plan.MachineImage ?? string.Empty, Text(document, "spec", "template", "spec", "template")));
                        break;
                }
            }

            if (controlPlanes == 0)
            {
                checks.Add(new ManifestCheck("KubeadmControlPlane", "-", "(object)", "one KubeadmControlPlane", null, false));
            }

            return checks;
        }

        private static ManifestCheck VersionCheck(string kind, string name, string field, string expected, string? actual)
        {
            var passed = actual is not null && FipsVersion.TryParse(actual, out var parsed) && parsed == FipsVersion.Parse(expected) && parsed!.FipsBuildNumber is not null;
            return new ManifestCheck(kind, name, field, expected, actual, passed);
        }

        private static ManifestCheck TextCheck(string kind, string name, string field, string expected, string? actual) =>
            new ManifestCheck(kind, name, field, expected, actual, string.Equals(expected, actual, StringComparison.Ordinal));

        private static string? Text(YamlMappingNode node, params string[] path)
        {
            YamlNode current = node;
            foreach (var key in path)
            {
                if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
                {
                    return null;
                }

                current = next;
            }

            return (current as YamlScalarNode)?.Value;
        }
    }
}
