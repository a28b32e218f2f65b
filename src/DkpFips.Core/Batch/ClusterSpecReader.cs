using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DkpFips.Core.Cluster;
using DkpFips.Core.Process;
using DkpFips.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DkpFips.Core.Batch
{
    /// <summary>
    /// Reads a cluster spec file: an optional <c>defaults:</c> mapping and a <c>clusters:</c>
    /// list whose entries have New-DkpFipsCluster's by-property-name fields (any case, aliases
    /// allowed). A cluster's own values win over the defaults; a null value clears a default.
    /// Keys it does not know are errors, like YAML that does not parse, each with its line and
    /// column. Values are taken as written (1.30 stays 1.30); the plan builder judges them.
    /// </summary>
    public static class ClusterSpecReader
    {
        public const int SchemaVersion = 1;

        private const string DefaultsKey = "defaults";
        private const string ClustersKey = "clusters";
        private const string SchemaVersionKey = "schemaVersion";

        // New-DkpFipsCluster parameters that a spec file must not carry, and why.
        private static readonly Dictionary<string, string> NotInSpecFile = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Kubeconfig"] = "the management cluster's kubeconfig is now the key 'managementKubeconfig' (a workload cluster's kubeconfig is never in a spec file); rename the key",
            ["AwsCredential"] = "credentials never go in a spec file; give them to New-DkpFipsCluster on the agent (from secret variables)",
            ["RegistryMirrorCredential"] = "credentials never go in a spec file; give them to New-DkpFipsCluster on the agent (from secret variables)",
            ["SessionToken"] = "credentials never go in a spec file; give them to New-DkpFipsCluster on the agent (from secret variables)",
            ["ProfileName"] = "the AWS profile is an option of the run, like its credentials; give -ProfileName to the cmdlet on the agent",
            ["FipsBuild"] = "write kubernetesVersion (and etcdVersion) instead",
            ["CatalogPath"] = "it is an option of the run, not of a cluster; give it to the cmdlet",
            ["PlanOnly"] = "it is an option of the run, not of a cluster; give it to the cmdlet",
            ["DryRun"] = "it is an option of the run, not of a cluster; give it to the cmdlet",
            ["ThrottleLimit"] = "it is an option of the run, not of a cluster; give it to the cmdlet",
            ["TimeoutSec"] = "it is an option of the run, not of a cluster; give it to the cmdlet",
            ["LogDirectory"] = "it is an option of the run, not of a cluster; give it to the cmdlet",
            ["JournalPath"] = "it is an option of the run, not of a cluster; give it to the cmdlet",
            ["PassThru"] = "it is an option of the run, not of a cluster; give it to the cmdlet",
            ["SetPipelineVariable"] = "it is an option of the run, not of a cluster; give it to the cmdlet",
            ["Resume"] = "it is an option of the run, not of a cluster; give it to the cmdlet",
        };

        /// <summary>Reads a spec file. Throws <see cref="ClusterSpecFileException"/> for anything wrong with it.</summary>
        public static IReadOnlyList<ClusterOptions> ReadFile(string path)
        {
            string text;
            try
            {
                text = YamlTree.ReadFile(path, "cluster spec file");
            }
            catch (YamlTreeException ex)
            {
                throw new ClusterSpecFileException(path, ex);
            }

            return Read(new StringReader(text), path);
        }

        /// <summary>Reads spec YAML; <paramref name="origin"/> names it in errors and on each spec.</summary>
        public static IReadOnlyList<ClusterOptions> Read(TextReader reader, string origin)
        {
            try
            {
                return ReadTree(reader, origin);
            }
            catch (YamlTreeException ex)
            {
                throw new ClusterSpecFileException(origin, ex);
            }
        }

        private static IReadOnlyList<ClusterOptions> ReadTree(TextReader reader, string origin)
        {
            var documents = YamlTree.Load(reader);
            if (documents.Count == 0 || IsNull(documents[0].RootNode))
            {
                throw new YamlTreeException(1, 1, "the file is empty; a cluster spec file has a 'clusters:' list (and optionally 'defaults:').");
            }

            if (documents.Count > 1)
            {
                throw YamlTree.Problem(documents[1].RootNode, $"expected one YAML document, found {documents.Count}.");
            }

            var root = documents[0].RootNode as YamlMappingNode
                ?? throw YamlTree.Problem(documents[0].RootNode, "the top level must be a mapping with 'clusters' (and optionally 'defaults').");

            YamlNode? defaultsNode = null, clustersNode = null, schemaNode = null;
            foreach (var entry in root.Children)
            {
                var key = YamlTree.Scalar(entry.Key, "a key");
                if (Is(key, DefaultsKey))
                {
                    defaultsNode = Once(defaultsNode, entry, key);
                }
                else if (Is(key, ClustersKey))
                {
                    clustersNode = Once(clustersNode, entry, key);
                }
                else if (Is(key, SchemaVersionKey))
                {
                    schemaNode = Once(schemaNode, entry, key);
                }
                else
                {
                    throw YamlTree.Problem(entry.Key, $"unknown top-level key '{key}'; expected 'defaults' and 'clusters' (and optionally 'schemaVersion').");
                }
            }

            if (schemaNode is not null && YamlTree.Scalar(schemaNode, SchemaVersionKey).Trim() != SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw YamlTree.Problem(schemaNode, $"schemaVersion {YamlTree.Scalar(schemaNode, SchemaVersionKey)} is not supported; this module reads schemaVersion {SchemaVersion}.");
            }

            var defaults = new ClusterOptions();
            if (defaultsNode is not null && !IsNull(defaultsNode))
            {
                var map = defaultsNode as YamlMappingNode ?? throw YamlTree.Problem(defaultsNode, "'defaults' must be a mapping of cluster fields.");
                Apply(map, defaults, inDefaults: true);
            }

            if (clustersNode is null)
            {
                throw YamlTree.Problem(root, "missing 'clusters' (a list of clusters, each with at least a name).");
            }

            var list = clustersNode as YamlSequenceNode ?? throw YamlTree.Problem(clustersNode, "'clusters' must be a list.");
            if (list.Children.Count == 0)
            {
                throw YamlTree.Problem(list, "'clusters' lists no clusters.");
            }

            var specs = new List<ClusterOptions>(list.Children.Count);
            var seen = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var item in list.Children)
            {
                var map = item as YamlMappingNode ?? throw YamlTree.Problem(item, "each entry of 'clusters' must be a mapping (name: ..., provider: ..., ...).");
                var spec = defaults.Clone();
                spec.SourcePath = origin;
                spec.SourceLine = item.Start.Line;
                var nameNode = Apply(map, spec, inDefaults: false);
                var name = spec.ClusterName?.Trim();
                if (nameNode is null || string.IsNullOrEmpty(name))
                {
                    throw YamlTree.Problem(nameNode ?? item, "this cluster has no name; give it 'name:'.");
                }

                if (seen.TryGetValue(name!, out var firstLine))
                {
                    throw YamlTree.Problem(nameNode, $"the cluster name '{name}' is listed twice (first at line {firstLine}); every cluster needs its own name.");
                }

                seen.Add(name!, nameNode.Start.Line);
                specs.Add(spec);
            }

            return specs;
        }

        // Sets the fields of one mapping on the spec; returns the node of its name, if any.
        private static YamlNode? Apply(YamlMappingNode map, ClusterOptions spec, bool inDefaults)
        {
            YamlNode? nameNode = null;
            var given = new Dictionary<ClusterSpecField, YamlNode>();
            foreach (var entry in map.Children)
            {
                var key = YamlTree.Scalar(entry.Key, "a key");
                var field = ClusterSpecField.Find(key);
                if (field is null)
                {
                    throw YamlTree.Problem(entry.Key, NotInSpecFile.TryGetValue(key, out var why)
                        ? $"'{key}' cannot be in a cluster spec file: {why}."
                        : $"unknown key '{key}'; known keys: {string.Join(", ", ClusterSpecField.All.Select(f => ToCamelCase(f.Name)))} (and the aliases {string.Join(", ", ClusterSpecField.All.SelectMany(f => f.Aliases).Select(ToCamelCase))}).");
                }

                if (given.TryGetValue(field, out var earlier))
                {
                    throw YamlTree.Problem(entry.Key, $"'{key}' sets {field.Name} a second time (first at line {earlier.Start.Line}).");
                }

                given.Add(field, entry.Key);
                if (field.Name == nameof(ClusterOptions.ClusterName))
                {
                    if (inDefaults)
                    {
                        throw YamlTree.Problem(entry.Key, "'defaults' cannot hold a name: every cluster needs its own.");
                    }

                    nameNode = entry.Value;
                }

                if (field.IsList)
                {
                    spec.ArgumentList = ReadList(entry.Value, key);
                }
                else
                {
                    var value = IsNull(entry.Value) ? null : YamlTree.Scalar(entry.Value, $"'{key}'");
                    RefuseControlCharacters(entry.Value, key, value);
                    field.Set(spec, value);
                }
            }

            return nameNode;
        }

        private static IReadOnlyList<string> ReadList(YamlNode node, string key)
        {
            if (IsNull(node))
            {
                return Array.Empty<string>();
            }

            if (node is YamlScalarNode scalar)
            {
                return new[] { scalar.Value ?? string.Empty };
            }

            var sequence = node as YamlSequenceNode ?? throw YamlTree.Problem(node, $"'{key}' must be a list of arguments.");
            return sequence.Children.Select(child => CheckArgument(child, key, YamlTree.Scalar(child, $"each item of '{key}'"))).ToArray();
        }

        // An argument of a spec reaches dkp's command line and, through a matrix, a pipeline
        // variable: no control character, and no secret (those are given on the agent).
        private static string CheckArgument(YamlNode node, string key, string argument)
        {
            RefuseControlCharacters(node, key, argument);
            var secretFlag = SecretArguments.FindSecretFlag(new[] { argument });
            if (secretFlag is not null)
            {
                throw YamlTree.Problem(node, $"'{key}' holds the secret flag {secretFlag}; {SecretFlagAdvice}");
            }

            return argument;
        }

        /// <summary>Why a secret flag is refused in a spec file or a pipeline matrix, and the way instead.</summary>
        public const string SecretFlagAdvice = "secrets never go in a spec file or a pipeline matrix, where they would be saved and shown in clear text. Give them to New-DkpFipsCluster on the agent, from secret variables (-RegistryMirrorCredential for a mirror, -ArgumentList there for other secret flags).";

        // Every value: no control character, and no URL with a user name or password in it.
        private static void RefuseControlCharacters(YamlNode node, string key, string? value)
        {
            var problem = CommandLineText.Problem(value);
            if (problem is not null)
            {
                throw YamlTree.Problem(node, $"'{key}' cannot be used: {problem}; the value would reach dkp's command line.");
            }

            if (value is not null && UrlUserInfo.Mask(value) != value)
            {
                throw YamlTree.Problem(node, $"'{key}' holds a URL with a user name or password ({UrlUserInfo.Mask(value)}); {SecretFlagAdvice}");
            }
        }

        // A plain (unquoted) empty, ~ or null is YAML's null: it clears a default.
        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode scalar && scalar.Style == ScalarStyle.Plain
            && (string.IsNullOrEmpty(scalar.Value) || scalar.Value == "~" || scalar.Value == "null" || scalar.Value == "Null" || scalar.Value == "NULL");

        private static YamlNode Once(YamlNode? existing, KeyValuePair<YamlNode, YamlNode> entry, string key)
        {
            if (existing is not null)
            {
                throw YamlTree.Problem(entry.Key, $"'{key}' appears a second time (first at line {existing.Start.Line}).");
            }

            return entry.Value;
        }

        private static bool Is(string key, string expected) => string.Equals(key, expected, StringComparison.OrdinalIgnoreCase);

        private static string ToCamelCase(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);
    }
}
