using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Catalog;

namespace DkpFips.Core.Registry
{
    /// <summary>
    /// Checks that a registry serves every image of FIPS builds: the build's own repositories
    /// (docker.io/mesosphere for the built-in rows), or one mirror given instead. All images of
    /// all builds go to the client together, so they run concurrently within its bound.
    /// </summary>
    public sealed class FipsBuildRegistryChecker
    {
        private readonly RegistryClient client;

        public FipsBuildRegistryChecker(RegistryClient client)
        {
            this.client = client;
        }

        /// <summary>
        /// Where each image of <paramref name="build"/> is looked for: below <paramref name="mirror"/>
        /// when given (the tags stay the same), else in the build's own repositories.
        /// Throws <see cref="RegistryReferenceFormatException"/> for a malformed build repository.
        /// </summary>
        public static IReadOnlyList<(BuildImage Image, ImageLocation Location)> Locate(FipsBuildDefinition build, RegistryReference? mirror, bool includeUpstream)
        {
            var result = new List<(BuildImage, ImageLocation)>();
            foreach (var image in build.GetImages(includeUpstream))
            {
                var registry = mirror ?? RegistryReference.Parse(image.Repository);
                result.Add((image, new ImageLocation(registry, registry.RepositoryOf(image.Name), image.Tag)));
            }

            return result;
        }

        public async Task<IReadOnlyList<BuildRegistryCheck>> CheckAsync(
            IReadOnlyList<FipsBuildDefinition> builds,
            RegistryReference? mirror,
            bool includeUpstream,
            CancellationToken cancellationToken,
            Action<ImageCheckResult, int, int>? onChecked = null)
        {
            var located = builds.Select(build => Locate(build, mirror, includeUpstream)).ToArray();
            var all = located.SelectMany(images => images.Select(i => i.Location)).ToArray();
            var results = await client.CheckImagesAsync(all, cancellationToken, onChecked).ConfigureAwait(false);

            var checks = new List<BuildRegistryCheck>(builds.Count);
            var next = 0;
            for (var b = 0; b < builds.Count; b++)
            {
                var images = located[b].Select(i => new BuildImageCheck(i.Image, i.Location, results[next++])).ToArray();
                var registries = string.Join(", ", images.Select(i => RegistryText(i.Location.Registry)).Distinct());
                checks.Add(new BuildRegistryCheck(builds[b], registries, images));
            }

            return checks;
        }

        private static string RegistryText(RegistryReference registry) => registry.ToString();
    }
}
