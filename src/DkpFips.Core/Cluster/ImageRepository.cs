using System.Text.RegularExpressions;
using DkpFips.Core.Errors;

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
            var match = Pattern.Match(repository);
            if (!match.Success || !PortInRange(repository))
            {
                throw new ClusterPlanException(
                    ErrorKind.InvalidImageRepository,
                    $"'{Process.CommandLineText.Visible(repository)}' is not an image repository: write the registry host (and port) and the path, without a scheme or tag, in lower case (for example registry.example.internal:5000/mesosphere).",
                    Process.CommandLineText.Visible(repository));
            }
        }

        // host:port/path: a port is 1 to 65535 (the pattern allows up to five digits).
        private static bool PortInRange(string repository)
        {
            var slash = repository.IndexOf('/');
            var host = slash < 0 ? repository : repository.Substring(0, slash);
            var colon = host.LastIndexOf(':');
            return colon < 0 || (int.TryParse(host.Substring(colon + 1), out var port) && port >= 1 && port <= 65535);
        }
    }
}
