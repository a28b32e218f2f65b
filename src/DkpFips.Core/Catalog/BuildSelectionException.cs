using System.Collections.Generic;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Catalog
{
    /// <summary>
    /// The one refusal of <see cref="FipsBuildSelector"/>, worded once for every planner and cmdlet
    /// that turns a version into a build. Its kind is InvalidKubernetesVersion,
    /// KubernetesVersionRequired, FipsBuildConflict or FipsBuildNotFound; its target is the
    /// version text at fault, as given (null when none was).
    /// </summary>
    public sealed class BuildSelectionException : DkpFipsException
    {
        public const string NotFoundAction = "Run Get-FipsBuild to list every build, or add a row with -CatalogPath if your release is newer than this module.";

        public BuildSelectionException(ErrorKind kind, string message, string? text, string? recommendedAction = null, System.Exception? inner = null)
            : base(kind, message, text, recommendedAction, inner)
        {
        }

        /// <summary>The version text at fault, as given (null when none was).</summary>
        public string? Text => Target as string;

        /// <summary>
        /// The remedy for a command without -CatalogPath: a build it lacks is added with a
        /// catalog file (DKPFIPS_CATALOG_PATH) instead.
        /// </summary>
        public string? RecommendedActionWithoutCatalogPath =>
            Kind == ErrorKind.FipsBuildNotFound
                ? "Run Get-FipsBuild to list every build, or add a row with a catalog file if your release is newer than this module."
                : RecommendedAction;

        /// <summary>Nothing in the catalog matches <paramref name="described"/> ("Kubernetes 1.20", "DKP 2.9").</summary>
        public static BuildSelectionException NotFound(string described, IEnumerable<string> nearest, string? text) =>
            new BuildSelectionException(
                ErrorKind.FipsBuildNotFound,
                $"No FIPS build in the catalog matches {described}. Nearest supported: {string.Join(", ", nearest)}.",
                text,
                NotFoundAction);
    }
}
