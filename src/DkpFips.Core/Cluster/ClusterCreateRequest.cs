using System.Collections.Generic;
using DkpFips.Core.Catalog;

namespace DkpFips.Core.Cluster
{
    /// <summary>What an admin knows about a FIPS cluster to create. Empty strings count as not given.</summary>
    public sealed class ClusterCreateRequest
    {
        public string? ClusterName { get; set; }

        public string? Provider { get; set; }

        /// <summary>Any form the version model accepts; 1.23 picks the newest 1.23 FIPS build.</summary>
        public string? KubernetesVersion { get; set; }

        /// <summary>A catalog row chosen beforehand (Get-FipsBuild); wins over the catalog lookup.</summary>
        public FipsBuildDefinition? FipsBuild { get; set; }

        /// <summary>Overrides the etcd version of the catalog row; must be a +fips.N version.</summary>
        public string? EtcdVersion { get; set; }

        public string? AmiId { get; set; }

        public string? Region { get; set; }

        public string? VmTemplate { get; set; }

        public string? OverrideSecretName { get; set; }

        /// <summary>An air-gapped mirror that replaces both image repositories (tags stay the same).</summary>
        public string? ImageRepository { get; set; }

        public string? Kubeconfig { get; set; }

        public string? Namespace { get; set; }

        public string? RegistryMirrorUrl { get; set; }

        public string? RegistryMirrorUsername { get; set; }

        /// <summary>Secret: passed as --registry-mirror-password, always shown as ***.</summary>
        public string? RegistryMirrorPassword { get; set; }

        /// <summary>Extra dkp arguments, passed through after DkpFips' own.</summary>
        public IReadOnlyList<string>? ExtraArguments { get; set; }

        /// <summary>Environment variables for dkp (AWS credentials go here, never in arguments). Values are secret.</summary>
        public IDictionary<string, string>? Environment { get; set; }

        /// <summary>Add --dry-run --output=yaml.</summary>
        public bool DryRun { get; set; }

        /// <summary>Plan a provider the build's release does not list as FIPS-supported.</summary>
        public bool Force { get; set; }

        /// <summary>The dkp (or nkp) executable.</summary>
        public string Executable { get; set; } = "dkp";
    }
}
