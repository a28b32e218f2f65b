using System;
using System.Collections.Generic;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// One cluster as specified, the single home of its fields: New-DkpFipsCluster's and
    /// ConvertTo-DkpFipsPipelineMatrix's parameters write straight into it, a spec file entry
    /// (merged over its defaults) is read into it, and a <see cref="ClusterCreateRequest"/>
    /// composes it with the run options. Nothing is resolved or validated here;
    /// <see cref="ClusterPlanBuilder"/> does that. Never holds secrets.
    /// </summary>
    public sealed class ClusterOptions
    {
        public string? ClusterName { get; set; }

        public string? Provider { get; set; }

        /// <summary>Any form the version model accepts; 1.23 picks the newest 1.23 FIPS build.</summary>
        public string? KubernetesVersion { get; set; }

        /// <summary>Overrides the etcd version of the catalog row; must be a +fips.N version.</summary>
        public string? EtcdVersion { get; set; }

        public string? AmiId { get; set; }

        public string? Region { get; set; }

        public string? VmTemplate { get; set; }

        public string? OverrideSecretName { get; set; }

        /// <summary>An air-gapped mirror that replaces both image repositories (tags stay the same).</summary>
        public string? ImageRepository { get; set; }

        /// <summary>The management cluster's kubeconfig (dkp --kubeconfig).</summary>
        public string? ManagementKubeconfig { get; set; }

        public string? Namespace { get; set; }

        public string? RegistryMirrorUrl { get; set; }

        /// <summary>Extra dkp arguments, passed through after DkpFips' own.</summary>
        public IReadOnlyList<string> ArgumentList { get; set; } = Array.Empty<string>();

        /// <summary>The dkp (or nkp) program as written; the cmdlet resolves it into <see cref="ClusterCreateRequest.Executable"/>.</summary>
        public string? DkpPath { get; set; }

        /// <summary>The spec file it came from; null for other sources.</summary>
        public string? SourcePath { get; set; }

        /// <summary>The 1-based line of its entry in <see cref="SourcePath"/>; 0 when not from a file.</summary>
        public long SourceLine { get; set; }

        /// <summary>A copy (the defaults of a spec file are copied into each cluster; a cmdlet keeps one per record).</summary>
        public ClusterOptions Clone() => (ClusterOptions)MemberwiseClone();
    }
}
