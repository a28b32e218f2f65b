using System;
using System.Linq;
using DkpFips.Core.Registry;

namespace DkpFips
{
    /// <summary>Whether a registry serves every image of one FIPS build (Test-FipsBuild).</summary>
    public sealed class FipsBuildRegistryTest
    {
        internal FipsBuildRegistryTest(BuildRegistryCheck check)
        {
            Registry = check.Registry;
            Product = check.Build.Product;
            DkpVersion = check.Build.DkpVersion;
            KubernetesVersion = check.Build.KubernetesVersion.ToKubernetesFlag();
            EtcdVersion = check.Build.EtcdVersion.ToEtcdFlag();
            IsComplete = check.IsComplete;
            Images = check.Images.Select(i => new FipsImageCheck(i)).ToArray();
            NotPresent = Images.Count(i => i.Status != nameof(ImageCheckStatus.Present));
        }

        /// <summary>The registry checked: -Registry, or the build's own repositories.</summary>
        public string Registry { get; }

        public string Product { get; }

        public string DkpVersion { get; }

        /// <summary>The build's --kubernetes-version, e.g. v1.23.7+fips.0.</summary>
        public string KubernetesVersion { get; }

        public string EtcdVersion { get; }

        /// <summary>True when every checked image is Present (for an index: with linux/amd64).</summary>
        public bool IsComplete { get; }

        /// <summary>When the checks ran (UTC); Export-DkpFipsReport shows it.</summary>
        public DateTime CheckedAt { get; } = DateTime.UtcNow;

        /// <summary>Number of checked images that are not Present.</summary>
        public int NotPresent { get; }

        /// <summary>Every checked image, those not Present first.</summary>
        public FipsImageCheck[] Images { get; }

        public override string ToString() => $"{Product} {DkpVersion} ({KubernetesVersion}) at {Registry}: " + (IsComplete ? "complete" : NotPresent + " image(s) not present");
    }
}
