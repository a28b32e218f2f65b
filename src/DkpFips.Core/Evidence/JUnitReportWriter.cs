using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace DkpFips.Core.Evidence
{
    /// <summary>
    /// Writes a report as JUnit XML, the format Azure DevOps' PublishTestResults@2, Jenkins and GitLab
    /// read: one test suite per target, one test case per check. Failed checks are failures, checks
    /// that could not be made are errors, skipped checks are skipped; warnings pass with the
    /// warning in system-out so a pipeline does not go red on them.
    /// </summary>
    public static class JUnitReportWriter
    {
        public static void Write(EvidenceReport report, TextWriter output)
        {
            var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
            using var xml = XmlWriter.Create(output, settings);
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", XmlText.Clean(report.Title));
            xml.WriteAttributeString("tests", Count(report.CheckCount));
            xml.WriteAttributeString("failures", Count(report.Targets.Sum(t => t.Checks.Count(c => c.Status == CheckStatus.Failed))));
            xml.WriteAttributeString("errors", Count(report.Targets.Sum(t => t.Checks.Count(c => c.Status == CheckStatus.Error))));
            xml.WriteAttributeString("time", "0");

            var id = 0;
            foreach (var target in report.Targets)
            {
                WriteSuite(xml, report, target, id++);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        private static void WriteSuite(XmlWriter xml, EvidenceReport report, EvidenceTarget target, int id)
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", XmlText.Clean(target.Kind + " " + target.Name));
            xml.WriteAttributeString("tests", Count(target.Checks.Count));
            xml.WriteAttributeString("failures", Count(target.Checks.Count(c => c.Status == CheckStatus.Failed)));
            xml.WriteAttributeString("errors", Count(target.Checks.Count(c => c.Status == CheckStatus.Error)));
            xml.WriteAttributeString("skipped", Count(target.Checks.Count(c => c.Status == CheckStatus.Skipped)));
            xml.WriteAttributeString("time", "0");

            // JUnit timestamps carry no zone; DkpFips writes UTC and says so in the properties.
            xml.WriteAttributeString("timestamp", (target.CheckedAt ?? report.GeneratedAt).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            xml.WriteAttributeString("id", Count(id));
            xml.WriteAttributeString("package", "DkpFips." + ClassSegment(target.Kind));

            xml.WriteStartElement("properties");
            WriteProperty(xml, "kind", target.Kind);
            WriteProperty(xml, "verdict", target.Verdict);
            WriteProperty(xml, "timezone", "UTC");
            WriteProperty(xml, "moduleVersion", report.ModuleVersion);
            foreach (var source in report.CatalogSources)
            {
                WriteProperty(xml, "catalog", source);
            }

            foreach (var input in target.Inputs)
            {
                WriteProperty(xml, "input." + input.Key, input.Value);
            }

            xml.WriteEndElement();

            var className = "DkpFips." + ClassSegment(target.Kind) + "." + ClassSegment(target.Name);
            foreach (var check in target.Checks)
            {
                WriteCase(xml, className, check);
            }

            xml.WriteEndElement();
        }

        private static void WriteCase(XmlWriter xml, string className, CheckResult check)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", XmlText.Clean(check.Target is null ? check.Name : check.Name + " " + check.Target));
            xml.WriteAttributeString("classname", XmlText.Clean(className));
            xml.WriteAttributeString("time", "0");
            var message = XmlText.Clean(check.Message);
            switch (check.Status)
            {
                case CheckStatus.Failed:
                    WriteOutcome(xml, "failure", message);
                    break;
                case CheckStatus.Error:
                    WriteOutcome(xml, "error", message);
                    break;
                case CheckStatus.Skipped:
                    xml.WriteStartElement("skipped");
                    xml.WriteAttributeString("message", message);
                    xml.WriteEndElement();
                    break;
                case CheckStatus.Warning:
                    xml.WriteElementString("system-out", "Warning: " + message);
                    break;
                default:
                    xml.WriteElementString("system-out", message);
                    break;
            }

            xml.WriteEndElement();
        }

        private static void WriteOutcome(XmlWriter xml, string element, string message)
        {
            xml.WriteStartElement(element);
            xml.WriteAttributeString("type", element == "failure" ? "FipsCheckFailed" : "FipsCheckError");
            xml.WriteAttributeString("message", message);
            xml.WriteString(message);
            xml.WriteEndElement();
        }

        private static void WriteProperty(XmlWriter xml, string name, string value)
        {
            xml.WriteStartElement("property");
            xml.WriteAttributeString("name", XmlText.Clean(name));
            xml.WriteAttributeString("value", XmlText.Clean(value));
            xml.WriteEndElement();
        }

        /// <summary>Test viewers split class names at dots; keep each part one segment.</summary>
        private static string ClassSegment(string text)
        {
            var builder = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                builder.Append(char.IsLetterOrDigit(c) || c == '-' || c == '_' ? c : '_');
            }

            return builder.ToString();
        }

        private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
