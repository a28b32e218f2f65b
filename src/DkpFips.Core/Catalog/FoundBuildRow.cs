using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Catalog
{
    /// <summary>
    /// What the user states about a build a registry has: the facts a registry cannot know
    /// (release, product, support per provider) and, where the registry cannot tell, its etcd build.
    /// </summary>
    public sealed class FoundBuildStatement
    {
        /// <param name="support">Providers with their operating systems; null when neither was given.</param>
        /// <param name="providersGiven">The user named the providers (-Support or -Provider).</param>
        /// <param name="operatingSystemsGiven">The user named the operating systems (-Support or -OperatingSystem).</param>
        public FoundBuildStatement(
            string product,
            string dkpVersion,
            IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>>? support,
            bool providersGiven,
            bool operatingSystemsGiven,
            string? etcdVersion,
            string? notes,
            DateTimeOffset foundOn)
        {
            Product = product;
            DkpVersion = dkpVersion;
            Support = support;
            ProvidersGiven = providersGiven;
            OperatingSystemsGiven = operatingSystemsGiven;
            EtcdVersion = etcdVersion;
            Notes = notes;
            FoundOn = foundOn;
        }

        public string Product { get; }

        public string DkpVersion { get; }

        public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>>? Support { get; }

        public bool ProvidersGiven { get; }

        public bool OperatingSystemsGiven { get; }

        public string? EtcdVersion { get; }

        public string? Notes { get; }

        public DateTimeOffset FoundOn { get; }
    }

    /// <summary>
    /// Turns a FIPS build Find-FipsBuild found into a user catalog row (basis Custom). The registry
    /// confirms the Kubernetes version and where the images are; the user states the release,
    /// product and support; whatever nobody stated goes into 'unconfirmed'. The row is returned as
    /// <see cref="CatalogReader"/> reads it back from <see cref="CatalogWriter"/>'s text, so a value
    /// the catalog would refuse is refused here, with the reader's reason, before any file is written.
    /// </summary>
    public static class FoundBuildRow
    {
        public static FipsBuildDefinition Create(
            string registry,
            string kubernetesVersion,
            bool isComplete,
            IReadOnlyList<string> missingComponents,
            IReadOnlyList<string> etcdVersions,
            FoundBuildStatement statement)
        {
            var name = $"Kubernetes {kubernetesVersion} at {registry}";
            if (!isComplete)
            {
                throw new CatalogRowException(ErrorKind.RegistryImageNotFound,
                    $"{name} is incomplete: {registry} lacks {string.Join(", ", missingComponents)}. An incomplete build is never written as a catalog row.");
            }

            var kubernetes = ParseFips(kubernetesVersion, "the Kubernetes version");
            var unconfirmed = new List<string>();
            var etcd = ChooseEtcd(name, registry, etcdVersions, statement.EtcdVersion, unconfirmed);

            var support = statement.Support;
            if (support is null || support.Count == 0)
            {
                // Nobody said where the release supports FIPS: every FIPS provider, no operating
                // system listed, both unconfirmed. The planners then refuse every OS until -Force
                // or a completed row: nothing is claimed that nobody stated.
                support = ClusterProvider.FipsCapable.Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p, Array.Empty<string>())).ToArray();
            }

            if (!statement.ProvidersGiven)
            {
                unconfirmed.Add("providers");
            }

            if (!statement.OperatingSystemsGiven)
            {
                unconfirmed.Add("operatingSystems");
            }

            var date = statement.FoundOn.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var row = new FipsBuildDefinition(
                statement.Product,
                statement.DkpVersion.Trim(),
                kubernetes,
                etcd,
                registry,
                registry,
                support,
                unconfirmed.OrderBy(f => Array.IndexOf(CatalogReader.ConfirmableFields, f)).ToArray(),
                CatalogBasis.Custom,
                $"found at {registry} by Find-FipsBuild on {date} (UTC)",
                (statement.Notes ?? string.Empty).Trim(),
                "the new row");

            return ReadBack(row);
        }

        /// <summary>The row as the catalog reads it from the writer's text; a value the reader refuses is <see cref="ErrorKind.InvalidCatalogRow"/>.</summary>
        public static FipsBuildDefinition ReadBack(FipsBuildDefinition row)
        {
            try
            {
                var text = CatalogWriter.ToYaml(new[] { row });
                return CatalogReader.Read(new StringReader(text), row.Origin, CatalogBasis.Custom).Single();
            }
            catch (CatalogFileException ex)
            {
                throw new CatalogRowException(ErrorKind.InvalidCatalogRow, $"{row.Product} {row.DkpVersion} (Kubernetes {row.KubernetesVersion.ToKubernetesFlag()}) cannot be a catalog row: {ex.Problem}", ex);
            }
        }

        private static FipsVersion ChooseEtcd(string name, string registry, IReadOnlyList<string> found, string? given, List<string> unconfirmed)
        {
            var candidates = found.Select(v => ParseFips(v, "an etcd version of the registry")).Distinct().ToArray();
            var listed = candidates.Length == 0 ? "none" : string.Join(", ", candidates.Select(c => c.ToEtcdFlag()));
            if (given is not null)
            {
                if (!FipsVersion.TryParse(given, out var wanted) || !wanted!.IsFips || wanted.IsVersionLine || wanted.FipsBuildNumber is null)
                {
                    throw new CatalogRowException(ErrorKind.InvalidCatalogRow,
                        $"-EtcdVersion '{given}' is not a full FIPS etcd build such as 3.5.21+fips.0. FIPS etcd builds at {registry}: {listed}.");
                }

                if (!candidates.Contains(wanted))
                {
                    throw new CatalogRowException(ErrorKind.EtcdVersionNotFound,
                        $"{registry} has no etcd {wanted.ToEtcdFlag()} (tag {wanted.ToImageTag()}) for {name}; its FIPS etcd builds: {listed}.");
                }

                return wanted;
            }

            if (candidates.Length != 1)
            {
                throw new CatalogRowException(ErrorKind.EtcdVersionRequired,
                    $"Cannot tell the etcd build of {name}: the registry has {(candidates.Length == 0 ? "no FIPS etcd build" : candidates.Length + " FIPS etcd builds (" + listed + ")")}. Give -EtcdVersion with the one this release uses.");
            }

            // The registry shows the etcd image exists, not that this release pairs it with this build.
            unconfirmed.Add("etcdVersion");
            return candidates[0];
        }

        private static FipsVersion ParseFips(string text, string what)
        {
            if (!FipsVersion.TryParse(text, out var version) || !version!.IsFips || version.IsVersionLine)
            {
                throw new CatalogRowException(ErrorKind.InvalidCatalogRow, $"'{text}' is not a FIPS build version ({what}).");
            }

            return version;
        }
    }
}
