using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Catalog
{
    /// <summary>
    /// The set of supported FIPS builds: the built-in rows shipped with the module, with rows
    /// from user catalog files added or replacing built-in ones. Immutable.
    /// </summary>
    public sealed class FipsCatalog
    {
        /// <summary>Environment variable holding extra catalog files, separated like PATH.</summary>
        public const string PathEnvironmentVariable = "DKPFIPS_CATALOG_PATH";

        // Parsed once per process: the built-in catalog never changes while the module is loaded.
        private static readonly Lazy<FipsCatalog> BuiltInCatalog = new Lazy<FipsCatalog>(LoadBuiltIn);

        private FipsCatalog(IEnumerable<FipsBuildDefinition> builds)
        {
            Builds = builds
                .OrderBy(b => b.KubernetesVersion)
                .ThenBy(b => b.EtcdVersion)
                .ToArray();
        }

        /// <summary>Every build, oldest Kubernetes version first.</summary>
        public IReadOnlyList<FipsBuildDefinition> Builds { get; }

        public static FipsCatalog BuiltIn => BuiltInCatalog.Value;

        /// <summary>
        /// The built-in catalog with each file's rows applied in order (a later row with the same
        /// DKP and Kubernetes version replaces an earlier one). A file that cannot be used is
        /// skipped and reported in <see cref="CatalogLoadResult.Errors"/>; the rest still load.
        /// </summary>
        public static CatalogLoadResult Load(IEnumerable<string> catalogFiles)
        {
            var files = catalogFiles.ToList();
            if (files.Count == 0)
            {
                return new CatalogLoadResult(BuiltIn, Array.Empty<CatalogFileException>());
            }

            var rows = new Dictionary<string, FipsBuildDefinition>(StringComparer.OrdinalIgnoreCase);
            foreach (var build in BuiltIn.Builds)
            {
                rows[build.Key] = build;
            }

            var errors = new List<CatalogFileException>();
            foreach (var file in files)
            {
                try
                {
                    foreach (var build in CatalogReader.ReadFile(file))
                    {
                        rows[build.Key] = build;
                    }
                }
                catch (CatalogFileException ex)
                {
                    errors.Add(ex);
                }
            }

            return new CatalogLoadResult(new FipsCatalog(rows.Values), errors);
        }

        /// <summary>Splits the value of <see cref="PathEnvironmentVariable"/> into file paths.</summary>
        public static IReadOnlyList<string> SplitPathList(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return Array.Empty<string>();
            }

            return value!.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Trim())
                .Where(p => p.Length > 0)
                .ToArray();
        }

        /// <summary>
        /// Builds matching every given filter, oldest first. <paramref name="kubernetesVersion"/>
        /// follows <see cref="FipsVersion.Matches"/>: <c>1.23</c> selects every 1.23 build.
        /// </summary>
        public IReadOnlyList<FipsBuildDefinition> Find(FipsVersion? kubernetesVersion = null, Func<string, bool>? dkpVersionMatches = null)
        {
            return Builds
                .Where(b => kubernetesVersion is null || kubernetesVersion.Matches(b.KubernetesVersion))
                .Where(b => dkpVersionMatches is null || dkpVersionMatches(b.DkpVersion))
                .ToArray();
        }

        /// <summary>
        /// The one build a Kubernetes version or line selects when a planner must pick one: the
        /// newest match, except that a vendor-documented (or the user's own) row wins over an
        /// Inferred one of the same line, so 1.23 stays the documented 1.23.7 build although the
        /// Inferred 2.3.2 row carries 1.23.12. Null when nothing matches.
        /// </summary>
        public FipsBuildDefinition? Select(FipsVersion wanted)
        {
            var builds = Find(wanted);
            var preferred = builds.Where(b => b.Basis != CatalogBasis.Inferred).ToList();
            return preferred.Count > 0 ? preferred[preferred.Count - 1] : builds.LastOrDefault();
        }

        /// <summary>
        /// The Kubernetes versions in the catalog closest to <paramref name="wanted"/>: the ones of
        /// the same minor line when there are any, otherwise the nearest lines on each side.
        /// Used to tell a user what they could have meant.
        /// </summary>
        public IReadOnlyList<FipsVersion> NearestKubernetesVersions(FipsVersion wanted, int count = 3)
        {
            var versions = Builds.Select(b => b.KubernetesVersion).Distinct().ToList();
            var sameLine = versions.Where(v => v.Major == wanted.Major && v.Minor == wanted.Minor).ToList();
            if (sameLine.Count > 0)
            {
                return sameLine;
            }

            var wantedRank = (wanted.Major * 1000) + wanted.Minor;
            return versions
                .OrderBy(v => Math.Abs(((v.Major * 1000) + v.Minor) - wantedRank))
                .ThenByDescending(v => v)
                .Take(count)
                .OrderBy(v => v)
                .ToList();
        }

        // Compiled from Catalog/BuiltInCatalog.yaml at build time: no YAML is parsed (and
        // YamlDotNet is not loaded) unless the user adds catalog files.
        private static FipsCatalog LoadBuiltIn() => new FipsCatalog(BuiltInCatalogRows.Create());
    }
}
