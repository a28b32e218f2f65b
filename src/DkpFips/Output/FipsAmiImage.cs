using DkpFips.Core.ImageBuilder;

namespace DkpFips
{
    /// <summary>
    /// One FIPS machine image New-FipsAmi built: an AMI in one region, or a vSphere template.
    /// Binds by property name to Test-FipsAmi (-ImageId) and New-DkpFipsCluster (-AmiId or
    /// -VmTemplate, -Region, -KubernetesVersion, -Provider).
    /// </summary>
    public sealed class FipsAmiImage
    {
        internal FipsAmiImage(BuiltImage image, string manifestPath, string? logPath)
        {
            ImageId = image.ImageId;
            Region = image.Region;
            Provider = image.IsAmi ? KibPlatform.Aws : KibPlatform.Vsphere;
            AmiId = image.IsAmi ? image.ImageId : null;
            VmTemplate = image.IsAmi ? null : image.ImageId;
            KubernetesVersion = image.KubernetesVersion.ToKubernetesFlag();
            OperatingSystem = image.OperatingSystem;
            ContainerdVersion = image.ContainerdVersion;
            ManifestPath = manifestPath;
            LogPath = logPath;
        }

        /// <summary>The AMI id (ami-...) or the vSphere template name.</summary>
        public string ImageId { get; }

        /// <summary>The AWS region of the AMI; empty for a vSphere template.</summary>
        public string? Region { get; }

        /// <summary>aws or vsphere: the dkp create cluster provider the image is for.</summary>
        public string Provider { get; }

        /// <summary>The AMI id again, under the name New-DkpFipsCluster binds (-AmiId); empty for a template.</summary>
        public string? AmiId { get; }

        /// <summary>The template name again, under the name New-DkpFipsCluster binds (-VmTemplate); empty for an AMI.</summary>
        public string? VmTemplate { get; }

        /// <summary>The Kubernetes version baked into the image, e.g. v1.23.7+fips.0.</summary>
        public string KubernetesVersion { get; }

        /// <summary>The operating system, e.g. RHEL 8.4.</summary>
        public string? OperatingSystem { get; }

        public string? ContainerdVersion { get; }

        /// <summary>The packer manifest.json the image was read from.</summary>
        public string ManifestPath { get; }

        /// <summary>The log of the konvoy-image run.</summary>
        public string? LogPath { get; }

        public override string ToString() => Region is null ? ImageId : Region + ":" + ImageId;
    }
}
