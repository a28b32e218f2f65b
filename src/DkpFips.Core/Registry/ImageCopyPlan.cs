using System.Collections.Generic;
using DkpFips.Core.Catalog;

namespace DkpFips.Core.Registry
{
    /// <summary>One image to copy: where it comes from and where it goes (same name and tag below the destination).</summary>
    public sealed class ImageCopyPlan
    {
        public ImageCopyPlan(FipsBuildDefinition build, BuildImage image, ImageLocation source, ImageLocation destination)
        {
            Build = build;
            Image = image;
            Source = source;
            Destination = destination;
        }

        public FipsBuildDefinition Build { get; }

        public BuildImage Image { get; }

        public ImageLocation Source { get; }

        public ImageLocation Destination { get; }

        /// <summary>
        /// The images of <paramref name="builds"/>: from <paramref name="source"/> when given, else
        /// each build's own repositories, to the same name and tag below <paramref name="destination"/>.
        /// An image shared by several builds (an etcd tag) is planned once.
        /// Throws <see cref="RegistryReferenceFormatException"/> for a malformed build repository.
        /// </summary>
        public static IReadOnlyList<ImageCopyPlan> For(IEnumerable<(FipsBuildDefinition Build, RegistryReference? Source)> builds, RegistryReference destination, bool includeUpstream)
        {
            var plans = new List<ImageCopyPlan>();
            var seen = new HashSet<string>();
            foreach (var (build, source) in builds)
            {
                foreach (var (image, location) in FipsBuildRegistryChecker.Locate(build, source, includeUpstream))
                {
                    var target = new ImageLocation(destination, destination.RepositoryOf(image.Name), image.Tag);
                    if (seen.Add(location.Key + ">" + target.Key))
                    {
                        plans.Add(new ImageCopyPlan(build, image, location, target));
                    }
                }
            }

            return plans;
        }
    }
}
