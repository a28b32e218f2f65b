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
        private readonly ClusterOptions spec;

        // Reads through to the engine's spec (its one home) rather than copying each field.
        internal ClusterSpec(ClusterOptions spec)
        {
            this.spec = spec;
            ArgumentList = spec.ArgumentList.ToArray();
        }

        public string ClusterName => spec.ClusterName ?? string.Empty;

        public string? Provider => spec.Provider;

        /// <summary>As written in the file (a version line such as 1.23, or a full version).</summary>
        public string? KubernetesVersion => spec.KubernetesVersion;

        public string? EtcdVersion => spec.EtcdVersion;

        public string? AmiId => spec.AmiId;

        public string? Region => spec.Region;

        public string? VmTemplate => spec.VmTemplate;

        public string? OverrideSecretName => spec.OverrideSecretName;

        public string? ImageRepository => spec.ImageRepository;

        /// <summary>The management cluster's kubeconfig, as written (relative paths resolve where New-DkpFipsCluster runs).</summary>
        public string? ManagementKubeconfig => spec.ManagementKubeconfig;

        public string? Namespace => spec.Namespace;

        public string? RegistryMirrorUrl => spec.RegistryMirrorUrl;

        /// <summary>Extra dkp arguments; empty when none.</summary>
        public string[] ArgumentList { get; }

        public string? DkpPath => spec.DkpPath;

        /// <summary>The AMI id, VM template or override secret name, whichever is given.</summary>
        public string? MachineImage => FirstGiven(AmiId, VmTemplate, OverrideSecretName);

        /// <summary>The spec file this cluster comes from.</summary>
        public string? SourcePath => spec.SourcePath;

        /// <summary>The line of its entry in the spec file.</summary>
        public long SourceLine => spec.SourceLine;

        public override string ToString() => ClusterName;

        private static string? FirstGiven(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
    }
}
