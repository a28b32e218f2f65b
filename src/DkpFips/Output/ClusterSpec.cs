using System.Linq;
using DkpFips.Core.Cluster;

namespace DkpFips
{
    /// <summary>
    /// One cluster of a spec file (Import-DkpFipsClusterSpec), its defaults merged in. Its
    /// property names are New-DkpFipsCluster's parameter names, so it pipes into
    /// New-DkpFipsCluster and ConvertTo-DkpFipsPipelineMatrix like an Import-Csv row.
    /// </summary>
    public sealed class ClusterSpec
    {
        internal ClusterSpec(ClusterOptions spec)
        {
            ClusterName = spec.ClusterName ?? string.Empty;
            Provider = spec.Provider;
            KubernetesVersion = spec.KubernetesVersion;
            EtcdVersion = spec.EtcdVersion;
            AmiId = spec.AmiId;
            Region = spec.Region;
            VmTemplate = spec.VmTemplate;
            OverrideSecretName = spec.OverrideSecretName;
            ImageRepository = spec.ImageRepository;
            ManagementKubeconfig = spec.ManagementKubeconfig;
            Namespace = spec.Namespace;
            RegistryMirrorUrl = spec.RegistryMirrorUrl;
            ArgumentList = spec.ArgumentList.ToArray();
            DkpPath = spec.DkpPath;
            SourcePath = spec.SourcePath;
            SourceLine = spec.SourceLine;
        }

        public string ClusterName { get; }

        public string? Provider { get; }

        /// <summary>As written in the file (a version line such as 1.23, or a full version).</summary>
        public string? KubernetesVersion { get; }

        public string? EtcdVersion { get; }

        public string? AmiId { get; }

        public string? Region { get; }

        public string? VmTemplate { get; }

        public string? OverrideSecretName { get; }

        public string? ImageRepository { get; }

        /// <summary>The management cluster's kubeconfig, as written (relative paths resolve where New-DkpFipsCluster runs).</summary>
        public string? ManagementKubeconfig { get; }

        public string? Namespace { get; }

        public string? RegistryMirrorUrl { get; }

        /// <summary>Extra dkp arguments; empty when none.</summary>
        public string[] ArgumentList { get; }

        public string? DkpPath { get; }

        /// <summary>The AMI id, VM template or override secret name, whichever is given.</summary>
        public string? MachineImage => FirstGiven(AmiId, VmTemplate, OverrideSecretName);

        /// <summary>The spec file this cluster comes from.</summary>
        public string? SourcePath { get; }

        /// <summary>The line of its entry in the spec file.</summary>
        public long SourceLine { get; }

        public override string ToString() => ClusterName;

        private static string? FirstGiven(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
    }
}
