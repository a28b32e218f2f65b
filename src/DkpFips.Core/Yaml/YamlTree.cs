using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DkpFips.Core.Yaml
{
    /// <summary>
    /// The YAML node tree for the module's own file formats (catalog, cluster specs): every
    /// problem, syntax or meaning, carries the line and column it is at. Readers catch
    /// <see cref="YamlTreeException"/> and name their file.
    /// </summary>
    public static class YamlTree
    {
        /// <summary>The documents of a YAML text; a syntax error is a <see cref="YamlTreeException"/>.</summary>
        public static IList<YamlDocument> Load(TextReader reader)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(reader);
            }
            catch (YamlException ex)
            {
                throw new YamlTreeException(ex.Start.Line, ex.Start.Column, "the file is not valid YAML: " + InnermostMessage(ex), ex);
            }

            return stream.Documents;
        }

        /// <summary>The text of a scalar node; a list or mapping where one value belongs is an error.</summary>
        public static string Scalar(YamlNode node, string what)
        {
            return node is YamlScalarNode scalar
                ? scalar.Value ?? string.Empty
                : throw Problem(node, $"{what} must be a single value, not a list or mapping.");
        }

        /// <summary>The value of <paramref name="key"/> (exact spelling); null when absent.</summary>
        public static YamlNode? Child(YamlMappingNode map, string key)
        {
            foreach (var entry in map.Children)
            {
                if (entry.Key is YamlScalarNode scalar && scalar.Value == key)
                {
                    return entry.Value;
                }
            }

            return null;
        }

        /// <summary>A problem at <paramref name="node"/>.</summary>
        public static YamlTreeException Problem(YamlNode node, string problem)
            => new YamlTreeException(node.Start.Line, node.Start.Column, problem);

        private static string InnermostMessage(Exception ex)
        {
            while (ex.InnerException is not null)
            {
                ex = ex.InnerException;
            }

            // YamlDotNet prefixes its messages with the position, which we already report.
            var message = ex.Message;
            var close = message.IndexOf("): ", StringComparison.Ordinal);
            return message.StartsWith("(", StringComparison.Ordinal) && close > 0 ? message.Substring(close + 3) : message;
        }
    }
}
