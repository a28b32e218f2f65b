using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace KubeApiDouble
{
    /// <summary>Objects shaped like the Kubernetes API's (core/v1 Node and Pod, Cluster API kinds).</summary>
    public static class KubeObjects
    {
        private static int uid;

        private static string NewUid() => "6a1c7b2e-0000-4000-8000-" + (++uid).ToString("D12");

        /// <summary>A core/v1 Secret: data values base64, as the API server returns them; Cluster API's cluster-secret type.</summary>
        public static JsonObject Secret(string ns, string name, IDictionary<string, byte[]> data)
        {
            var encoded = new JsonObject();
            foreach (var pair in data)
            {
                encoded[pair.Key] = System.Convert.ToBase64String(pair.Value);
            }

            return new JsonObject
            {
                ["kind"] = "Secret",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["namespace"] = ns,
                    ["uid"] = NewUid(),
                    ["resourceVersion"] = "4711",
                    ["labels"] = new JsonObject { ["cluster.x-k8s.io/cluster-name"] = name.EndsWith("-kubeconfig", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "-kubeconfig".Length) : name },
                },
                ["data"] = encoded,
                ["type"] = "cluster.x-k8s.io/secret",
            };
        }

        public static JsonObject Node(string name, string kubeletVersion, string osImage, bool controlPlane)
        {
            var labels = new JsonObject
            {
                ["beta.kubernetes.io/arch"] = "amd64",
                ["beta.kubernetes.io/os"] = "linux",
                ["kubernetes.io/arch"] = "amd64",
                ["kubernetes.io/hostname"] = name,
                ["kubernetes.io/os"] = "linux",
            };
            if (controlPlane)
            {
                labels["node-role.kubernetes.io/control-plane"] = string.Empty;
            }

            return new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["uid"] = NewUid(),
                    ["resourceVersion"] = "48213",
                    ["creationTimestamp"] = "2026-11-02T09:14:07Z",
                    ["labels"] = labels,
                    ["annotations"] = new JsonObject { ["node.alpha.kubernetes.io/ttl"] = "0" },
                },
                ["spec"] = new JsonObject { ["providerID"] = "aws:///us-west-2a/i-0" + name.GetHashCode().ToString("x8") },
                ["status"] = new JsonObject
                {
                    ["conditions"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "Ready",
                        ["status"] = "True",
                        ["lastHeartbeatTime"] = "2026-11-30T10:00:00Z",
                        ["lastTransitionTime"] = "2026-11-02T09:15:00Z",
                        ["reason"] = "KubeletReady",
                        ["message"] = "kubelet is posting ready status",
                    }),
                    ["addresses"] = new JsonArray(new JsonObject { ["type"] = "Hostname", ["address"] = name }),
                    ["nodeInfo"] = new JsonObject
                    {
                        ["machineID"] = "ec2a6f0e1f3c4e7d9b8a",
                        ["systemUUID"] = "ec2a6f0e-1f3c-4e7d-9b8a-000000000000",
                        ["bootID"] = "3f1b0c2d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
                        ["kernelVersion"] = "4.18.0-305.el8.x86_64",
                        ["osImage"] = osImage,
                        ["containerRuntimeVersion"] = "containerd://1.4.13",
                        ["kubeletVersion"] = kubeletVersion,
                        ["kubeProxyVersion"] = kubeletVersion,
                        ["operatingSystem"] = "linux",
                        ["architecture"] = "amd64",
                    },
                },
            };
        }

        /// <summary>A kube-system pod with one container per (name, image).</summary>
        public static JsonObject Pod(string name, string? nodeName, IDictionary<string, string> labels, params (string Name, string Image)[] containers)
        {
            var labelObject = new JsonObject();
            foreach (var pair in labels)
            {
                labelObject[pair.Key] = pair.Value;
            }

            return new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["namespace"] = "kube-system",
                    ["uid"] = NewUid(),
                    ["resourceVersion"] = "48377",
                    ["creationTimestamp"] = "2026-11-02T09:16:11Z",
                    ["labels"] = labelObject,
                },
                ["spec"] = new JsonObject
                {
                    ["nodeName"] = nodeName,
                    ["containers"] = new JsonArray(containers.Select(c => (JsonNode)new JsonObject
                    {
                        ["name"] = c.Name,
                        ["image"] = c.Image,
                        ["imagePullPolicy"] = "IfNotPresent",
                    }).ToArray()),
                    ["restartPolicy"] = "Always",
                    ["priorityClassName"] = "system-node-critical",
                },
                ["status"] = new JsonObject
                {
                    ["phase"] = "Running",
                    ["hostIP"] = "10.0.0.10",
                    ["containerStatuses"] = new JsonArray(containers.Select(c => (JsonNode)new JsonObject
                    {
                        ["name"] = c.Name,
                        ["image"] = c.Image,
                        ["imageID"] = c.Image + "@sha256:0f3a2c1d",
                        ["ready"] = true,
                        ["restartCount"] = 0,
                        ["started"] = true,
                        ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = "2026-11-02T09:16:30Z" } },
                    }).ToArray()),
                },
            };
        }

        public static JsonObject Cluster(string name, string ns, string controlPlaneName, string infraKind, string infraApiVersion) => new JsonObject
        {
            ["apiVersion"] = "cluster.x-k8s.io/v1beta1",
            ["kind"] = "Cluster",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = NewUid(), ["labels"] = new JsonObject { ["cluster.x-k8s.io/cluster-name"] = name } },
            ["spec"] = new JsonObject
            {
                ["clusterNetwork"] = new JsonObject { ["pods"] = new JsonObject { ["cidrBlocks"] = new JsonArray("192.168.0.0/16") } },
                ["controlPlaneRef"] = new JsonObject { ["apiVersion"] = "controlplane.cluster.x-k8s.io/v1beta1", ["kind"] = "KubeadmControlPlane", ["name"] = controlPlaneName, ["namespace"] = ns },
                ["infrastructureRef"] = new JsonObject { ["apiVersion"] = infraApiVersion, ["kind"] = infraKind.Replace("MachineTemplate", "Cluster"), ["name"] = name, ["namespace"] = ns },
            },
            ["status"] = new JsonObject { ["phase"] = "Provisioned", ["controlPlaneReady"] = true, ["infrastructureReady"] = true },
        };

        public static JsonObject KubeadmControlPlane(string name, string ns, string cluster, string version, string? imageRepository, string? etcdRepository, string? etcdTag, string templateKind, string templateApiVersion, string templateName)
        {
            var etcdLocal = new JsonObject { ["dataDir"] = "/var/lib/etcd" };
            if (etcdRepository is not null) etcdLocal["imageRepository"] = etcdRepository;
            if (etcdTag is not null) etcdLocal["imageTag"] = etcdTag;
            var clusterConfiguration = new JsonObject
            {
                ["apiServer"] = new JsonObject { ["extraArgs"] = new JsonObject { ["cloud-provider"] = "aws" } },
                ["etcd"] = new JsonObject { ["local"] = etcdLocal },
                ["dns"] = new JsonObject(),
                ["networking"] = new JsonObject(),
            };
            if (imageRepository is not null) clusterConfiguration["imageRepository"] = imageRepository;
            return new JsonObject
            {
                ["apiVersion"] = "controlplane.cluster.x-k8s.io/v1beta1",
                ["kind"] = "KubeadmControlPlane",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = NewUid(), ["labels"] = new JsonObject { ["cluster.x-k8s.io/cluster-name"] = cluster } },
                ["spec"] = new JsonObject
                {
                    ["replicas"] = 3,
                    ["version"] = version,
                    ["machineTemplate"] = new JsonObject
                    {
                        ["infrastructureRef"] = new JsonObject { ["apiVersion"] = templateApiVersion, ["kind"] = templateKind, ["name"] = templateName, ["namespace"] = ns },
                    },
                    ["kubeadmConfigSpec"] = new JsonObject { ["clusterConfiguration"] = clusterConfiguration, ["initConfiguration"] = new JsonObject(), ["joinConfiguration"] = new JsonObject() },
                },
                ["status"] = new JsonObject { ["ready"] = true, ["initialized"] = true, ["replicas"] = 3, ["readyReplicas"] = 3, ["version"] = version },
            };
        }

        public static JsonObject MachineDeployment(string name, string ns, string cluster, string version, string templateKind, string templateApiVersion, string templateName) => new JsonObject
        {
            ["apiVersion"] = "cluster.x-k8s.io/v1beta1",
            ["kind"] = "MachineDeployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = NewUid(), ["labels"] = new JsonObject { ["cluster.x-k8s.io/cluster-name"] = cluster } },
            ["spec"] = new JsonObject
            {
                ["clusterName"] = cluster,
                ["replicas"] = 3,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["cluster.x-k8s.io/cluster-name"] = cluster } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["cluster.x-k8s.io/cluster-name"] = cluster } },
                    ["spec"] = new JsonObject
                    {
                        ["clusterName"] = cluster,
                        ["version"] = version,
                        ["bootstrap"] = new JsonObject { ["configRef"] = new JsonObject { ["apiVersion"] = "bootstrap.cluster.x-k8s.io/v1beta1", ["kind"] = "KubeadmConfigTemplate", ["name"] = name } },
                        ["infrastructureRef"] = new JsonObject { ["apiVersion"] = templateApiVersion, ["kind"] = templateKind, ["name"] = templateName, ["namespace"] = ns },
                    },
                },
            },
            ["status"] = new JsonObject { ["phase"] = "Running", ["replicas"] = 3, ["readyReplicas"] = 3 },
        };

        public static JsonObject AwsMachineTemplate(string name, string ns, string amiId) => new JsonObject
        {
            ["apiVersion"] = "infrastructure.cluster.x-k8s.io/v1beta2",
            ["kind"] = "AWSMachineTemplate",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = NewUid() },
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["ami"] = new JsonObject { ["id"] = amiId },
                        ["instanceType"] = "m5.xlarge",
                        ["iamInstanceProfile"] = "nodes.cluster-api-provider-aws.sigs.k8s.io",
                        ["sshKeyName"] = "fips-cluster",
                    },
                },
            },
        };

        public static JsonObject VSphereMachineTemplate(string name, string ns, string template) => new JsonObject
        {
            ["apiVersion"] = "infrastructure.cluster.x-k8s.io/v1beta1",
            ["kind"] = "VSphereMachineTemplate",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = NewUid() },
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["template"] = template,
                        ["cloneMode"] = "fullClone",
                        ["datacenter"] = "dc1",
                        ["numCPUs"] = 4,
                        ["memoryMiB"] = 16384,
                        ["diskGiB"] = 80,
                        ["network"] = new JsonObject { ["devices"] = new JsonArray(new JsonObject { ["networkName"] = "VM Network", ["dhcp4"] = true }) },
                    },
                },
            },
        };
    }
}
