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

        /// <summary><c>##[group]name</c> ... <c>##[endgroup]</c>: a collapsible section of the log.</summary>
        public static string BeginGroup(string name) => "##[group]" + Escape(name);

        public const string EndGroup = "##[endgroup]";

        /// <summary><c>##vso[task.setvariable variable=name;isOutput=true]value</c>.</summary>
        public static string SetOutputVariable(string name, string value) =>
            "##vso[task.setvariable variable=" + Escape(name) + ";isOutput=true]" + Escape(value);

        /// <summary>
        /// The agent's escaping: '%' first (as %AZP25), then CR, LF, ']' and ';', so a message can
        /// neither end the command early nor smuggle in a second one on a new line.
        /// </summary>
        public static string Escape(string value) =>
            value.Replace("%", "%AZP25").Replace("\r", "%0D").Replace("\n", "%0A").Replace("]", "%5D").Replace(";", "%3B");
    }
}
