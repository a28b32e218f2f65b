using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;

namespace DkpFips.Core.Evidence
{
    /// <summary>
    /// Writes a report as one self-contained HTML page an auditor can open anywhere: no scripts, no
    /// external fonts or styles, and a Content-Security-Policy that forbids both, so even a message
    /// that slipped past escaping could not run. Verdict per target, a compliance matrix of targets by
    /// checks (one per kind of target), then every check with the inputs that were checked.
    /// </summary>
    public static class HtmlReportWriter
    {
        private const string Style =
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem;color:#1b1f24;background:#fff}" +
            "h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d0d7de}h3{font-size:1.05rem;margin:1.5rem 0 .5rem}" +
            "table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}" +
            "th{background:#f6f8fa}td.msg{max-width:60rem;white-space:pre-wrap;word-break:break-word}" +
            ".overall{font-size:1.1rem;font-weight:600;padding:.5rem .75rem;border-radius:6px;display:inline-block}" +
            ".ok{background:#dafbe1;color:#116329}.bad{background:#ffebe9;color:#a40e26}" +
            ".s-Passed{background:#dafbe1;color:#116329}.s-Failed{background:#ffebe9;color:#a40e26;font-weight:600}" +
            ".s-Error{background:#fff1e5;color:#953800;font-weight:600}.s-Warning{background:#fff8c5;color:#7d4e00}.s-Skipped{background:#f6f8fa;color:#57606a}" +
            ".s-None{color:#8c959f}.scroll{overflow-x:auto;max-width:100%}table.matrix td{text-align:center}table.matrix thead th{max-width:8rem;font-size:.8rem;overflow-wrap:anywhere}dl.meta{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem;margin:1rem 0}" +
            "dl.meta dt{font-weight:600}dl.meta dd{margin:0}code{font-family:ui-monospace,Consolas,monospace;font-size:.85rem}";

        public static void Write(EvidenceReport report, TextWriter output)
        {
            output.WriteLine("<!DOCTYPE html>");
            output.WriteLine("<html lang=\"en\">");
            output.WriteLine("<head>");
            output.WriteLine("<meta charset=\"utf-8\">");
            output.WriteLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
            output.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
            output.WriteLine("<meta name=\"generator\" content=\"DkpFips " + E(report.ModuleVersion) + "\">");
            output.WriteLine("<title>" + E(report.Title) + "</title>");
            output.WriteLine("<style>" + Style + "</style>");
            output.WriteLine("</head>");
            output.WriteLine("<body>");
            WriteHeader(report, output);
            WriteVerdicts(report, output);
            WriteMatrices(report, output);
            WriteDetails(report, output);
            output.WriteLine("</body>");
            output.WriteLine("</html>");
        }

        private static void WriteHeader(EvidenceReport report, TextWriter output)
        {
            output.WriteLine("<header>");
            output.WriteLine("<h1>" + E(report.Title) + "</h1>");
            output.WriteLine($"<p class=\"overall {(report.IsCompliant ? "ok" : "bad")}\" id=\"overall\">{report.CompliantCount} of {report.Targets.Count} targets compliant</p>");
            output.WriteLine("<dl class=\"meta\">");
            output.WriteLine("<dt>Generated</dt><dd>" + Timestamp(report.GeneratedAt) + "</dd>");
            output.WriteLine("<dt>Module</dt><dd>DkpFips " + E(report.ModuleVersion) + "</dd>");
            foreach (var source in report.CatalogSources)
            {
                output.WriteLine("<dt>Catalog</dt><dd><code>" + E(source) + "</code></dd>");
            }

            output.WriteLine("</dl>");
            output.WriteLine("</header>");
        }

        private static void WriteVerdicts(EvidenceReport report, TextWriter output)
        {
            output.WriteLine("<section id=\"verdicts\">");
            output.WriteLine("<h2>Verdict per target</h2>");
            output.WriteLine("<table><thead><tr><th>Verdict</th><th>Kind</th><th>Target</th><th>Checks</th><th>Checked at (UTC)</th></tr></thead><tbody>");
            for (var i = 0; i < report.Targets.Count; i++)
            {
                var t = report.Targets[i];
                output.WriteLine($"<tr><td class=\"{(t.IsCompliant ? "ok" : "bad")}\">{t.Verdict}</td><td>{E(t.Kind)}</td>" +
                    $"<td><a href=\"#target-{i}\">{E(t.Name)}</a></td><td>{E(t.Summary)}</td><td>{(t.CheckedAt is null ? "-" : Timestamp(t.CheckedAt.Value))}</td></tr>");
            }

            output.WriteLine("</tbody></table>");
            output.WriteLine("</section>");
        }

        private static void WriteMatrices(EvidenceReport report, TextWriter output)
        {
            output.WriteLine("<section id=\"matrix\">");
            output.WriteLine("<h2>Compliance matrix</h2>");
            foreach (var kind in report.Kinds)
            {
                var names = report.CheckNamesOf(kind);
                output.WriteLine("<h3>" + E(kind) + "</h3>");
                output.WriteLine("<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th>Target</th>" + string.Concat(names.Select(n => "<th>" + E(n) + "</th>")) + "</tr></thead><tbody>");
                foreach (var target in report.Targets.Where(t => t.Kind == kind))
                {
                    output.Write("<tr><th>" + E(target.Name) + "</th>");
                    foreach (var name in names)
                    {
                        var status = target.StatusOf(name);
                        var label = status?.ToString() ?? "None";
                        output.Write($"<td class=\"s-{label}\" title=\"{E(name)}: {E(status is null ? "not checked" : label)}\">{(status is null ? "-" : label)}</td>");
                    }

                    output.WriteLine("</tr>");
                }

                output.WriteLine("</tbody></table></div>");
            }

            output.WriteLine("</section>");
        }

        private static void WriteDetails(EvidenceReport report, TextWriter output)
        {
            output.WriteLine("<section id=\"details\">");
            output.WriteLine("<h2>Checks</h2>");
            for (var i = 0; i < report.Targets.Count; i++)
            {
                var t = report.Targets[i];
                output.WriteLine($"<article id=\"target-{i}\">");
                output.WriteLine($"<h3>{E(t.Kind)} {E(t.Name)}: <span class=\"{(t.IsCompliant ? "ok" : "bad")}\">{t.Verdict}</span></h3>");
                if (t.Inputs.Count > 0)
                {
                    output.WriteLine("<table class=\"inputs\"><thead><tr><th>Input</th><th>Value</th></tr></thead><tbody>");
                    foreach (var input in t.Inputs)
                    {
                        output.WriteLine($"<tr><th>{E(input.Key)}</th><td><code>{E(input.Value)}</code></td></tr>");
                    }

                    output.WriteLine("</tbody></table>");
                }

                output.WriteLine("<table class=\"checks\"><thead><tr><th>Status</th><th>Check</th><th>Object</th><th>Message</th></tr></thead><tbody>");
                foreach (var check in t.Checks.Select((c, n) => (c, n)).OrderBy(x => x.c.Status).ThenBy(x => x.n).Select(x => x.c))
                {
                    output.WriteLine($"<tr><td class=\"s-{check.Status}\">{check.Status}</td><td>{E(check.Name)}</td><td>{E(check.Target ?? string.Empty)}</td><td class=\"msg\">{E(check.Message)}</td></tr>");
                }

                output.WriteLine("</tbody></table>");
                output.WriteLine("</article>");
            }

            output.WriteLine("</section>");
        }

        /// <summary>Every piece of text from a check goes through here: &lt; &gt; &amp; &quot; and &#39; are encoded.</summary>
        private static string E(string text) => WebUtility.HtmlEncode(XmlText.Clean(text));

        private static string Timestamp(DateTimeOffset value) =>
            "<time datetime=\"" + value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "\">" +
            value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC</time>";
    }
}
