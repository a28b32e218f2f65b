using System.Collections.Generic;

namespace DkpFips.Build.Help
{
    /// <summary>One cmdlet's help, as read from its markdown file.</summary>
    public sealed class CommandHelp
    {
        public string Name { get; set; } = string.Empty;

        public string Synopsis { get; set; } = string.Empty;

        public List<string> Description { get; } = new List<string>();

        public List<HelpExample> Examples { get; } = new List<HelpExample>();

        public List<HelpParameter> Parameters { get; } = new List<HelpParameter>();

        public List<HelpTypeEntry> Inputs { get; } = new List<HelpTypeEntry>();

        public List<HelpTypeEntry> Outputs { get; } = new List<HelpTypeEntry>();

        public List<string> Notes { get; } = new List<string>();

        public List<HelpLink> RelatedLinks { get; } = new List<HelpLink>();

        public string OnlineVersion { get; set; } = string.Empty;
    }

    public sealed class HelpExample
    {
        public string Title { get; set; } = string.Empty;

        public string Code { get; set; } = string.Empty;

        public List<string> Remarks { get; } = new List<string>();
    }

    public sealed class HelpParameter
    {
        public string Name { get; set; } = string.Empty;

        public List<string> Description { get; } = new List<string>();

        /// <summary>One entry per yaml block (PlatyPS writes one per distinct set of metadata).</summary>
        public List<ParameterMetadata> Metadata { get; } = new List<ParameterMetadata>();
    }

    /// <summary>The yaml block under a parameter.</summary>
    public sealed class ParameterMetadata
    {
        public string Type { get; set; } = string.Empty;

        public List<string> ParameterSets { get; } = new List<string>();

        public List<string> Aliases { get; } = new List<string>();

        /// <summary>The values of a ValidateSet parameter (PlatyPS's optional "Accepted values").</summary>
        public List<string> AcceptedValues { get; } = new List<string>();

        public bool Required { get; set; }

        public string Position { get; set; } = "Named";

        public string DefaultValue { get; set; } = "None";

        public string PipelineInput { get; set; } = "False";

        public bool AcceptsWildcards { get; set; }

        public bool AppliesToAllSets => ParameterSets.Count == 1 && ParameterSets[0] == "(All)";
    }

    public sealed class HelpTypeEntry
    {
        public string TypeName { get; set; } = string.Empty;

        public List<string> Description { get; } = new List<string>();
    }

    public sealed class HelpLink
    {
        public string Text { get; set; } = string.Empty;

        public string Uri { get; set; } = string.Empty;
    }
}
