using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace DkpFips.Core.Evidence
{
    /// <summary>
    /// Writes a report as Markdown for a pipeline summary (##vso[task.uploadsummary]) or a pull
    /// request: a table of verdicts, then per target what needs attention. Passing checks are only
    /// counted, so a summary of a hundred clusters stays readable.
    /// </summary>
    public static class MarkdownReportWriter
    {
        public static void Write(EvidenceReport report, TextWriter output)
        {
            output.WriteLine("# " + Inline(report.Title));
            output.WriteLine();
            output.WriteLine($"**{report.CompliantCount} of {report.Targets.Count} targets compliant.** " +
                $"Generated {Timestamp(report.GeneratedAt)} by DkpFips {Inline(report.ModuleVersion)}.");
            output.WriteLine();
            output.WriteLine("| Verdict | Kind | Target | Checks | Checked at (UTC) |");
            output.WriteLine("|---|---|---|---|---|");
            foreach (var target in report.Targets)
            {
                output.WriteLine($"| {(target.IsCompliant ? "✅ Compliant" : "❌ Not compliant")} | {Inline(target.Kind)} | {Inline(target.Name)} | {Inline(target.Summary)} | {(target.CheckedAt is null ? "-" : Timestamp(target.CheckedAt.Value))} |");
            }

            foreach (var target in report.Targets)
            {
                output.WriteLine();
                output.WriteLine($"## {Inline(target.Kind)} {Inline(target.Name)}: {target.Verdict}");
                output.WriteLine();
                if (target.Inputs.Count > 0)
                {
                    output.WriteLine(string.Join(", ", target.Inputs.Select(i => $"{Inline(i.Key)}: `{Code(i.Value)}`")));
                    output.WriteLine();
                }

                var concerns = target.Checks.Where(c => c.Status != CheckStatus.Passed).ToArray();
                var passed = target.Checks.Count - concerns.Length;
                if (concerns.Length == 0)
                {
                    output.WriteLine($"All {passed} checks passed.");
                    continue;
                }

                output.WriteLine("| Status | Check | Object | Message |");
                output.WriteLine("|---|---|---|---|");
                foreach (var check in concerns.OrderBy(c => c.Status))
                {
                    output.WriteLine($"| {check.Status} | {Inline(check.Name)} | {Inline(check.Target ?? string.Empty)} | {Inline(check.Message)} |");
                }

                if (passed > 0)
                {
                    output.WriteLine();
                    output.WriteLine($"{passed} other checks passed.");
                }
            }

            output.WriteLine();
            output.WriteLine("Catalog: " + string.Join("; ", report.CatalogSources.Select(Inline)));
        }

        /// <summary>
        /// Text inside a table cell or heading: Markdown and HTML characters are escaped so a message
        /// (which quotes tool output) can neither break the table nor inject markup.
        /// </summary>
        internal static string Inline(string text)
        {
            var builder = new StringBuilder(text.Length + 8);
            foreach (var c in text)
            {
                switch (c)
                {
                    case '<': builder.Append("&lt;"); break;
                    case '>': builder.Append("&gt;"); break;
                    case '&': builder.Append("&amp;"); break;
                    case '\r': break;
                    case '\n': builder.Append("<br>"); break;
                    case '|':
                    case '\\':
                    case '`':
                    case '*':
                    case '_':
                    case '[':
                    case ']':
                    case '#':
                        builder.Append('\\').Append(c);
                        break;
                    default: builder.Append(c); break;
                }
            }

            return builder.ToString();
        }

        /// <summary>Inside a code span only a backtick and a line break can do harm.</summary>
        private static string Code(string text) => text.Replace("`", "'").Replace("\r", string.Empty).Replace("\n", " ");

        private static string Timestamp(System.DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
