using System.Text.RegularExpressions;

namespace DkpFips.Core.Cluster
{
    /// <summary>An image repository such as docker.io/mesosphere or registry.example.internal:5000/mirror/mesosphere.</summary>
    public static class ImageRepository
    {
        private static readonly Regex Pattern = new Regex(
            @"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?(/[a-z0-9]+([._-]+[a-z0-9]+)*)+$",
            RegexOptions.CultureInvariant);

        public static void Validate(string repository)
        {
            if (!Pattern.IsMatch(repository))
            {
                throw new ClusterPlanException(
                    ClusterPlanErrorKind.InvalidImageRepository,
                    $"'{repository}' is not an image repository: write the registry host (and port) and the path, without a scheme or tag, in lower case (for example registry.example.internal:5000/mesosphere).",
                    repository);
            }
        }
    }
}
