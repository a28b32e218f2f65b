using System.Management.Automation;
using DkpFips.Core.Catalog;

namespace DkpFips.Infrastructure
{
    /// <summary>The ErrorId and category of each reason a version selected no catalog build.</summary>
    internal static class BuildSelectionErrorMap
    {
        public static (string Id, ErrorCategory Category) Classify(BuildSelectionFailure failure) => failure switch
        {
            BuildSelectionFailure.InvalidVersion => (ErrorIds.InvalidKubernetesVersion, ErrorCategory.InvalidArgument),
            BuildSelectionFailure.VersionRequired => (ErrorIds.KubernetesVersionRequired, ErrorCategory.InvalidArgument),
            BuildSelectionFailure.Conflict => (ErrorIds.FipsBuildConflict, ErrorCategory.InvalidArgument),
            _ => (ErrorIds.FipsBuildNotFound, ErrorCategory.ObjectNotFound),
        };

        /// <summary>The hint for a command without -CatalogPath: a build it lacks is added with a catalog file.</summary>
        public static string? CatalogFileAction(BuildSelectionException exception) =>
            exception.Failure == BuildSelectionFailure.NotFound
                ? "Run Get-FipsBuild to list every build, or add a row with a catalog file if your release is newer than this module."
                : null;
    }
}
