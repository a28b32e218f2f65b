using System.Linq;

namespace DkpFips.Core.Catalog
{
    /// <summary>
    /// Whether a FIPS build's release supports a provider, or an operating system on a provider,
    /// as its catalog row says; and the refusal text, which names what the release supports.
    /// The planners refuse on these (unless -Force); Test-FipsAmi fails its OS check on them.
    /// </summary>
    public static class ReleaseSupport
    {
        /// <summary>Null when <paramref name="build"/> supports FIPS on <paramref name="provider"/>; else why not.</summary>
        public static string? ProviderProblem(FipsBuildDefinition build, string provider)
        {
            if (build.SupportsProvider(provider))
            {
                return null;
            }

            return $"{Release(build)} supports FIPS clusters on {string.Join(", ", build.Providers)}, not on {provider} (the catalog lists {Listing(build)}).";
        }

        /// <summary>Null when <paramref name="build"/> supports FIPS on <paramref name="operatingSystem"/> with <paramref name="provider"/>; else why not.</summary>
        public static string? OperatingSystemProblem(FipsBuildDefinition build, string provider, string operatingSystem)
        {
            var providerProblem = ProviderProblem(build, provider);
            if (providerProblem is not null)
            {
                return providerProblem;
            }

            if (build.Supports(provider, operatingSystem))
            {
                return null;
            }

            var listed = build.OperatingSystemsFor(provider);
            return $"{Release(build)} supports FIPS on {provider} with {(listed.Count == 0 ? "no listed operating system" : string.Join(", ", listed))}, not {operatingSystem}.";
        }

        /// <summary>
        /// The warning for a plan that -Force let past the release's support (null when the plan
        /// is supported, or has no catalog build): the user sees that the combination is not vendor-listed.
        /// </summary>
        public static string? ForcedPast(FipsBuildDefinition? build, string provider, string? operatingSystem = null)
        {
            if (build is null)
            {
                return null;
            }

            var problem = operatingSystem is null ? ProviderProblem(build, provider) : OperatingSystemProblem(build, provider, operatingSystem);
            return problem is null ? null : "Planned with -Force although " + problem;
        }

        /// <summary>The sentence that says -Force goes past the catalog's support data, and what it means.</summary>
        public const string ForceHint = "Choose a supported combination, or give -Force if you know the vendor supports it (for example from newer release notes); add a catalog row with -CatalogPath to make it permanent.";

        private static string Release(FipsBuildDefinition build)
            => $"{build.Product} {build.DkpVersion} (Kubernetes {build.KubernetesVersion.ToKubernetesFlag()})";

        private static string Listing(FipsBuildDefinition build) => string.Join("; ", build.DescribeSupport());
    }
}
