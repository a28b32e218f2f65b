using System;
using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Errors;
using DkpFips.Core.Text;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Catalog
{
    /// <summary>
    /// Version text, and maybe a build the user already chose (a piped Get-FipsBuild object),
    /// to catalog builds: the one place that parses the text, checks it against the chosen build,
    /// picks the build a planner uses, and refuses with the nearest versions named.
    /// </summary>
    public sealed class FipsBuildSelector
    {
        private readonly FipsCatalog catalog;

        public FipsBuildSelector(FipsCatalog catalog)
        {
            this.catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        }

        /// <summary>The version in <paramref name="text"/>, or null when the text is blank.</summary>
        public static FipsVersion? ParseWanted(string? text) => GivenText.OrNull(text) is null ? null : Parse(text);

        /// <summary>The version in <paramref name="text"/>; blank text is refused like any other that is not a version.</summary>
        public static FipsVersion Parse(string? text)
        {
            if (!FipsVersion.TryParse(text, out var wanted))
            {
                var shown = GivenText.OrNull(text) ?? text;
                throw new BuildSelectionException(
                    ErrorKind.InvalidKubernetesVersion,
                    $"'{shown}' is not a Kubernetes version. Accepted forms: {FipsVersion.AcceptedForms}.",
                    shown,
                    inner: new FipsVersionFormatException(text));
            }

            return wanted!;
        }

        /// <summary>
        /// The Kubernetes version a planner uses and its build: the chosen build (which a version given with it must match),
        /// else the build <see cref="FipsCatalog.Select"/> picks for the version. With
        /// <paramref name="allowUncatalogued"/>, a full version the catalog lacks is returned
        /// without a build (null). <paramref name="checkWanted"/> may refuse a version before the catalog is asked.
        /// </summary>
        public (FipsVersion Version, FipsBuildDefinition? Build) Resolve(string? text, FipsBuildDefinition? chosen, bool allowUncatalogued = false, Action<FipsVersion, string>? checkWanted = null)
        {
            var clean = GivenText.OrNull(text);
            var wanted = ParseWanted(clean);
            if (chosen is not null)
            {
                if (wanted is not null && !wanted.Matches(chosen.KubernetesVersion))
                {
                    throw new BuildSelectionException(
                        ErrorKind.FipsBuildConflict,
                        $"-KubernetesVersion {clean} does not match the FIPS build given ({chosen}).",
                        clean);
                }

                return (chosen.KubernetesVersion, chosen);
            }

            if (wanted is null)
            {
                throw new BuildSelectionException(
                    ErrorKind.KubernetesVersionRequired,
                    "No FIPS build was chosen: give -KubernetesVersion (for example 1.23 for the newest 1.23 FIPS build) or pipe a build from Get-FipsBuild.",
                    null);
            }

            checkWanted?.Invoke(wanted, clean!);
            var build = catalog.Select(wanted);
            if (build is not null)
            {
                return (build.KubernetesVersion, build);
            }

            if (allowUncatalogued && !wanted.IsVersionLine)
            {
                return (wanted, null);
            }

            throw NotFound(wanted, "Kubernetes " + clean, clean!);
        }

        /// <summary>
        /// The builds a cmdlet acts on for one version text: every build the version matches, or
        /// for a version line with <paramref name="lineSelectsOne"/> the one a planner would pick.
        /// </summary>
        public IReadOnlyList<FipsBuildDefinition> FindAll(string? text, bool lineSelectsOne = false)
        {
            var wanted = Parse(text);
            var found = lineSelectsOne && wanted.IsVersionLine
                ? (catalog.Select(wanted) is { } chosen ? new[] { chosen } : Array.Empty<FipsBuildDefinition>())
                : catalog.Find(wanted);
            return found.Count > 0 ? found : throw NotFound(wanted, "Kubernetes " + GivenText.OrNull(text), GivenText.OrNull(text)!);
        }

        /// <summary>The one not-found refusal for a Kubernetes version, naming the nearest catalog versions.</summary>
        /// <param name="described">What matched nothing, e.g. "Kubernetes 1.20" or "Kubernetes 1.20 and DKP 2.3".</param>
        public BuildSelectionException NotFound(FipsVersion wanted, string described, string target) =>
            BuildSelectionException.NotFound(described, catalog.NearestKubernetesVersions(wanted).Select(v => v.ToKubernetesFlag()), target);
    }
}
