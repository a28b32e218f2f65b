using DkpFips.Core.Versioning;

namespace DkpFips.Core.ImageBuilder
{
    /// <summary>One machine image a KIB run produced, in one region (an AMI) or a vSphere template.</summary>
    public sealed class BuiltImage
    {
        public BuiltImage(string imageId, string? region, string builderType, FipsVersion kubernetesVersion, string? distribution, string? distributionVersion, string? containerdVersion)
        {
            ImageId = imageId;
            Region = region;
            BuilderType = builderType;
            KubernetesVersion = kubernetesVersion;
            Distribution = distribution;
            DistributionVersion = distributionVersion;
            ContainerdVersion = containerdVersion;
        }

        /// <summary>The AMI id (ami-...) or the vSphere template name.</summary>
        public string ImageId { get; }

        /// <summary>The AWS region of the AMI; null for a vSphere template.</summary>
        public string? Region { get; }

        /// <summary>Packer's builder: amazon-ebs, vsphere-clone, ...</summary>
        public string BuilderType { get; }

        public bool IsAmi => Region is not null;

        public FipsVersion KubernetesVersion { get; }

        public string? Distribution { get; }

        public string? DistributionVersion { get; }

        public string? ContainerdVersion { get; }

        /// <summary>The operating system as the catalog writes it, e.g. RHEL 8.4.</summary>
        public string? OperatingSystem => ImageDefinition.DisplayName(Distribution, DistributionVersion);
    }
}
