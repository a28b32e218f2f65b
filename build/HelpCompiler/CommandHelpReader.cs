using System;
using System.Collections.Generic;
using System.Linq;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using YamlDotNet.RepresentationModel;

namespace DkpFips.Build.Help
{
    /// <summary>
    /// Reads one PlatyPS-schema cmdlet help file: front matter, a level-1 title, then the level-2
    /// sections in PlatyPS' order. Anything outside the schema is an error, never silently dropped.
    /// </summary>
    public static class CommandHelpReader
    {
        public static readonly string[] Sections = { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

        private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

        public static CommandHelp Read(string file, string text)
        {
            var document = Markdown.Parse(text, Pipeline);
            var help = new CommandHelp();
            var blocks = document.ToList();
            var index = 0;

            var frontMatter = blocks.FirstOrDefault() as YamlFrontMatterBlock ?? throw Error(file, 1, "the file must start with PlatyPS front matter (---, external help file, Module Name, online version, schema: 2.0.0, ---).");
            var meta = ReadFrontMatter(file, frontMatter);
            if (!meta.TryGetValue("external help file", out var helpFile) || !helpFile.EndsWith("-Help.xml", StringComparison.Ordinal))
            {
                throw Error(file, Line(frontMatter), "front matter needs 'external help file: <Assembly>.dll-Help.xml'.");
            }

            if (!meta.TryGetValue("schema", out var schema) || schema != "2.0.0")
            {
                throw Error(file, Line(frontMatter), "front matter needs 'schema: 2.0.0'.");
            }

            help.OnlineVersion = meta.TryGetValue("online version", out var online) ? online : string.Empty;
            index++;

            var title = blocks.ElementAtOrDefault(index) as HeadingBlock;
            if (title is null || title.Level != 1)
            {
                throw Error(file, Line(blocks.ElementAtOrDefault(index) ?? frontMatter), "expected the cmdlet name as a level-1 heading after the front matter.");
            }

            help.Name = Text(title);
            index++;

            var expected = 0;
            while (index < blocks.Count)
            {
                if (blocks[index] is not HeadingBlock heading || heading.Level != 2)
                {
                    throw Error(file, Line(blocks[index]), "expected a level-2 section heading (## " + (expected < Sections.Length ? Sections[expected] : "...") + ").");
                }

                var name = Text(heading);
                if (expected >= Sections.Length || name != Sections[expected])
                {
                    throw Error(file, Line(heading), $"section '## {name}' is out of place; PlatyPS order is {string.Join(", ", Sections)}; expected '## {(expected < Sections.Length ? Sections[expected] : "(end)")}'.");
                }

                var start = ++index;
                while (index < blocks.Count && !(blocks[index] is HeadingBlock h && h.Level <= 2))
                {
                    index++;
                }

                ReadSection(file, help, name, blocks.GetRange(start, index - start), heading);
                expected++;
            }

            if (expected != Sections.Length)
            {
                throw Error(file, CountLines(text), $"missing section '## {Sections[expected]}'.");
            }

            return help;
        }

        private static void ReadSection(string file, CommandHelp help, string section, List<Block> blocks, HeadingBlock heading)
        {
            switch (section)
            {
                case "SYNOPSIS":
                    help.Synopsis = string.Join(" ", Paragraphs(file, blocks));
                    if (help.Synopsis.Length == 0)
                    {
                        throw Error(file, Line(heading), "SYNOPSIS is empty.");
                    }

                    break;
                case "SYNTAX":
                    // The syntax shown by Get-Help is generated from the parameter metadata; the
                    // code blocks here are for readers of the markdown. They must exist.
                    if (!blocks.OfType<FencedCodeBlock>().Any())
                    {
                        throw Error(file, Line(heading), "SYNTAX needs at least one code block.");
                    }

                    break;
                case "DESCRIPTION":
                    help.Description.AddRange(Paragraphs(file, blocks));
                    if (help.Description.Count == 0)
                    {
                        throw Error(file, Line(heading), "DESCRIPTION is empty.");
                    }

                    break;
                case "EXAMPLES":
                    foreach (var group in SubSections(file, blocks, heading))
                    {
                        var example = new HelpExample { Title = group.Title };
                        var code = group.Blocks.OfType<FencedCodeBlock>().FirstOrDefault()
                            ?? throw Error(file, group.Line, $"example '{group.Title}' has no code block.");
                        example.Code = CodeText(code);
                        example.Remarks.AddRange(Paragraphs(file, group.Blocks.Where(b => b != code)));
                        help.Examples.Add(example);
                    }

                    break;
                case "PARAMETERS":
                    foreach (var group in SubSections(file, blocks, heading))
                    {
                        if (group.Title == "CommonParameters")
                        {
                            continue;
                        }

                        if (!group.Title.StartsWith("-", StringComparison.Ordinal))
                        {
                            throw Error(file, group.Line, $"parameter heading '### {group.Title}' must be '### -Name'.");
                        }

                        var parameter = new HelpParameter { Name = group.Title.Substring(1) };
                        var yamlBlocks = group.Blocks.OfType<FencedCodeBlock>().Where(c => c.Info == "yaml").ToList();
                        if (yamlBlocks.Count == 0)
                        {
                            throw Error(file, group.Line, $"parameter -{parameter.Name} has no ```yaml metadata block.");
                        }

                        parameter.Metadata.AddRange(yamlBlocks.Select(y => ParameterMetadataReader.Read(file, Line(y), CodeText(y))));
                        parameter.Description.AddRange(Paragraphs(file, group.Blocks.Where(b => !yamlBlocks.Contains(b))));
                        if (parameter.Description.Count == 0)
                        {
                            throw Error(file, group.Line, $"parameter -{parameter.Name} has no description.");
                        }

                        help.Parameters.Add(parameter);
                    }

                    break;
                case "INPUTS":
                case "OUTPUTS":
                    var target = section == "INPUTS" ? help.Inputs : help.Outputs;
                    foreach (var group in SubSections(file, blocks, heading))
                    {
                        var entry = new HelpTypeEntry { TypeName = group.Title };
                        entry.Description.AddRange(Paragraphs(file, group.Blocks));
                        target.Add(entry);
                    }

                    break;
                case "NOTES":
                    help.Notes.AddRange(Paragraphs(file, blocks));
                    break;
                case "RELATED LINKS":
                    foreach (var paragraph in blocks.OfType<ParagraphBlock>())
                    {
                        foreach (var link in paragraph.Inline!.Descendants<LinkInline>())
                        {
                            help.RelatedLinks.Add(new HelpLink { Text = InlineText(link), Uri = link.Url ?? string.Empty });
                        }
                    }

                    break;
            }
        }

        private sealed class SubSection
        {
            public string Title { get; set; } = string.Empty;

            public int Line { get; set; }

            public List<Block> Blocks { get; } = new List<Block>();
        }

        private static List<SubSection> SubSections(string file, List<Block> blocks, HeadingBlock parent)
        {
            var result = new List<SubSection>();
            foreach (var block in blocks)
            {
                if (block is HeadingBlock heading)
                {
                    if (heading.Level != 3)
                    {
                        throw Error(file, Line(heading), $"expected a level-3 heading under '## {Text(parent)}'.");
                    }

                    result.Add(new SubSection { Title = Text(heading), Line = Line(heading) });
                }
                else if (result.Count == 0)
                {
                    throw Error(file, Line(block), $"text under '## {Text(parent)}' must follow a level-3 heading.");
                }
                else
                {
                    result[result.Count - 1].Blocks.Add(block);
                }
            }

            return result;
        }

        private static IEnumerable<string> Paragraphs(string file, IEnumerable<Block> blocks)
        {
            foreach (var block in blocks)
            {
                switch (block)
                {
                    case ParagraphBlock paragraph:
                        yield return InlineText(paragraph.Inline!);
                        break;
                    case ListBlock list:
                        foreach (var item in list.OfType<ListItemBlock>())
                        {
                            yield return "- " + string.Join(" ", item.OfType<ParagraphBlock>().Select(p => InlineText(p.Inline!)));
                        }

                        break;
                    case FencedCodeBlock code:
                        yield return CodeText(code);
                        break;
                    default:
                        throw Error(file, Line(block), $"unexpected {block.GetType().Name} here.");
                }
            }
        }

        private static Dictionary<string, string> ReadFrontMatter(string file, YamlFrontMatterBlock block)
        {
            var yaml = string.Join("\n", block.Lines.Lines.Take(block.Lines.Count).Select(l => l.ToString()).Where(l => l.Trim() != "---"));
            var stream = new YamlStream();
            try
            {
                stream.Load(new System.IO.StringReader(yaml));
            }
            catch (YamlDotNet.Core.YamlException ex)
            {
                throw Error(file, Line(block) + (int)ex.Start.Line, "front matter is not valid YAML: " + ex.Message);
            }

            var map = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode ?? throw Error(file, Line(block), "front matter must be a YAML mapping.");
            return map.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value ?? string.Empty, e => (e.Value as YamlScalarNode)?.Value ?? string.Empty);
        }

        internal static string CodeText(LeafBlock block) =>
            string.Join("\n", block.Lines.Lines.Take(block.Lines.Count).Select(l => l.ToString())).TrimEnd();

        private static string Text(HeadingBlock heading) => InlineText(heading.Inline!).Trim();

        // Help text keeps the markdown's words; inline code keeps its backticks, links their text.
        private static string InlineText(ContainerInline container)
        {
            var builder = new System.Text.StringBuilder();
            foreach (var inline in container)
            {
                switch (inline)
                {
                    case LiteralInline literal:
                        builder.Append(literal.Content.ToString());
                        break;
                    case CodeInline code:
                        builder.Append('`').Append(code.Content).Append('`');
                        break;
                    case LineBreakInline:
                        builder.Append(' ');
                        break;
                    case ContainerInline nested:
                        builder.Append(InlineText(nested));
                        break;
                    case HtmlEntityInline entity:
                        builder.Append(entity.Transcoded.ToString());
                        break;
                    default:
                        builder.Append(inline.ToString());
                        break;
                }
            }

            return builder.ToString();
        }

        private static int Line(Block block) => block.Line + 1;

        private static int CountLines(string text) => text.Count(c => c == '\n') + 1;

        private static HelpSchemaException Error(string file, int line, string problem) => new HelpSchemaException(file, line, problem);
    }
}
