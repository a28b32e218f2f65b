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
        /// <summary>The text of a file; a missing or unreadable file is a <see cref="YamlTreeException"/> at line 0.</summary>
        /// <param name="what">What the file is, for the message: "catalog file".</param>
        public static string ReadFile(string path, string what)
        {
            try
            {
                return IO.BoundedFile.ReadAllText(path, IO.BoundedFile.DefaultLimit, what);
            }
            catch (IO.FileTooLargeException ex)
            {
                throw new YamlTreeException(0, 0, ex.Message.Substring(0, 1).ToLowerInvariant() + ex.Message.Substring(1).TrimEnd('.') + ".", ex);
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                throw new YamlTreeException(0, 0, $"the {what} does not exist.", ex) { IsMissingFile = true };
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new YamlTreeException(0, 0, Directory.Exists(path) ? $"it is a directory, not a {what}." : $"the {what} cannot be read: " + ex.Message, ex);
            }
        }

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
