using System;
using System.Collections.Generic;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;

namespace DkpFips.Core.Upgrade
{
    /// <summary>
    /// What an admin knows about a FIPS cluster to upgrade: the cluster's fields (the same
    /// <see cref="ClusterOptions"/> a create takes, written by the same parameters) composed with
    /// what only an upgrade has. Empty strings count as not given.
    /// </summary>
    public sealed class UpgradeRequest
    {
        public UpgradeRequest()
            : this(new ClusterOptions())
        {
        }

        public UpgradeRequest(ClusterOptions spec)
        {
            Spec = spec ?? throw new ArgumentNullException(nameof(spec));
        }

        /// <summary>
        /// The cluster's fields an upgrade uses: name, provider, the target KubernetesVersion (a
        /// full +fips.N version, or a line: 1.24 picks the newest 1.24 FIPS build), AmiId or
        /// VmTemplate, Namespace and ManagementKubeconfig (passed to dkp as --kubeconfig). The
        /// fields only a create has are not read.
        /// </summary>
        public ClusterOptions Spec { get; }

        /// <summary>A catalog row chosen beforehand (Get-FipsBuild); wins over the catalog lookup.</summary>
        public FipsBuildDefinition? FipsBuild { get; set; }

        /// <summary>The version the cluster runs now; default the management cluster's KubeadmControlPlane spec.version.</summary>
        public string? CurrentVersion { get; set; }

        /// <summary>The node pools (MachineDeployment names) to upgrade; null: read them from the management cluster.</summary>
        public IReadOnlyList<string>? NodePools { get; set; }

        /// <summary>Plan a target that is not in the catalog (a full +fips.N version is still required), or on a provider its release does not list.</summary>
        public bool Force { get; set; }

        /// <summary>Environment variables for dkp (AWS credentials go here, never in arguments); a null value removes one it would inherit. Values are secret.</summary>
        public IDictionary<string, string?>? Environment { get; set; }

        /// <summary>The dkp (or nkp) executable.</summary>
        public string Executable { get; set; } = "dkp";
    }
}
