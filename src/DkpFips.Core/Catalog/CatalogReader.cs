using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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
        public const int SchemaVersion = 1;

        private static readonly string[] DefaultProviders = { "aws", "vsphere", "preprovisioned" };

        private static readonly HashSet<string> KnownKeys = new HashSet<string>(StringComparer.Ordinal)
        {
            "product", "dkpVersion", "kubernetesVersion", "etcdVersion", "kubernetesImageRepository",
            "etcdImageRepository", "operatingSystems", "providers", "basis", "source", "notes",
        };

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

            var schemaNode = YamlTree.Child(root, "schemaVersion") ?? throw Problem(origin, root, "missing 'schemaVersion' (this module reads schemaVersion 1).");
            if (YamlTree.Scalar(schemaNode, "schemaVersion") != SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw Problem(origin, schemaNode, $"schemaVersion {YamlTree.Scalar(schemaNode, "schemaVersion")} is not supported; this module reads schemaVersion {SchemaVersion}.");
            }

            var buildsNode = YamlTree.Child(root, "builds") ?? throw Problem(origin, root, "missing 'builds' (a list of FIPS builds).");
            var builds = buildsNode as YamlSequenceNode ?? throw Problem(origin, buildsNode, "'builds' must be a list.");

            var rows = new List<FipsBuildDefinition>(builds.Children.Count);
            var seen = new Dictionary<string, YamlNode>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in builds.Children)
            {
                var row = ReadRow(origin, item, defaultBasis);
                if (seen.TryGetValue(row.Key, out var first))
                {
                    throw Problem(origin, item, $"DKP {row.DkpVersion} with Kubernetes {row.KubernetesVersion} is listed twice (first at line {first.Start.Line}).");
                }

                seen.Add(row.Key, item);
                rows.Add(row);
            }

            return rows;
        }

        private static FipsBuildDefinition ReadRow(string origin, YamlNode node, CatalogBasis defaultBasis)
        {
            var map = node as YamlMappingNode ?? throw Problem(origin, node, "each entry of 'builds' must be a mapping.");
            foreach (var entry in map.Children)
            {
                var key = YamlTree.Scalar(entry.Key, "a key");
                if (!KnownKeys.Contains(key))
                {
                    throw Problem(origin, entry.Key, $"unknown key '{key}'; known keys: {string.Join(", ", KnownKeys)}.");
                }
            }

            var dkpVersion = RequiredScalar(origin, map, "dkpVersion");
            var kubernetes = RequiredVersion(origin, map, "kubernetesVersion");
            var etcd = RequiredVersion(origin, map, "etcdVersion");
            var product = OptionalScalar(origin, map, "product") ?? "DKP";
            var basisText = OptionalScalar(origin, map, "basis");
            var basis = defaultBasis;
            if (basisText is not null && !TryParseBasis(basisText, out basis))
            {
                throw Problem(origin, YamlTree.Child(map, "basis")!, $"basis '{basisText}' is not one of Documented, Inferred, Custom.");
            }

            var providers = OptionalList(origin, map, "providers") ?? DefaultProviders;
            return new FipsBuildDefinition(
                product,
                dkpVersion,
                kubernetes,
                etcd,
                OptionalScalar(origin, map, "kubernetesImageRepository") ?? FipsBuildDefinition.DefaultRepository,
                OptionalScalar(origin, map, "etcdImageRepository") ?? FipsBuildDefinition.DefaultRepository,
                OptionalList(origin, map, "operatingSystems") ?? Array.Empty<string>(),
                providers.Select(p => p.ToLowerInvariant()).ToArray(),
                basis,
                OptionalScalar(origin, map, "source") ?? string.Empty,
                OptionalScalar(origin, map, "notes") ?? string.Empty,
                origin);
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

        private static FipsVersion RequiredVersion(string origin, YamlMappingNode map, string key)
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

        private static IReadOnlyList<string>? OptionalList(string origin, YamlMappingNode map, string key)
        {
            var node = YamlTree.Child(map, key);
            if (node is null)
            {
                return null;
            }

            var sequence = node as YamlSequenceNode ?? throw Problem(origin, node, $"'{key}' must be a list.");
            return sequence.Children.Select(child => YamlTree.Scalar(child, key + " item").Trim()).ToArray();
        }

        private static CatalogFileException Problem(string origin, YamlNode node, string problem)
            => new CatalogFileException(origin, node.Start.Line, node.Start.Column, problem);
    }
}
