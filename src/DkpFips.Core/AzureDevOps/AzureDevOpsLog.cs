using System;
using System.Text;

namespace DkpFips.Core.AzureDevOps
{
    /// <summary>
    /// Azure Pipelines logging commands (<c>##vso[...]</c>), written to standard output by a task.
    /// Only produced when the agent is detected (TF_BUILD=True), never elsewhere.
    /// </summary>
    public static class AzureDevOpsLog
    {
        public const string AgentVariable = "TF_BUILD";

        /// <summary>True on an Azure Pipelines agent.</summary>
        public static bool IsAgent(Func<string, string?> environment) =>
            string.Equals(environment(AgentVariable), "True", StringComparison.OrdinalIgnoreCase);

        /// <summary><c>##vso[task.logissue type=error;code=Id;]message</c>: shown in the run summary.</summary>
        public static string LogIssue(bool isError, string message, string? code = null)
        {
            var builder = new StringBuilder("##vso[task.logissue type=").Append(isError ? "error" : "warning").Append(';');
            if (!string.IsNullOrEmpty(code))
            {
                builder.Append("code=").Append(Escape(code!)).Append(';');
            }

            return builder.Append(']').Append(Escape(message)).ToString();
        }

        /// <summary>
        /// <c>##[group]name</c> ... <c>##[endgroup]</c>: a collapsible section of the log. A group
        /// title is shown as written (no %-escapes), so it is only kept on one line.
        /// </summary>
        public static string BeginGroup(string name) => "##[group]" + name.Replace("\r", " ").Replace("\n", " ");

        public const string EndGroup = "##[endgroup]";

        /// <summary>A variable name Azure Pipelines accepts: letters, digits, '.' and '_'.</summary>
        public static string VariableName(string text)
        {
            var builder = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                builder.Append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ? c : '_');
            }

            return builder.ToString();
        }

        /// <summary>A line of tool output relayed to the log must not itself be taken for a logging command.</summary>
        public static string Neutralize(string line) =>
            line.StartsWith("##", StringComparison.Ordinal) ? "#\u200B#" + line.Substring(2) : line;

        /// <summary><c>##vso[task.setvariable variable=name;isOutput=true]value</c>.</summary>
        public static string SetOutputVariable(string name, string value) =>
            "##vso[task.setvariable variable=" + Escape(name) + ";isOutput=true]" + Escape(value);

        /// <summary><c>##vso[task.uploadsummary]path</c>: attaches a Markdown file to the run's summary page.</summary>
        public static string UploadSummary(string markdownPath) => "##vso[task.uploadsummary]" + Escape(markdownPath);

        /// <summary>
        /// The agent's escaping: '%' first (as %AZP25), then CR, LF, ']' and ';', so a message can
        /// neither end the command early nor smuggle in a second one on a new line.
        /// </summary>
        public static string Escape(string value) =>
            value.Replace("%", "%AZP25").Replace("\r", "%0D").Replace("\n", "%0A").Replace("]", "%5D").Replace(";", "%3B");
    }
}
