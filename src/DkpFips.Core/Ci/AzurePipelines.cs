using System;
using System.Text;

namespace DkpFips.Core.Ci
{
    /// <summary>
    /// Azure DevOps logging commands (##vso[...], ##[group]). Written to standard output, the
    /// agent turns them into annotations, collapsible groups and variables. Active when the
    /// TF_BUILD environment variable is True, as on every Azure Pipelines agent.
    /// </summary>
    public static class AzurePipelines
    {
        public static bool IsActive(string? tfBuild) => string.Equals(tfBuild?.Trim(), "True", StringComparison.OrdinalIgnoreCase);

        public static bool IsActive() => IsActive(Environment.GetEnvironmentVariable("TF_BUILD"));

        public static string Error(string message) => "##vso[task.logissue type=error]" + EscapeMessage(message);

        public static string Warning(string message) => "##vso[task.logissue type=warning]" + EscapeMessage(message);

        public static string GroupStart(string title) => "##[group]" + SingleLine(title);

        public static string GroupEnd() => "##[endgroup]";

        public static string SetOutputVariable(string name, string value) =>
            "##vso[task.setvariable variable=" + EscapeProperty(name) + ";isOutput=true]" + EscapeMessage(value);

        /// <summary>A line of tool output inside a group must not itself be taken for a logging command.</summary>
        public static string Neutralize(string line) =>
            line.StartsWith("##", StringComparison.Ordinal) ? "#\u200B#" + line.Substring(2) : line;

        // The agent's own escaping: % first, then CR and LF (and ] ; in properties).
        private static string EscapeMessage(string value) =>
            value.Replace("%", "%AZP25").Replace("\r", "%0D").Replace("\n", "%0A");

        private static string EscapeProperty(string value) =>
            EscapeMessage(value).Replace("]", "%5D").Replace(";", "%3B");

        private static string SingleLine(string value)
        {
            var builder = new StringBuilder(value.Length);
            foreach (var c in value)
            {
                builder.Append(c == '\r' || c == '\n' ? ' ' : c);
            }

            return builder.ToString();
        }
    }
}
