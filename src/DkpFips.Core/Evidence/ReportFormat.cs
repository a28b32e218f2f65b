using System;
using System.IO;

namespace DkpFips.Core.Evidence
{
    /// <summary>The file formats Export-DkpFipsReport writes.</summary>
    public enum ReportFormat
    {
        JUnit,
        Markdown,
        Html,
    }

    /// <summary>Picks the writer for a format, and a format for a file name when none is given.</summary>
    public static class ReportFormats
    {
        /// <summary>The format a file's extension implies (.xml JUnit, .md Markdown, .html/.htm Html); null when it implies none.</summary>
        public static ReportFormat? FromExtension(string path)
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            return extension switch
            {
                ".xml" => ReportFormat.JUnit,
                ".md" => ReportFormat.Markdown,
                ".markdown" => ReportFormat.Markdown,
                ".html" => ReportFormat.Html,
                ".htm" => ReportFormat.Html,
                _ => null,
            };
        }

        public static void Write(EvidenceReport report, ReportFormat format, TextWriter output)
        {
            switch (format)
            {
                case ReportFormat.JUnit:
                    JUnitReportWriter.Write(report, output);
                    break;
                case ReportFormat.Markdown:
                    MarkdownReportWriter.Write(report, output);
                    break;
                case ReportFormat.Html:
                    HtmlReportWriter.Write(report, output);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format.");
            }
        }
    }
}
