using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using AngleSharp.Html.Parser;
using DkpFips.Core.Evidence;
using DkpFips.Core.Tests.Process;
using Xunit;

namespace DkpFips.Core.Tests.Evidence
{
    public class ReportWriterTests
    {
        private const string Attack = "<script>alert(1)</script><img src=x onerror=alert(2)> | **bold** ]]> & \"q\" 'a' \u0001\u0007";
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 30, 13, 5, 0, TimeSpan.Zero);

        private static EvidenceReport Sample(string message = "The image is available.", string? title = null)
        {
            var ami = new EvidenceTarget("AMI", "ami-0f1a2b3c4d5e60001 (us-east-1)", new[]
            {
                new CheckResult("Exists", CheckStatus.Passed, "exists"),
                new CheckResult("State", CheckStatus.Passed, message),
                new CheckResult("FipsBuild", CheckStatus.Failed, "no +fips marker: " + message),
                new CheckResult("Deprecation", CheckStatus.Warning, "deprecated since 2026-01-01"),
                new CheckResult("ExpectedBuild", CheckStatus.Skipped, "no expected build"),
            }, new[] { new KeyValuePair<string, string>("ImageId", "ami-0f1a2b3c4d5e60001"), new KeyValuePair<string, string>("Region", "us-east-1") }, Now.AddMinutes(-2));
            var cluster = new EvidenceTarget("Cluster", "fips-cluster", new[]
            {
                new CheckResult("KubeletVersion", CheckStatus.Passed, "v1.23.7+fips.0", "node/cp-1"),
                new CheckResult("KubeletVersion", CheckStatus.Passed, "v1.23.7+fips.0", "node/worker-1"),
                new CheckResult("EtcdImage", CheckStatus.Error, "etcd pods could not be listed"),
            }, new[] { new KeyValuePair<string, string>("Context", "admin@fips-cluster") }, Now.AddMinutes(-1));
            var good = new EvidenceTarget("Cluster", "prod-east", new[]
            {
                new CheckResult("KubeletVersion", CheckStatus.Passed, "v1.23.7+fips.0", "node/cp-1"),
                new CheckResult("EtcdImage", CheckStatus.Warning, "lagging", "pod/etcd-cp-1"),
            }, Array.Empty<KeyValuePair<string, string>>(), null);
            return new EvidenceReport(title ?? "FIPS evidence", new[] { ami, cluster, good }, Now, "0.1.0", new[] { "built-in (DkpFips 0.1.0, 14 builds)" });
        }

        private static string Render(EvidenceReport report, ReportFormat format)
        {
            using var writer = new StringWriter();
            ReportFormats.Write(report, format, writer);
            return writer.ToString();
        }

        private static XDocument ValidJUnit(string xml)
        {
            var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema };
            settings.Schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "junit.xsd"));
            settings.ValidationEventHandler += (_, e) => throw new XmlSchemaValidationException(e.Message, e.Exception);
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            return XDocument.Load(reader);
        }

        [Fact]
        public void Target_verdicts_allow_warnings_but_not_failures_errors_or_no_checks()
        {
            var report = Sample();
            Assert.False(report.Targets[0].IsCompliant);
            Assert.False(report.Targets[1].IsCompliant);
            Assert.True(report.Targets[2].IsCompliant);
            Assert.False(new EvidenceTarget("AMI", "x", Array.Empty<CheckResult>(), Array.Empty<KeyValuePair<string, string>>(), null).IsCompliant);
            Assert.Equal(1, report.CompliantCount);
            Assert.False(report.IsCompliant);
            Assert.Equal("1 failed, 1 warning, 1 skipped, 2 passed", report.Targets[0].Summary);
            Assert.Equal(CheckStatus.Passed, report.Targets[1].StatusOf("KubeletVersion"));
            Assert.Equal(CheckStatus.Error, report.Targets[1].StatusOf("EtcdImage"));
            Assert.Null(report.Targets[1].StatusOf("Nope"));
        }

        [Fact]
        public void JUnit_has_a_suite_per_target_a_case_per_check_and_validates_against_the_schema()
        {
            var doc = ValidJUnit(Render(Sample(), ReportFormat.JUnit));
            var root = doc.Root!;
            Assert.Equal("testsuites", root.Name.LocalName);
            Assert.Equal("10", (string?)root.Attribute("tests"));
            Assert.Equal("1", (string?)root.Attribute("failures"));
            Assert.Equal("1", (string?)root.Attribute("errors"));
            var suites = root.Elements("testsuite").ToArray();
            Assert.Equal(3, suites.Length);
            Assert.Equal("AMI ami-0f1a2b3c4d5e60001 (us-east-1)", (string?)suites[0].Attribute("name"));
            Assert.Equal(new[] { "5", "1", "0", "1" }, new[] { "tests", "failures", "errors", "skipped" }.Select(a => (string)suites[0].Attribute(a)!));
            Assert.Equal("2026-11-30T13:03:00", (string?)suites[0].Attribute("timestamp"));
            Assert.Equal("2026-11-30T13:05:00", (string?)suites[2].Attribute("timestamp"));
            var cases = suites[0].Elements("testcase").ToArray();
            Assert.Equal(5, cases.Length);
            Assert.Equal("no +fips marker: The image is available.", (string?)cases[2].Element("failure")!.Attribute("message"));
            Assert.NotNull(cases[4].Element("skipped"));
            Assert.StartsWith("Warning:", cases[3].Element("system-out")!.Value);
            Assert.NotNull(suites[1].Elements("testcase").Single(c => (string?)c.Attribute("name") == "EtcdImage").Element("error"));
            Assert.Equal("KubeletVersion node/worker-1", (string?)suites[1].Elements("testcase").ElementAt(1).Attribute("name"));
            var properties = suites[0].Element("properties")!.Elements("property").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
            Assert.Equal("us-east-1", properties["input.Region"]);
            Assert.Equal("Not compliant", properties["verdict"]);
        }

        [Fact]
        public void JUnit_keeps_hostile_text_as_text_and_drops_characters_XML_forbids()
        {
            var xml = Render(Sample(Attack), ReportFormat.JUnit);
            var doc = ValidJUnit(xml);
            var failure = doc.Descendants("failure").First();
            Assert.Equal("no +fips marker: " + Attack.Replace('\u0001', '\uFFFD').Replace('\u0007', '\uFFFD'), (string?)failure.Attribute("message"));
            Assert.DoesNotContain("<script>", xml);
        }

        [Fact]
        public void The_schema_rejects_what_CI_tools_reject()
        {
            var bad = Render(Sample(), ReportFormat.JUnit).Replace("tests=\"5\"", "tests=\"five\"");
            Assert.Throws<XmlSchemaValidationException>(() => ValidJUnit(bad));
            var twoOutcomes = Render(Sample(), ReportFormat.JUnit).Replace("</failure>", "</failure><error message=\"x\" />");
            Assert.Throws<XmlSchemaValidationException>(() => ValidJUnit(twoOutcomes));
        }

        [Fact]
        public void Html_is_one_self_contained_page_with_verdicts_a_matrix_and_every_check()
        {
            var html = Render(Sample(), ReportFormat.Html);
            var document = new HtmlParser().ParseDocument(html);
            Assert.Empty(document.QuerySelectorAll("script, link, iframe, object, embed, img"));
            Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
            Assert.DoesNotContain("http://", html.Replace("http-equiv", string.Empty));
            Assert.DoesNotContain("https://", html);
            var csp = document.QuerySelector("meta[http-equiv='Content-Security-Policy']")!.GetAttribute("content");
            Assert.Contains("default-src 'none'", csp);
            Assert.Equal("FIPS evidence", document.Title);
            Assert.Equal("1 of 3 targets compliant", document.QuerySelector("#overall")!.TextContent);

            var verdicts = document.QuerySelectorAll("#verdicts tbody tr");
            Assert.Equal(3, verdicts.Length);
            Assert.Equal("Not compliant", verdicts[0].Children[0].TextContent);
            Assert.Equal("Compliant", verdicts[2].Children[0].TextContent);
            Assert.Equal("2026-11-30 13:03:00 UTC", verdicts[0].Children[4].TextContent);

            var matrices = document.QuerySelectorAll("#matrix table");
            Assert.Equal(2, matrices.Length);
            var clusterHeader = matrices[1].QuerySelectorAll("thead th").Select(h => h.TextContent).ToArray();
            Assert.Equal(new[] { "Target", "KubeletVersion", "EtcdImage" }, clusterHeader);
            var clusterRows = matrices[1].QuerySelectorAll("tbody tr");
            Assert.Equal(new[] { "Passed", "Error" }, clusterRows[0].QuerySelectorAll("td").Select(c => c.TextContent));
            Assert.Equal(new[] { "Passed", "Warning" }, clusterRows[1].QuerySelectorAll("td").Select(c => c.TextContent));

            Assert.Equal(10, document.QuerySelectorAll("#details table.checks tbody tr").Length);
            Assert.Equal("Failed", document.QuerySelector("#target-0 table.checks tbody tr td")!.TextContent);
            Assert.Contains("ami-0f1a2b3c4d5e60001", document.QuerySelector("#target-0 table.inputs")!.TextContent);
            Assert.Contains("built-in (DkpFips 0.1.0, 14 builds)", document.QuerySelector("header")!.TextContent);
        }

        [Fact]
        public void Html_escapes_hostile_text_so_it_renders_as_text()
        {
            var report = Sample(Attack, title: Attack);
            var document = new HtmlParser().ParseDocument(Render(report, ReportFormat.Html));
            Assert.Empty(document.QuerySelectorAll("script, img"));
            Assert.Equal(Attack.Replace('\u0001', '\uFFFD').Replace('\u0007', '\uFFFD'), document.Title);
            Assert.Contains(document.QuerySelectorAll("td.msg"), td => td.TextContent == "no +fips marker: " + Attack.Replace('\u0001', '\uFFFD').Replace('\u0007', '\uFFFD'));
        }

        [Theory]
        [MemberData(nameof(NastyMessages))]
        public void Every_format_survives_generated_nasty_text(string text)
        {
            var report = Sample(text, title: text.Length == 0 ? null : text);
            ValidJUnit(Render(report, ReportFormat.JUnit));
            var document = new HtmlParser().ParseDocument(Render(report, ReportFormat.Html));
            Assert.Empty(document.QuerySelectorAll("script, img"));
            Assert.Equal(3, document.QuerySelectorAll("#verdicts tbody tr").Length);
            var markdown = Render(report, ReportFormat.Markdown);
            var tableRows = markdown.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && (l.Contains("Compliant") || l.Contains("compliant"))).ToArray();
            Assert.Equal(3, tableRows.Length);
        }

        public static IEnumerable<object[]> NastyMessages() => NastyStrings.Generate(40, 8).Select(s => new object[] { s });

        [Fact]
        public void Markdown_has_the_verdict_table_and_only_the_checks_that_need_attention()
        {
            var markdown = Render(Sample("a | b <b>x</b>"), ReportFormat.Markdown);
            var lines = markdown.Replace("\r\n", "\n").Split('\n');
            Assert.Equal("# FIPS evidence", lines[0]);
            Assert.Contains("**1 of 3 targets compliant.**", markdown);
            Assert.Contains("| ❌ Not compliant | AMI | ami-0f1a2b3c4d5e60001 (us-east-1) | 1 failed, 1 warning, 1 skipped, 2 passed | 2026-11-30 13:03:00 |", lines);
            Assert.Contains("| ✅ Compliant | Cluster | prod-east | 1 warning, 1 passed | - |", lines);
            Assert.Contains("| Failed | FipsBuild |  | no +fips marker: a \\| b &lt;b&gt;x&lt;/b&gt; |", lines);
            Assert.DoesNotContain(lines, l => l.StartsWith("| Passed", StringComparison.Ordinal));
            Assert.Contains("2 other checks passed.", lines);
        }

        [Theory]
        [InlineData("r.xml", ReportFormat.JUnit)]
        [InlineData("R.MD", ReportFormat.Markdown)]
        [InlineData("a/b.html", ReportFormat.Html)]
        [InlineData("b.htm", ReportFormat.Html)]
        [InlineData("b.txt", null)]
        [InlineData("noextension", null)]
        public void The_extension_names_the_format(string path, ReportFormat? expected)
        {
            Assert.Equal(expected, ReportFormats.FromExtension(path));
        }
    }
}
