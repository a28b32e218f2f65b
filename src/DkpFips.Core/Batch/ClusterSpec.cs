using System;
using System.Collections.Generic;
using DkpFips.Core.Cluster;

namespace DkpFips.Core.Batch
{
    /// <summary>
    /// One cluster of a batch, as written (a spec file entry merged over its defaults, or a CSV
    /// row): the values New-DkpFipsCluster binds by property name. Nothing is resolved or
    /// validated here; <see cref="ClusterBatchPlanner"/> does that. Never holds secrets.
    /// </summary>
    public sealed class ClusterSpec
    {
        public string? ClusterName { get; set; }

        public string? Provider { get; set; }

        public string? KubernetesVersion { get; set; }

        public string? EtcdVersion { get; set; }

        public string? AmiId { get; set; }

        public string? Region { get; set; }

        public string? VmTemplate { get; set; }

        public string? OverrideSecretName { get; set; }

        public string? ImageRepository { get; set; }

        /// <summary>The management cluster's kubeconfig (dkp --kubeconfig).</summary>
        public string? ManagementKubeconfig { get; set; }

        public string? Namespace { get; set; }

        public string? RegistryMirrorUrl { get; set; }

        public IReadOnlyList<string> ArgumentList { get; set; } = Array.Empty<string>();

        public string? DkpPath { get; set; }

        /// <summary>The spec file it came from; null for other sources.</summary>
        public string? SourcePath { get; set; }

        /// <summary>The 1-based line of its entry in <see cref="SourcePath"/>; 0 when not from a file.</summary>
        public long SourceLine { get; set; }

        /// <summary>The request New-DkpFipsCluster would make of these values (paths as written, dkp by name).</summary>
        public ClusterCreateRequest ToRequest() => new ClusterCreateRequest
        {
            ClusterName = ClusterName,
            Provider = Provider,
            KubernetesVersion = KubernetesVersion,
            EtcdVersion = EtcdVersion,
            AmiId = AmiId,
            Region = Region,
            VmTemplate = VmTemplate,
            OverrideSecretName = OverrideSecretName,
            ImageRepository = ImageRepository,
            Kubeconfig = ManagementKubeconfig,
            Namespace = Namespace,
            RegistryMirrorUrl = RegistryMirrorUrl,
            ExtraArguments = ArgumentList,
        };

        /// <summary>A copy (the defaults of a spec file are copied into each cluster).</summary>
        public ClusterSpec Clone() => (ClusterSpec)MemberwiseClone();
    }
}
