using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Catalog;

namespace DkpFips.Core.Registry
{
    /// <summary>One image of a build and the registry's answer for it.</summary>
    public sealed class BuildImageCheck
    {
        public BuildImageCheck(BuildImage image, ImageLocation location, ImageCheckResult result)
        {
            Image = image;
            Location = location;
            Result = result;
        }

        public BuildImage Image { get; }

        public ImageLocation Location { get; }

        public ImageCheckResult Result { get; }
    }

    /// <summary>Whether a registry serves every image of one FIPS build.</summary>
    public sealed class BuildRegistryCheck
    {
        public BuildRegistryCheck(FipsBuildDefinition build, string registry, IReadOnlyList<BuildImageCheck> images)
        {
            Build = build;
            Registry = registry;

            // Problems first (in kubeadm's order), then the images that are there.
            Images = images.Where(i => i.Result.Status != ImageCheckStatus.Present)
                .Concat(images.Where(i => i.Result.Status == ImageCheckStatus.Present))
                .ToArray();
        }

        public FipsBuildDefinition Build { get; }

        /// <summary>The registry checked (several, comma-separated, when the build's repositories differ).</summary>
        public string Registry { get; }

        /// <summary>Every checked image, those not Present first.</summary>
        public IReadOnlyList<BuildImageCheck> Images { get; }

        /// <summary>True when every checked image is Present.</summary>
        public bool IsComplete => Images.All(i => i.Result.Status == ImageCheckStatus.Present);
    }
}
