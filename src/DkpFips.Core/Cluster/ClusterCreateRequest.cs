using System;
using System.Collections.Generic;
using DkpFips.Core.Catalog;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// A FIPS cluster to create: the cluster as specified (<see cref="Spec"/>) composed with what
    /// only a run has (a chosen build, credentials, the executable, the switches). Empty strings
    /// count as not given.
    /// </summary>
    public sealed class ClusterCreateRequest
    {
        public ClusterCreateRequest()
            : this(new ClusterOptions())
        {
        }

        public ClusterCreateRequest(ClusterOptions spec)
        {
            Spec = spec ?? throw new ArgumentNullException(nameof(spec));
        }

        /// <summary>The cluster's fields (name, provider, versions, machine image, mirrors, extra arguments).</summary>
        public ClusterOptions Spec { get; }

        /// <summary>A catalog row chosen beforehand (Get-FipsBuild); wins over the catalog lookup.</summary>
        public FipsBuildDefinition? FipsBuild { get; set; }

        public string? RegistryMirrorUsername { get; set; }

        /// <summary>Secret: passed as --registry-mirror-password, always shown as ***.</summary>
        public string? RegistryMirrorPassword { get; set; }

        /// <summary>Environment variables for dkp (AWS credentials go here, never in arguments); a null value removes one it would inherit. Values are secret.</summary>
        public IDictionary<string, string?>? Environment { get; set; }

        /// <summary>Add --dry-run --output=yaml.</summary>
        public bool DryRun { get; set; }

        /// <summary>Plan a provider the build's release does not list as FIPS-supported.</summary>
        public bool Force { get; set; }

        /// <summary>The dkp (or nkp) executable, resolved from <see cref="ClusterOptions.DkpPath"/>.</summary>
        public string Executable { get; set; } = "dkp";
    }
}
