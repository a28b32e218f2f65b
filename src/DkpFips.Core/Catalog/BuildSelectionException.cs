using System;
using System.Collections.Generic;

namespace DkpFips.Core.Catalog
{
    /// <summary>Why a version text (and maybe a chosen build) did not select a catalog build.</summary>
    public enum BuildSelectionFailure
    {
        /// <summary>The text is not a version in any accepted form.</summary>
        InvalidVersion,

        /// <summary>Neither a version nor a build was given.</summary>
        VersionRequired,

        /// <summary>The version given does not match the build given with it.</summary>
        Conflict,

        /// <summary>No catalog build matches; the message names the nearest ones.</summary>
        NotFound,
    }

    /// <summary>
    /// The one refusal of <see cref="FipsBuildSelector"/>, worded once for every planner and cmdlet
    /// that turns a version into a build; each maps <see cref="Failure"/> to its own ErrorId.
    /// </summary>
    public sealed class BuildSelectionException : Exception
    {
        public const string NotFoundAction = "Run Get-FipsBuild to list every build, or add a row with -CatalogPath if your release is newer than this module.";

        public BuildSelectionException(BuildSelectionFailure failure, string message, string? text, string? recommendedAction = null, Exception? inner = null)
            : base(message, inner)
        {
            Failure = failure;
            Text = text;
            RecommendedAction = recommendedAction;
        }

        public BuildSelectionFailure Failure { get; }

        /// <summary>The version text at fault, as given (null when none was).</summary>
        public string? Text { get; }

        public string? RecommendedAction { get; }

        /// <summary>Nothing in the catalog matches <paramref name="described"/> ("Kubernetes 1.20", "DKP 2.9").</summary>
        public static BuildSelectionException NotFound(string described, IEnumerable<string> nearest, string? text) =>
            new BuildSelectionException(
                BuildSelectionFailure.NotFound,
                $"No FIPS build in the catalog matches {described}. Nearest supported: {string.Join(", ", nearest)}.",
                text,
                NotFoundAction);
    }
}
