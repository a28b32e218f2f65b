using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Markdig;
using Markdig.Syntax;

namespace DkpFips.Build.Help
{
    /// <summary>
    /// Turns an about_ topic written in markdown into the plain text Get-Help shows: the title,
    /// then sections whose headings are upper-cased, paragraphs wrapped at 80 columns and
    /// indented, code blocks kept as written.
    /// </summary>
    public static class AboutTopicWriter
    {
        public static string Write(string file, string markdown)
        {
            var document = Markdown.Parse(markdown, new MarkdownPipelineBuilder().Build());
            var first = document.FirstOrDefault() as HeadingBlock;
            if (first is null || first.Level != 1 || !Plain(markdown, first).StartsWith("about_", StringComparison.Ordinal))
            {
                throw new HelpSchemaException(file, 1, "an about topic starts with '# about_<Name>'.");
            }

            var sections = document.OfType<HeadingBlock>().Where(h => h.Level == 2).Select(h => Plain(markdown, h)).ToList();
            foreach (var required in new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION" })
            {
                if (!sections.Contains(required))
                {
                    throw new HelpSchemaException(file, 1, $"an about topic needs a '## {required}' section.");
                }
            }

            var text = new StringBuilder();
            text.AppendLine("TOPIC").AppendLine("    " + Plain(markdown, first)).AppendLine();
            foreach (var block in document.Skip(1))
            {
                switch (block)
                {
                    case HeadingBlock heading:
                        text.AppendLine((heading.Level == 2 ? string.Empty : "  ") + Plain(markdown, heading).ToUpperInvariant());
                        break;
                    case FencedCodeBlock code:
                        foreach (var line in CommandHelpReader.CodeText(code).Split('\n'))
                        {
                            text.AppendLine("        " + line);
                        }

                        text.AppendLine();
                        break;
                    case ListBlock list:
                        foreach (var item in list.OfType<ListItemBlock>())
                        {
                            Wrap(text, "    - ", "      ", Plain(markdown, item));
                        }

                        text.AppendLine();
                        break;
                    default:
                        Wrap(text, "    ", "    ", Plain(markdown, block));
                        text.AppendLine();
                        break;
                }
            }

            return text.ToString();
        }

        // The source text of a block, with its markdown markers removed and lines joined.
        private static string Plain(string markdown, Block block)
        {
            var source = markdown.Substring(block.Span.Start, block.Span.Length);
            var lines = source.Split('\n').Select(l => l.Trim().TrimStart('#', ' ').TrimStart('-', '*', ' '));
            return string.Join(" ", lines.Where(l => l.Length > 0)).Replace("**", string.Empty);
        }

        private static void Wrap(StringBuilder text, string firstIndent, string indent, string paragraph)
        {
            var line = new StringBuilder(firstIndent);
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length + word.Length + 1 > 80 && line.Length > indent.Length)
                {
                    text.AppendLine(line.ToString().TrimEnd());
                    line.Clear().Append(indent);
                }

                line.Append(word).Append(' ');
            }

            text.AppendLine(line.ToString().TrimEnd());
        }
    }
}
