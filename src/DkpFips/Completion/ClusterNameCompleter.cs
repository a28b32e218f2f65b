using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DkpFips.Core.Journal;
using DkpFips.Core.Process;

namespace DkpFips.Completion
{
    /// <summary>
    /// Completes cluster names from the batch journal New-DkpFipsCluster writes: the file given
    /// with -JournalPath earlier on the same command line, else the one DKPFIPS_JOURNAL_PATH
    /// names. The tooltip is the cluster's latest status and when it was recorded. For
    /// New-DkpFipsCluster only the clusters whose latest run did not succeed are offered (the ones
    /// a resumed batch would create). Never throws: a missing, unreadable or corrupt journal
    /// offers nothing.
    /// </summary>
    public sealed class ClusterNameCompleter : IArgumentCompleter
    {
        // Completion must stay instant: a journal this large is not a batch journal.
        private const long MaxJournalBytes = 16 * 1024 * 1024;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var path = JournalPathFrom(fakeBoundParameters);
                if (path is null)
                {
                    return Array.Empty<CompletionResult>();
                }

                var file = new FileInfo(path);
                if (!file.Exists || file.Length > MaxJournalBytes)
                {
                    return Array.Empty<CompletionResult>();
                }

                var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
                var creating = (commandName ?? string.Empty).EndsWith("New-DkpFipsCluster", StringComparison.OrdinalIgnoreCase);
                return new ResultsJournal(file.FullName).Latest(name => name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                    .Where(e => !creating || e.Status != nameof(RunStatus.Succeeded))
                    .Select(e => new CompletionResult(Quote(e.Name), e.Name, CompletionResultType.ParameterValue, ToolTip(e)))
                    .ToList();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        private static string? JournalPathFrom(IDictionary fakeBoundParameters)
        {
            string? path = null;
            if (fakeBoundParameters is not null && fakeBoundParameters.Contains("JournalPath"))
            {
                path = LanguagePrimitives.ConvertTo<string>(fakeBoundParameters["JournalPath"]);
            }

            if (string.IsNullOrWhiteSpace(path))
            {
                path = ResultsJournal.PathFromEnvironment();
            }

            if (string.IsNullOrWhiteSpace(path))
            {
                return null;
            }

            path = path!.Trim();
            if (Path.IsPathRooted(path) && !path.StartsWith("~", StringComparison.Ordinal))
            {
                return path;
            }

            // Relative to the current PowerShell location (~ and PS drives included), as the cmdlet
            // resolves it. A completer runs on the pipeline thread, where a script block may run.
            var resolved = ScriptBlock.Create("$ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($args[0])").Invoke(path);
            return resolved.Count == 1 && resolved[0]?.BaseObject is string full ? full : null;
        }

        private static string ToolTip(JournalEntry entry)
        {
            var text = entry.Status;
            if (entry.Time != DateTimeOffset.MinValue)
            {
                text += " " + entry.Time.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
            }

            var details = new List<string>();
            if (entry.ExitCode is int exit)
            {
                details.Add("exit " + exit.ToString(CultureInfo.InvariantCulture));
            }

            if (entry.Duration > TimeSpan.Zero)
            {
                details.Add("took " + entry.Duration.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture));
            }

            if (!string.IsNullOrEmpty(entry.LogPath))
            {
                details.Add("log " + entry.LogPath);
            }

            return details.Count == 0 ? text : text + " (" + string.Join(", ", details) + ")";
        }

        private static string Quote(string name) =>
            name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c == '-' || c == '.' || c == '_')
                ? name
                : "'" + name.Replace("'", "''") + "'";
    }
}
