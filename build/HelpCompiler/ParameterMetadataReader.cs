using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DkpFips.Build.Help
{
    /// <summary>Reads the ```yaml block PlatyPS writes under each parameter; every key is required.</summary>
    public static class ParameterMetadataReader
    {
        private static readonly string[] Keys = { "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters" };

        /// <summary>Keys PlatyPS writes only for some parameters.</summary>
        private const string AcceptedValuesKey = "Accepted values";

        public static ParameterMetadata Read(string file, int line, string yaml)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(yaml));
            }
            catch (YamlException ex)
            {
                throw new HelpSchemaException(file, line + (int)ex.Start.Line, "parameter metadata is not valid YAML: " + ex.Message);
            }

            var map = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode
                ?? throw new HelpSchemaException(file, line, "parameter metadata must be a YAML mapping.");
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in map.Children)
            {
                var key = ((YamlScalarNode)entry.Key).Value ?? string.Empty;
                if (!Keys.Contains(key) && key != AcceptedValuesKey)
                {
                    throw new HelpSchemaException(file, line + (int)entry.Key.Start.Line, $"unknown parameter metadata key '{key}'; PlatyPS keys: {string.Join(", ", Keys)}.");
                }

                values[key] = (entry.Value as YamlScalarNode)?.Value ?? string.Empty;
            }

            foreach (var key in Keys.Where(k => !values.ContainsKey(k)))
            {
                throw new HelpSchemaException(file, line, $"parameter metadata lacks '{key}'.");
            }

            var metadata = new ParameterMetadata
            {
                Type = values["Type"],
                Required = Bool(file, line, "Required", values["Required"]),
                Position = values["Position"],
                DefaultValue = values["Default value"],
                PipelineInput = values["Accept pipeline input"],
                AcceptsWildcards = Bool(file, line, "Accept wildcard characters", values["Accept wildcard characters"]),
            };
            metadata.ParameterSets.AddRange(Split(values["Parameter Sets"]));
            metadata.Aliases.AddRange(Split(values["Aliases"]));
            if (values.TryGetValue(AcceptedValuesKey, out var accepted))
            {
                metadata.AcceptedValues.AddRange(Split(accepted));
            }

            if (metadata.Type.Length == 0 || metadata.ParameterSets.Count == 0)
            {
                throw new HelpSchemaException(file, line, "parameter metadata needs a Type and Parameter Sets ((All) or set names).");
            }

            return metadata;
        }

        private static IEnumerable<string> Split(string value) =>
            value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0);

        private static bool Bool(string file, int line, string key, string value) =>
            value == "True" ? true : value == "False" ? false : throw new HelpSchemaException(file, line, $"'{key}' must be True or False, not '{value}'.");
    }
}
