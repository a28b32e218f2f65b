using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace DkpFips.Build.Help
{
    /// <summary>Writes cmdlet help as MAML, the XML that Get-Help reads for binary modules.</summary>
    public static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        public static XDocument Write(IEnumerable<CommandHelp> commands)
        {
            var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"));
            foreach (var help in commands.OrderBy(c => c.Name))
            {
                root.Add(WriteCommand(help));
            }

            return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        }

        private static XElement WriteCommand(CommandHelp help)
        {
            var dash = help.Name.IndexOf('-');
            return new XElement(Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XElement(Command + "details",
                    new XElement(Command + "name", help.Name),
                    new XElement(Command + "verb", help.Name.Substring(0, dash)),
                    new XElement(Command + "noun", help.Name.Substring(dash + 1)),
                    Description(new[] { help.Synopsis })),
                Description(help.Description),
                new XElement(Command + "syntax", SyntaxItems(help)),
                new XElement(Command + "parameters", help.Parameters.Select(p => Parameter(p, p.Metadata[0]))),
                new XElement(Command + "inputTypes", help.Inputs.Select(i => new XElement(Command + "inputType", TypeElement(i.TypeName), Description(i.Description)))),
                new XElement(Command + "returnValues", help.Outputs.Select(o => new XElement(Command + "returnValue", TypeElement(o.TypeName), Description(o.Description)))),
                new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(help.Notes))),
                new XElement(Command + "examples", help.Examples.Select(Example)),
                new XElement(Command + "relatedLinks", RelatedLinks(help)));
        }

        private static IEnumerable<XElement> SyntaxItems(CommandHelp help)
        {
            var sets = help.Parameters
                .SelectMany(p => p.Metadata.SelectMany(m => m.ParameterSets))
                .Where(s => s != "(All)")
                .Distinct()
                .ToList();
            if (sets.Count == 0)
            {
                sets.Add("(All)");
            }

            foreach (var set in sets)
            {
                var members = help.Parameters
                    .Select(p => (Parameter: p, Metadata: p.Metadata.FirstOrDefault(m => m.AppliesToAllSets || m.ParameterSets.Contains(set))))
                    .Where(x => x.Metadata is not null)
                    .OrderBy(x => int.TryParse(x.Metadata!.Position, out var position) ? position : int.MaxValue)
                    .ThenByDescending(x => x.Metadata!.Required);
                yield return new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", help.Name),
                    members.Select(x => Parameter(x.Parameter, x.Metadata!)));
            }
        }

        private static XElement Parameter(HelpParameter parameter, ParameterMetadata metadata)
        {
            var isSwitch = metadata.Type == "SwitchParameter";
            var element = new XElement(Command + "parameter",
                new XAttribute("required", metadata.Required ? "true" : "false"),
                new XAttribute("variableLength", "true"),
                new XAttribute("globbing", metadata.AcceptsWildcards ? "true" : "false"),
                new XAttribute("pipelineInput", metadata.PipelineInput),
                new XAttribute("position", metadata.Position == "Named" ? "named" : metadata.Position),
                new XAttribute("aliases", metadata.Aliases.Count == 0 ? "none" : string.Join(", ", metadata.Aliases)),
                new XElement(Maml + "name", parameter.Name),
                Description(parameter.Description));
            if (!isSwitch)
            {
                element.Add(new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), metadata.Type));
            }

            if (metadata.AcceptedValues.Count > 0)
            {
                element.Add(new XElement(Command + "parameterValueGroup",
                    metadata.AcceptedValues.Select(v => new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
            }

            element.Add(TypeElement(metadata.Type), new XElement(Dev + "defaultValue", metadata.DefaultValue));
            return element;
        }

        private static XElement Example(HelpExample example, int index) =>
            new XElement(Command + "example",
                new XElement(Maml + "title", $"-------------------------- {example.Title} --------------------------"),
                new XElement(Dev + "code", example.Code),
                new XElement(Dev + "remarks", Paras(example.Remarks)));

        private static IEnumerable<XElement> RelatedLinks(CommandHelp help)
        {
            if (help.OnlineVersion.Length > 0)
            {
                yield return Link("Online Version:", help.OnlineVersion);
            }

            foreach (var link in help.RelatedLinks)
            {
                yield return Link(link.Text, link.Uri);
            }
        }

        private static XElement Link(string text, string uri) =>
            new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri));

        private static XElement TypeElement(string name) =>
            new XElement(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"));

        private static XElement Description(IEnumerable<string> paragraphs) => new XElement(Maml + "description", Paras(paragraphs));

        private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));
    }
}
