using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Evidence;

namespace DkpFips.Core.Aws
{
    /// <summary>The verdict on one AMI in one region, with the checks that led to it.</summary>
    public sealed class AmiReport
    {
        public AmiReport(string imageId, string region, AmiImage? image, string? operatingSystem, string? kubernetesVersion, IReadOnlyList<CheckResult> checks)
        {
            ImageId = imageId;
            Region = region;
            Image = image;
            OperatingSystem = operatingSystem;
            KubernetesVersion = kubernetesVersion;
            Checks = checks;
        }

        public string ImageId { get; }

        public string Region { get; }

        /// <summary>Null when EC2 did not return the image.</summary>
        public AmiImage? Image { get; }

        /// <summary>The detected operating system, e.g. <c>RHEL 8.4</c>; null when unknown.</summary>
        public string? OperatingSystem { get; }

        /// <summary>The baked Kubernetes version in flag form, e.g. <c>v1.23.7+fips.0</c>; null when unknown.</summary>
        public string? KubernetesVersion { get; }

        public IReadOnlyList<CheckResult> Checks { get; }

        /// <summary>True only when no check failed.</summary>
        public bool IsFipsReady => Checks.All(c => c.Status != CheckStatus.Failed);

        /// <summary>The first failed check, else the first warning; null when all passed.</summary>
        public CheckResult? FirstConcern =>
            Checks.FirstOrDefault(c => c.Status == CheckStatus.Failed) ?? Checks.FirstOrDefault(c => c.Status == CheckStatus.Warning);
    }
}
