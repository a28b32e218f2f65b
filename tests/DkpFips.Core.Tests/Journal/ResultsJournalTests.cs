using System;
using System.IO;
using System.Linq;
using DkpFips.Core.Journal;
using DkpFips.Core.Json;
using Xunit;

namespace DkpFips.Core.Tests.Journal
{
    public class ResultsJournalTests
    {
        private static string TempPath() => Path.Combine(Path.GetTempPath(), "dkpfips-journal-" + Guid.NewGuid().ToString("N") + ".jsonl");

        private static JournalEntry Entry(string name, string status) =>
            new JournalEntry(name, status, status == "Succeeded" ? 0 : 1, TimeSpan.FromSeconds(1.5), "/tmp/x.log", "dkp \"create\"\n\\ ü", DateTimeOffset.UtcNow);

        [Fact]
        public void ThePathFromTheEnvironmentIsTrimmedAndABlankOneIsNone()
        {
            var saved = Environment.GetEnvironmentVariable(ResultsJournal.PathEnvironmentVariable);
            try
            {
                Environment.SetEnvironmentVariable(ResultsJournal.PathEnvironmentVariable, "  /j/journal.jsonl ");
                Assert.Equal("/j/journal.jsonl", ResultsJournal.PathFromEnvironment());
                Environment.SetEnvironmentVariable(ResultsJournal.PathEnvironmentVariable, " \t");
                Assert.Null(ResultsJournal.PathFromEnvironment());
                Environment.SetEnvironmentVariable(ResultsJournal.PathEnvironmentVariable, null);
                Assert.Null(ResultsJournal.PathFromEnvironment());
            }
            finally
            {
                Environment.SetEnvironmentVariable(ResultsJournal.PathEnvironmentVariable, saved);
            }
        }

        [Fact]
        public void RoundTripsRecordsAndKnowsWhatSucceeded()
        {
            var journal = new ResultsJournal(TempPath());
            journal.Append(Entry("a", "Failed"));
            journal.Append(Entry("b", "Succeeded"));
            journal.Append(Entry("a", "Succeeded"));
            journal.Append(Entry("c", "Succeeded"));
            journal.Append(Entry("c", "Failed"));
            var entries = journal.Read();
            Assert.Equal(5, entries.Count);
            Assert.Equal("dkp \"create\"\n\\ ü", entries[0].Detail);
            Assert.Equal(1.5, entries[0].Duration.TotalSeconds);
            Assert.Equal(new[] { "a", "b" }, journal.SucceededNames().OrderBy(n => n));
            File.Delete(journal.Path);
        }

        [Fact]
        public void ATornLastLineIsSkippedAndTheNextRecordStartsOnItsOwnLine()
        {
            var path = TempPath();
            var journal = new ResultsJournal(path);
            journal.Append(Entry("a", "Succeeded"));
            File.AppendAllText(path, "{\"time\":\"2026-01-01\",\"name\":\"b\",\"sta");
            Assert.Single(journal.Read());
            journal.Append(Entry("c", "Succeeded"));
            Assert.Equal(new[] { "a", "c" }, journal.Read().Select(e => e.Name));
            File.Delete(path);
        }

        [Fact]
        public void LatestHasTheLastRecordOfEachNameOrderedByName()
        {
            var journal = new ResultsJournal(TempPath());
            journal.Append(Entry("b", "Failed"));
            journal.Append(Entry("A", "Failed"));
            journal.Append(Entry("b", "Succeeded"));
            journal.Append(Entry("a", "Cancelled"));
            var latest = journal.Latest();
            Assert.Equal(new[] { "A", "a", "b" }, latest.Select(e => e.Name));
            Assert.Equal(new[] { "Failed", "Cancelled", "Succeeded" }, latest.Select(e => e.Status));
            File.Delete(journal.Path);
        }

        [Fact]
        public void LatestFallsBackToTheEarlierRecordWhenTheLastLineOfANameIsTornAndFilters()
        {
            var path = TempPath();
            var journal = new ResultsJournal(path);
            journal.Append(Entry("a", "Failed"));
            journal.Append(Entry("b", "Succeeded"));
            File.AppendAllText(path, "{\"time\":\"2026-01-01\",\"name\":\"a\",\"sta");
            Assert.Equal(new[] { "Failed", "Succeeded" }, journal.Latest().Select(e => e.Status));
            Assert.Equal(new[] { "b" }, journal.Latest(n => n.StartsWith("b", StringComparison.Ordinal)).Select(e => e.Name));
            File.Delete(path);
        }

        [Theory]
        [InlineData("{\"time\":\"t\",\"name\":\"fips-1\",\"status\":\"Failed\"}", "fips-1")]
        [InlineData("{\"detail\":\"x \\\"name\\\":\\\"no\\\"\",\"name\":\"yes\"}", "yes")]
        [InlineData("{\"name\":\"a\\\"b\"}", null)]
        [InlineData("{\"name\" : \"spaced\"}", null)]
        [InlineData("{\"status\":\"Failed\"}", null)]
        public void PeekStringFindsASimpleValueOrSaysItCannotTell(string line, string? expected)
        {
            Assert.Equal(expected, ResultsJournal.PeekString(line, "name"));
            if (expected is not null)
            {
                using var document = JsonText.TryParseObject(line);
                Assert.Equal(expected, JsonText.String(document!.RootElement, "name"));
            }
        }

        [Fact]
        public void AFileThatIsNotAJournalHasNoRecords()
        {
            var path = TempPath();
            File.WriteAllBytes(path, new byte[] { 0x7b, 0x00, 0xff, 0xfe, 0x22, 0x6e, 0x0a, 0x5b, 0x31, 0x5d, 0x0a });
            Assert.Empty(new ResultsJournal(path).Latest());
            File.Delete(path);
        }

        [Theory]
        [InlineData("{\"a\":\"x\\u0041\",\"n\":-1.5e2,\"t\":true,\"z\":null}")]
        [InlineData("  { }  ")]
        public void ReadsAJsonObject(string line)
        {
            using var document = JsonText.TryParseObject(line);
            Assert.NotNull(document);
        }

        [Theory]
        [InlineData("{\"a\":}")]
        [InlineData("{\"a\":\"x\"")]
        [InlineData("{\"a\":\"x\"} extra")]
        [InlineData("")]
        public void RefusesBrokenJson(string line)
        {
            Assert.Null(JsonText.TryParseObject(line));
        }
    }
}
