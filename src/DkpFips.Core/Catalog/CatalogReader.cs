using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DkpFips.Core.Cluster;
using DkpFips.Core.Versioning;
using DkpFips.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace DkpFips.Core.Catalog
{
    /// <summary>
    /// Reads catalog YAML into build rows. Works on the YAML node tree (not a deserializer) so
    /// that every problem, syntax or meaning, is reported with the line and column it is at.
    /// </summary>
    public static class CatalogReader
    {
        /// <summary>The newest schema this module reads; version 1 files still load.</summary>
        public const int SchemaVersion = 2;

        private static readonly string[] DefaultProviders = { "aws", "vsphere", "preprovisioned" };

        private static readonly string[] Products = { "Konvoy", "DKP", "NKP" };

        private static readonly string[] FipsFamilies = { "rhel", "centos", "oracle" };

        /// <summary>The row fields a row can mark as not confirmed by a vendor source.</summary>
        public static readonly string[] ConfirmableFields =
        {
            "kubernetesVersion", "etcdVersion", "kubernetesImageRepository", "etcdImageRepository", "operatingSystems", "providers",
        };

        private static readonly HashSet<string> CommonKeys = new HashSet<string>(StringComparer.Ordinal)
        {
            "product", "dkpVersion", "kubernetesVersion", "etcdVersion", "kubernetesImageRepository",
            "etcdImageRepository", "basis", "source", "notes", "unconfirmed",
        };

        // Schema 1 lists operating systems and providers apart (every OS on every provider);
        // schema 2 lists the operating systems of each provider under 'support'.
        private static readonly HashSet<string> KnownKeysV1 = new HashSet<string>(CommonKeys.Concat(new[] { "operatingSystems", "providers" }), StringComparer.Ordinal);

        private static readonly HashSet<string> KnownKeysV2 = new HashSet<string>(CommonKeys.Concat(new[] { "support" }), StringComparer.Ordinal);

        /// <summary>Reads a catalog file. Throws <see cref="CatalogFileException"/> for anything wrong with it.</summary>
        public static IReadOnlyList<FipsBuildDefinition> ReadFile(string path)
        {
            string text;
            try
            {
                text = YamlTree.ReadFile(path, "catalog file");
            }
            catch (YamlTreeException ex)
            {
                throw new CatalogFileException(path, ex);
            }

            return Read(new StringReader(text), path, defaultBasis: CatalogBasis.Custom);
        }

        /// <summary>Reads catalog YAML; <paramref name="origin"/> names it in errors and on each row.</summary>
        public static IReadOnlyList<FipsBuildDefinition> Read(TextReader reader, string origin, CatalogBasis defaultBasis)
        {
            try
            {
                return ReadTree(reader, origin, defaultBasis);
            }
            catch (YamlTreeException ex)
            {
                throw new CatalogFileException(origin, ex);
            }
        }

        private static IReadOnlyList<FipsBuildDefinition> ReadTree(TextReader reader, string origin, CatalogBasis defaultBasis)
        {
            var documents = YamlTree.Load(reader);
            if (documents.Count != 1)
            {
                throw new CatalogFileException(origin, 1, 1, $"expected one YAML document, found {documents.Count}.");
            }

            var root = documents[0].RootNode as YamlMappingNode
                ?? throw Problem(origin, documents[0].RootNode, "the top level must be a mapping with 'schemaVersion' and 'builds'.");

            foreach (var entry in root.Children)
            {
                var key = YamlTree.Scalar(entry.Key, "a key");
                if (key != "schemaVersion" && key != "builds")
                {
                    throw Problem(origin, entry.Key, $"unknown top-level key '{key}'; expected 'schemaVersion' and 'builds'.");
                }
            }

            var schemaNode = YamlTree.Child(root, "schemaVersion") ?? throw Problem(origin, root, "missing 'schemaVersion' (this module reads schemaVersion 1 and 2).");
            var schemaText = YamlTree.Scalar(schemaNode, "schemaVersion");
            var schema = schemaText == "1" ? 1 : schemaText == "2" ? 2 : 0;
            if (schema == 0)
            {
                throw Problem(origin, schemaNode, $"schemaVersion {schemaText} is not supported; this module reads schemaVersion 1 and {SchemaVersion}.");
            }

            var buildsNode = YamlTree.Child(root, "builds") ?? throw Problem(origin, root, "missing 'builds' (a list of FIPS builds).");
            var builds = buildsNode as YamlSequenceNode ?? throw Problem(origin, buildsNode, "'builds' must be a list.");

            var rows = new List<FipsBuildDefinition>(builds.Children.Count);
            var seen = new Dictionary<string, YamlNode>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in builds.Children)
            {
                var row = ReadRow(origin, item, defaultBasis, schema);
                if (seen.TryGetValue(row.Key, out var first))
                {
                    throw Problem(origin, item, $"DKP {row.DkpVersion} with Kubernetes {row.KubernetesVersion} is listed twice (first at line {first.Start.Line}).");
                }

                seen.Add(row.Key, item);
                rows.Add(row);
            }

            return rows;
        }

        private static FipsBuildDefinition ReadRow(string origin, YamlNode node, CatalogBasis defaultBasis, int schema)
        {
            var map = node as YamlMappingNode ?? throw Problem(origin, node, "each entry of 'builds' must be a mapping.");
            var knownKeys = schema == 1 ? KnownKeysV1 : KnownKeysV2;
            foreach (var entry in map.Children)
            {
                var key = YamlTree.Scalar(entry.Key, "a key");
                if (!knownKeys.Contains(key))
                {
                    var why = schema == 2 && (key == "operatingSystems" || key == "providers")
                        ? $"'{key}' is a schemaVersion 1 key; schemaVersion 2 lists the operating systems of each provider under 'support' (for example support: {{ aws: [RHEL 8.4] }})."
                        : $"unknown key '{key}'; known keys: {string.Join(", ", knownKeys)}.";
                    throw Problem(origin, entry.Key, why);
                }
            }

            var dkpVersion = ReadRelease(origin, map);
            var unconfirmed = ReadUnconfirmed(origin, map);
            var kubernetes = RequiredVersion(origin, map, "kubernetesVersion", allowBareMarker: false);

            // An etcd version the row marks unconfirmed is kept exactly as the vendor wrote it,
            // even without a build number (Konvoy 2.0's v3.4.13_fips): inventing ".0" would name an
            // image tag no source shows. Planning such a row still needs an etcd +fips.N.
            var etcd = RequiredVersion(origin, map, "etcdVersion", allowBareMarker: unconfirmed.Contains("etcdVersion"));
            var product = ReadProduct(origin, map);
            var basisText = OptionalScalar(origin, map, "basis");
            var basis = defaultBasis;
            if (basisText is not null && !TryParseBasis(basisText, out basis))
            {
                throw Problem(origin, YamlTree.Child(map, "basis")!, $"basis '{basisText}' is not one of Documented, Inferred, Custom.");
            }

            var support = schema == 1 ? ReadSupportV1(origin, map) : ReadSupportV2(origin, map);
            return new FipsBuildDefinition(
                product,
                dkpVersion,
                kubernetes,
                etcd,
                ReadRepository(origin, map, "kubernetesImageRepository"),
                ReadRepository(origin, map, "etcdImageRepository"),
                support,
                unconfirmed,
                basis,
                OptionalScalar(origin, map, "source") ?? string.Empty,
                OptionalScalar(origin, map, "notes") ?? string.Empty,
                origin);
        }

        private static string ReadRelease(string origin, YamlMappingNode map)
        {
            var text = RequiredScalar(origin, map, "dkpVersion");
            if (!DkpRelease.TryParse(text, out _))
            {
                throw Problem(origin, YamlTree.Child(map, "dkpVersion")!, $"dkpVersion '{text}' is not a release number such as 2.3 or 2.3.2.");
            }

            return DkpRelease.Normalize(text);
        }

        private static string ReadProduct(string origin, YamlMappingNode map)
        {
            var text = OptionalScalar(origin, map, "product");
            if (text is null)
            {
                return "DKP";
            }

            return Products.FirstOrDefault(p => string.Equals(p, text, StringComparison.OrdinalIgnoreCase))
                ?? throw Problem(origin, YamlTree.Child(map, "product")!, $"product '{text}' is not one of {string.Join(", ", Products)}.");
        }

        // The same rule as -ImageRepository: a repository goes into a dkp flag, so a space, a
        // newline, a scheme or a flag in it would change the command.
        private static string ReadRepository(string origin, YamlMappingNode map, string key)
        {
            var node = YamlTree.Child(map, key);
            if (node is null)
            {
                return FipsBuildDefinition.DefaultRepository;
            }

            var text = YamlTree.Scalar(node, key);
            try
            {
                ImageRepository.Validate(text);
            }
            catch (ClusterPlanException ex)
            {
                throw Problem(origin, node, $"{key}: {ex.Message}");
            }

            return text;
        }

        private static IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> ReadSupportV1(string origin, YamlMappingNode map)
        {
            var operatingSystems = ReadOperatingSystems(origin, map, "operatingSystems", YamlTree.Child(map, "operatingSystems"));
            var providersNode = YamlTree.Child(map, "providers");
            var providers = providersNode is null
                ? DefaultProviders
                : ReadList(origin, providersNode, "providers").Select(p => ReadProvider(origin, p.Node, p.Text)).ToArray();
            return providers.Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p, operatingSystems)).ToArray();
        }

        private static IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> ReadSupportV2(string origin, YamlMappingNode map)
        {
            var node = YamlTree.Child(map, "support")
                ?? throw Problem(origin, map, "this build has no 'support': list the operating systems of each provider, for example support: { aws: [RHEL 8.4], vsphere: [RHEL 8.4] }.");
            var support = node as YamlMappingNode
                ?? throw Problem(origin, node, "'support' must map each provider to its list of operating systems, for example support: { aws: [RHEL 8.4] }.");
            if (support.Children.Count == 0)
            {
                throw Problem(origin, node, "'support' lists no provider.");
            }

            var result = new List<KeyValuePair<string, IReadOnlyList<string>>>();
            foreach (var entry in support.Children)
            {
                var provider = ReadProvider(origin, entry.Key, YamlTree.Scalar(entry.Key, "a provider"));
                if (result.Any(r => r.Key == provider))
                {
                    throw Problem(origin, entry.Key, $"the provider '{provider}' is listed twice under 'support'.");
                }

                result.Add(new KeyValuePair<string, IReadOnlyList<string>>(provider, ReadOperatingSystems(origin, map, "support." + provider, entry.Value)));
            }

            return result;
        }

        private static string ReadProvider(string origin, YamlNode node, string text)
        {
            var provider = ClusterProvider.Normalize(text);
            if (!ClusterProvider.FipsCapable.Contains(provider))
            {
                var why = ClusterProvider.NotFipsCapable.Contains(provider) ? "it has no supported FIPS operating system image" : "it is not a provider this module knows";
                throw Problem(origin, node, $"provider '{text}' cannot carry a FIPS build: {why}. FIPS providers: {string.Join(", ", ClusterProvider.FipsCapable)}.");
            }

            return provider;
        }

        private static IReadOnlyList<string> ReadOperatingSystems(string origin, YamlMappingNode map, string key, YamlNode? node)
        {
            if (node is null)
            {
                return Array.Empty<string>();
            }

            var result = new List<string>();
            foreach (var (itemNode, text) in ReadList(origin, node, key))
            {
                var name = OperatingSystemName.Key(text);
                var family = name?.Split(' ')[0];
                if (family is null || !FipsFamilies.Contains(family) || name!.IndexOf(' ') < 0)
                {
                    throw Problem(origin, itemNode, $"'{text}' in {key} is not a FIPS operating system with its version: write RHEL, CentOS or Oracle Linux and the version, such as RHEL 8.4 or Oracle Linux RHCK 7.9.");
                }

                result.Add(text);
            }

            return result;
        }

        private static IReadOnlyList<string> ReadUnconfirmed(string origin, YamlMappingNode map)
        {
            var node = YamlTree.Child(map, "unconfirmed");
            if (node is null)
            {
                return Array.Empty<string>();
            }

            var result = new List<string>();
            foreach (var (itemNode, text) in ReadList(origin, node, "unconfirmed"))
            {
                var field = ConfirmableFields.FirstOrDefault(f => string.Equals(f, text, StringComparison.OrdinalIgnoreCase))
                    ?? throw Problem(origin, itemNode, $"'{text}' in unconfirmed is not a field a row can leave unconfirmed; use {string.Join(", ", ConfirmableFields)}.");
                result.Add(field);
            }

            return result;
        }

        private static bool TryParseBasis(string text, out CatalogBasis basis)
        {
            foreach (CatalogBasis candidate in Enum.GetValues(typeof(CatalogBasis)))
            {
                if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
                {
                    basis = candidate;
                    return true;
                }
            }

            basis = default;
            return false;
        }

        private static FipsVersion RequiredVersion(string origin, YamlMappingNode map, string key, bool allowBareMarker)
        {
            var text = RequiredScalar(origin, map, key);
            if (!FipsVersion.TryParse(text, out var version))
            {
                throw Problem(origin, YamlTree.Child(map, key)!, $"{key} '{text}' is not a version. Accepted forms: {FipsVersion.AcceptedForms}.");
            }

            if (!version!.IsFips || version.IsVersionLine)
            {
                throw Problem(origin, YamlTree.Child(map, key)!, $"{key} '{text}' is not a FIPS build; write the full version with its marker, e.g. 1.23.7+fips.0.");
            }

            if (version.FipsBuildNumber is null && !allowBareMarker)
            {
                throw Problem(origin, YamlTree.Child(map, key)!, $"{key} '{text}' has no FIPS build number: dkp needs +fips.N, e.g. {version.WithoutFips().WithFipsBuild(0).ToKubernetesFlag()}.");
            }

            return version;
        }

        private static string RequiredScalar(string origin, YamlMappingNode map, string key)
        {
            var node = YamlTree.Child(map, key) ?? throw Problem(origin, map, $"this build has no '{key}'.");
            var value = YamlTree.Scalar(node, key);
            if (value.Trim().Length == 0)
            {
                throw Problem(origin, node, $"'{key}' is empty.");
            }

            return value.Trim();
        }

        private static string? OptionalScalar(string origin, YamlMappingNode map, string key)
        {
            var node = YamlTree.Child(map, key);
            return node is null ? null : YamlTree.Scalar(node, key).Trim();
        }

        private static IReadOnlyList<(YamlNode Node, string Text)> ReadList(string origin, YamlNode node, string key)
        {
            var sequence = node as YamlSequenceNode ?? throw Problem(origin, node, $"'{key}' must be a list.");
            return sequence.Children.Select(child => (child, YamlTree.Scalar(child, key + " item").Trim())).ToArray();
        }

        private static CatalogFileException Problem(string origin, YamlNode node, string problem)
            => new CatalogFileException(origin, node.Start.Line, node.Start.Column, problem);
    }
}
