using System;
using System.Collections.Generic;

namespace DkpFips.Core.Cluster
{
    /// <summary>A node as the checks need it: name, role, and what its kubelet reports.</summary>
    public sealed class NodeInfo
    {
        public NodeInfo(string name, string kubeletVersion, string osImage, bool isControlPlane)
        {
            Name = name;
            KubeletVersion = kubeletVersion;
            OsImage = osImage;
            IsControlPlane = isControlPlane;
        }

        public string Name { get; }

        /// <summary><c>status.nodeInfo.kubeletVersion</c>, e.g. <c>v1.23.7+fips.0</c>.</summary>
        public string KubeletVersion { get; }

        /// <summary><c>status.nodeInfo.osImage</c>, e.g. <c>Red Hat Enterprise Linux 8.4 (Ootpa)</c>.</summary>
        public string OsImage { get; }

        public bool IsControlPlane { get; }
    }

    /// <summary>One container of a pod: its name and image reference.</summary>
    public sealed class ContainerInfo
    {
        public ContainerInfo(string name, string image)
        {
            Name = name;
            Image = image;
        }

        public string Name { get; }

        public string Image { get; }
    }

    /// <summary>A kube-system pod: its name, the labels that identify the component, its containers.</summary>
    public sealed class PodInfo
    {
        public PodInfo(string name, string? nodeName, IReadOnlyDictionary<string, string> labels, IReadOnlyList<ContainerInfo> containers)
        {
            Name = name;
            NodeName = nodeName;
            Labels = labels;
            Containers = containers;
        }

        public string Name { get; }

        public string? NodeName { get; }

        public IReadOnlyDictionary<string, string> Labels { get; }

        public IReadOnlyList<ContainerInfo> Containers { get; }
    }

    /// <summary>What was read from a workload cluster.</summary>
    public sealed class WorkloadClusterState
    {
        public WorkloadClusterState(string clusterName, string serverVersion, IReadOnlyList<NodeInfo> nodes, IReadOnlyList<PodInfo> kubeSystemPods, int requestCount, string context = "")
        {
            ClusterName = clusterName;
            Context = context;
            ServerVersion = serverVersion;
            Nodes = nodes;
            KubeSystemPods = kubeSystemPods;
            RequestCount = requestCount;
        }

        /// <summary>The cluster's name in the kubeconfig (the context's cluster).</summary>
        public string ClusterName { get; }

        /// <summary>The kubeconfig context that was read.</summary>
        public string Context { get; }

        /// <summary><c>/version</c> gitVersion of the API server.</summary>
        public string ServerVersion { get; }

        public IReadOnlyList<NodeInfo> Nodes { get; }

        public IReadOnlyList<PodInfo> KubeSystemPods { get; }

        /// <summary>HTTP requests made to read this state.</summary>
        public int RequestCount { get; }
    }

    /// <summary>A Cluster API object reference (<c>spec.infrastructureRef</c> and the like).</summary>
    public sealed class ObjectReference
    {
        public ObjectReference(string apiVersion, string kind, string name, string? namespaceName)
        {
            ApiVersion = apiVersion;
            Kind = kind;
            Name = name;
            Namespace = namespaceName;
        }

        public string ApiVersion { get; }

        public string Kind { get; }

        public string Name { get; }

        public string? Namespace { get; }

        public override string ToString() => Kind + "/" + Name;
    }

    /// <summary>The fields of a <c>KubeadmControlPlane</c> that decide FIPS.</summary>
    public sealed class ControlPlaneSpec
    {
        public ControlPlaneSpec(string name, string? version, string? imageRepository, string? etcdImageRepository, string? etcdImageTag, ObjectReference? machineTemplate)
        {
            Name = name;
            Version = version;
            ImageRepository = imageRepository;
            EtcdImageRepository = etcdImageRepository;
            EtcdImageTag = etcdImageTag;
            MachineTemplate = machineTemplate;
        }

        public string Name { get; }

        /// <summary><c>spec.version</c>.</summary>
        public string? Version { get; }

        /// <summary><c>spec.kubeadmConfigSpec.clusterConfiguration.imageRepository</c>.</summary>
        public string? ImageRepository { get; }

        /// <summary><c>...clusterConfiguration.etcd.local.imageRepository</c>.</summary>
        public string? EtcdImageRepository { get; }

        /// <summary><c>...clusterConfiguration.etcd.local.imageTag</c>.</summary>
        public string? EtcdImageTag { get; }

        /// <summary><c>spec.machineTemplate.infrastructureRef</c>.</summary>
        public ObjectReference? MachineTemplate { get; }
    }

    /// <summary>The fields of a <c>MachineDeployment</c> that decide FIPS.</summary>
    public sealed class MachineDeploymentSpec
    {
        public MachineDeploymentSpec(string name, string? version, ObjectReference? machineTemplate)
        {
            Name = name;
            Version = version;
            MachineTemplate = machineTemplate;
        }

        public string Name { get; }

        /// <summary><c>spec.template.spec.version</c>.</summary>
        public string? Version { get; }

        /// <summary><c>spec.template.spec.infrastructureRef</c>.</summary>
        public ObjectReference? MachineTemplate { get; }
    }

    /// <summary>An infrastructure machine template and the image its machines boot.</summary>
    public sealed class MachineTemplateInfo
    {
        public MachineTemplateInfo(ObjectReference reference, string? image, string? imageKind)
        {
            Reference = reference;
            Image = image;
            ImageKind = imageKind;
        }

        public ObjectReference Reference { get; }

        /// <summary>The AMI id, the VM template name, or null when the template names no image.</summary>
        public string? Image { get; }

        /// <summary><c>AMI</c>, <c>AMI lookup</c>, <c>VM template</c> or null.</summary>
        public string? ImageKind { get; }
    }

    /// <summary>What was read about one cluster from its management cluster.</summary>
    public sealed class ManagementClusterState
    {
        public ManagementClusterState(string clusterName, ControlPlaneSpec? controlPlane, IReadOnlyList<MachineDeploymentSpec> machineDeployments, IReadOnlyList<MachineTemplateInfo> machineTemplates, int requestCount)
        {
            ClusterName = clusterName;
            ControlPlane = controlPlane;
            MachineDeployments = machineDeployments;
            MachineTemplates = machineTemplates;
            RequestCount = requestCount;
        }

        public string ClusterName { get; }

        /// <summary>Null when the cluster's control plane is not a KubeadmControlPlane.</summary>
        public ControlPlaneSpec? ControlPlane { get; }

        public IReadOnlyList<MachineDeploymentSpec> MachineDeployments { get; }

        public IReadOnlyList<MachineTemplateInfo> MachineTemplates { get; }

        public int RequestCount { get; }
    }

    /// <summary>How to reach a cluster.</summary>
    public sealed class ClusterConnection
    {
        public ClusterConnection(string kubeconfigPath, string? context, TimeSpan timeout)
        {
            KubeconfigPath = kubeconfigPath;
            Context = context;
            Timeout = timeout;
        }

        /// <summary>
        /// A workload cluster's kubeconfig read from its management cluster (the Cluster API
        /// Secret &lt;cluster&gt;-kubeconfig): held in memory only, never written, never shown.
        /// </summary>
        public static ClusterConnection FromSecret(WorkloadKubeconfig kubeconfig, string? context, TimeSpan timeout) =>
            new ClusterConnection(kubeconfig.Source, context, timeout) { KubeconfigText = kubeconfig.Text };

        /// <summary>The kubeconfig file; for a kubeconfig held in memory, a description of where it came from.</summary>
        public string KubeconfigPath { get; }

        /// <summary>Null for a kubeconfig file; else the kubeconfig itself (from a Secret, in memory only).</summary>
        internal string? KubeconfigText { get; private set; }

        /// <summary>True when the kubeconfig is a file (KubeconfigPath); false when it is held in memory.</summary>
        public bool IsFile => KubeconfigText is null;

        /// <summary>Null for the kubeconfig's current context.</summary>
        public string? Context { get; }

        /// <summary>For the whole read, every page included.</summary>
        public TimeSpan Timeout { get; }
    }

    /// <summary>
    /// A workload cluster's admin kubeconfig as Cluster API keeps it on the management cluster
    /// (the Secret &lt;cluster&gt;-kubeconfig, key value), the text held in memory only.
    /// </summary>
    public sealed class WorkloadKubeconfig
    {
        public WorkloadKubeconfig(string clusterName, string namespaceName, string text)
        {
            ClusterName = clusterName;
            Namespace = namespaceName;
            Text = text;
        }

        /// <summary>The Secret's name Cluster API gives it: &lt;cluster&gt;-kubeconfig.</summary>
        public static string SecretName(string clusterName) => clusterName + "-kubeconfig";

        /// <summary>What a command says when, given no -Kubeconfig, it reads the workload cluster through this Secret.</summary>
        public static string ReadingMessage(string clusterName, string namespaceName, string managementKubeconfig) =>
            $"No -Kubeconfig: reading the kubeconfig of '{clusterName}' from the Secret {namespaceName}/{SecretName(clusterName)} on the management cluster ({managementKubeconfig}); it is kept in memory only.";

        public string ClusterName { get; }

        public string Namespace { get; }

        /// <summary>The kubeconfig; never to be logged, shown or written.</summary>
        internal string Text { get; }

        /// <summary>Where it came from, for messages: never its content.</summary>
        public string Source => $"Secret {Namespace}/{SecretName(ClusterName)} on the management cluster";

        public override string ToString() => Source;
    }
}
