using System.Collections.Generic;
using DkpFips.Core.Catalog;

namespace DkpFips.Core.Upgrade
{
    /// <summary>What an admin knows about a FIPS cluster to upgrade. Empty strings count as not given.</summary>
    public sealed class UpgradeRequest
    {
        public string? ClusterName { get; set; }

        public string? Provider { get; set; }

        /// <summary>The target: a full +fips.N version, or a line (1.24 picks the newest 1.24 FIPS build).</summary>
        public string? KubernetesVersion { get; set; }

        /// <summary>A catalog row chosen beforehand (Get-FipsBuild); wins over the catalog lookup.</summary>
        public FipsBuildDefinition? FipsBuild { get; set; }

        /// <summary>The version the cluster runs now; default the management cluster's KubeadmControlPlane spec.version.</summary>
        public string? CurrentVersion { get; set; }

        public string? AmiId { get; set; }

        public string? VmTemplate { get; set; }

        /// <summary>The node pools (MachineDeployment names) to upgrade; null: read them from the management cluster.</summary>
        public IReadOnlyList<string>? NodePools { get; set; }

        /// <summary>The management cluster's kubeconfig, passed to dkp as --kubeconfig.</summary>
        public string? Kubeconfig { get; set; }

        public string? Namespace { get; set; }

        /// <summary>Plan a target that is not in the catalog (a full +fips.N version is still required), or on a provider its release does not list.</summary>
        public bool Force { get; set; }

        /// <summary>Environment variables for dkp (AWS credentials go here, never in arguments). Values are secret.</summary>
        public IDictionary<string, string>? Environment { get; set; }

        /// <summary>The dkp (or nkp) executable.</summary>
        public string Executable { get; set; } = "dkp";
    }
}
