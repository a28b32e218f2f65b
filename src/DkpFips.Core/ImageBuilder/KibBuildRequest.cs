using System.Collections.Generic;
using DkpFips.Core.Catalog;

namespace DkpFips.Core.ImageBuilder
{
    /// <summary>What New-FipsAmi was asked for: every value as given (blank means not given).</summary>
    public sealed class KibBuildRequest
    {
        /// <summary>aws or vsphere; implied by the image definition's folder when left out.</summary>
        public string? Platform { get; set; }

        /// <summary>The image definition path, e.g. images/ami/rhel-84.yaml.</summary>
        public string? ImageDefinition { get; set; }

        /// <summary>An operating system (rhel-8.4, RHEL 8.4, ...) resolved to its image definition.</summary>
        public string? OperatingSystem { get; set; }

        public string? KubernetesVersion { get; set; }

        public FipsBuildDefinition? FipsBuild { get; set; }

        /// <summary>Allow a Kubernetes version the catalog has no FIPS build of, or a platform or OS its release does not list.</summary>
        public bool Force { get; set; }

        public bool AirGapped { get; set; }

        public IReadOnlyList<string> ExtraOverrides { get; set; } = new string[0];

        public string? Region { get; set; }

        public string? SourceAmi { get; set; }

        public string? SourceAmiFilterName { get; set; }

        public string? SourceAmiFilterOwner { get; set; }

        public IReadOnlyList<string> AmiRegions { get; set; } = new string[0];

        public string? InstanceType { get; set; }

        public string? ContainerdVersion { get; set; }

        /// <summary>The konvoy-image program (a name on PATH or a path).</summary>
        public string Executable { get; set; } = "konvoy-image";

        /// <summary>Environment variables for KIB (AWS credentials); a null value removes one it would inherit; secret-looking ones are masked everywhere.</summary>
        public IDictionary<string, string?> Environment { get; set; } = new Dictionary<string, string?>();
    }
}
