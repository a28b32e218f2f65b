using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DkpFips.Core.Catalog
{
    /// <summary>
    /// Writes build rows as a catalog file (schemaVersion 2) that <see cref="CatalogReader"/> reads
    /// back to the same rows. The YAML is emitted by YamlDotNet from a node tree, so any text (a
    /// quote, a colon, '#', a line break, a non-ASCII letter) is quoted or escaped by the library,
    /// never by string concatenation here.
    /// </summary>
    public static class CatalogWriter
    {
        /// <summary>Writes <paramref name="rows"/>, after <paramref name="header"/> lines written as YAML comments.</summary>
        public static void Write(IEnumerable<FipsBuildDefinition> rows, TextWriter writer, IEnumerable<string>? header = null)
        {
            foreach (var line in header ?? Enumerable.Empty<string>())
            {
                // A line break in a comment would start a line of YAML: keep each comment on one line.
                writer.WriteLine("# " + line.Replace('\r', ' ').Replace('\n', ' '));
            }

            var builds = new YamlSequenceNode(rows.Select(Row).Cast<YamlNode>()) { Style = YamlDotNet.Core.Events.SequenceStyle.Block };
            var root = new YamlMappingNode
            {
                { "schemaVersion", Plain(CatalogReader.SchemaVersion.ToString(CultureInfo.InvariantCulture)) },
                { "builds", builds },
            };

            new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        }

        /// <summary>
        /// Writes <paramref name="rows"/> as the catalog file <paramref name="path"/>, all or nothing.
        /// A catalog half-written by a crash, or one the reader would refuse, would break every
        /// command that loads it: the rows are written aside (UTF-8, LF), read back with the
        /// catalog's own reader, and only then swapped in. On failure the file is as it was, and
        /// an <see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>,
        /// <see cref="CatalogFileException"/> or <see cref="InvalidDataException"/> says why.
        /// </summary>
        public static void WriteFile(string path, IReadOnlyCollection<FipsBuildDefinition> rows, IEnumerable<string>? header = null)
        {
            var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
            try
            {
                using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
                {
                    writer.NewLine = "\n";
                    Write(rows, writer, header);
                }

                var written = CatalogReader.ReadFile(temporary);
                if (written.Count != rows.Count)
                {
                    throw new InvalidDataException($"the file read back has {written.Count} row(s), not {rows.Count}.");
                }

                if (File.Exists(path))
                {
                    File.Replace(temporary, path, null);
                }
                else
                {
                    File.Move(temporary, path);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is CatalogFileException || ex is InvalidDataException)
            {
                File.Delete(temporary);
                throw;
            }
        }

        /// <summary>The catalog text of <paramref name="rows"/>.</summary>
        public static string ToYaml(IEnumerable<FipsBuildDefinition> rows, IEnumerable<string>? header = null)
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
            Write(rows, writer, header);
            return writer.ToString();
        }

        private static YamlMappingNode Row(FipsBuildDefinition row)
        {
            var map = new YamlMappingNode
            {
                { "product", Quoted(row.Product) },
                { "dkpVersion", Quoted(row.DkpVersion) },
                { "kubernetesVersion", Quoted(row.KubernetesVersion.ToKubernetesFlag()) },
                { "etcdVersion", Quoted(row.EtcdVersion.ToEtcdFlag()) },
                { "kubernetesImageRepository", Quoted(row.KubernetesImageRepository) },
                { "etcdImageRepository", Quoted(row.EtcdImageRepository) },
            };

            var support = new YamlMappingNode();
            foreach (var entry in row.Support)
            {
                support.Add(Quoted(entry.Key), new YamlSequenceNode(entry.Value.Select(os => (YamlNode)Quoted(os))) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow });
            }

            map.Add("support", support);
            if (row.Unconfirmed.Count > 0)
            {
                map.Add("unconfirmed", new YamlSequenceNode(row.Unconfirmed.Select(f => (YamlNode)Plain(f))) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow });
            }

            map.Add("basis", Plain(row.Basis.ToString()));
            map.Add("source", Quoted(row.Source));
            if (row.Notes.Length > 0)
            {
                map.Add("notes", Quoted(row.Notes));
            }

            return map;
        }

        // Every value is quoted: the reader takes text as written, and a quoted 2.10 stays 2.10 for
        // any other YAML tool that would read a plain one as the number 2.1. YamlDotNet switches to
        // double quotes with escapes where single quotes cannot hold the text.
        // Single quotes fold a line break into a space (a lone \r is lost), so text with a line
        // break or a control character is double-quoted, where YAML escapes each one.
        private static YamlScalarNode Quoted(string text)
            => new YamlScalarNode(text) { Style = text.Any(c => char.IsControl(c) || c == '\u2028' || c == '\u2029') ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted };

        private static YamlScalarNode Plain(string text) => new YamlScalarNode(text) { Style = ScalarStyle.Plain };
    }
}
