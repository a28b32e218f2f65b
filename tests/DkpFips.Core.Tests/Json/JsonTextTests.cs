using System;
using System.IO;
using System.Linq;
using System.Text;
using DkpFips.Core.Journal;
using DkpFips.Core.Json;
using Xunit;

namespace DkpFips.Core.Tests.Json
{
    /// <summary>The engine's one JSON home: what it writes stays one readable line, what it reads it reads leniently.</summary>
    public class JsonTextTests
    {
        private static string TempPath() => Path.Combine(Path.GetTempPath(), "dkpfips-json-" + Guid.NewGuid().ToString("N") + ".jsonl");

        [Fact]
        public void AnObjectIsOneLineWithLettersAsTheyAreAndLineBreaksEscaped()
        {
            var text = JsonText.Object(new[]
            {
                new System.Collections.Generic.KeyValuePair<string, object?>("detail", "über \"x\"\r\n\t\u2028\u0001 <a&b>"),
                new System.Collections.Generic.KeyValuePair<string, object?>("n", 1.5),
                new System.Collections.Generic.KeyValuePair<string, object?>("i", 3),
                new System.Collections.Generic.KeyValuePair<string, object?>("t", true),
                new System.Collections.Generic.KeyValuePair<string, object?>("z", null),
            });

            Assert.Equal("{\"detail\":\"über \\\"x\\\"\\r\\n\\t\\u2028\\u0001 <a&b>\",\"n\":1.5,\"i\":3,\"t\":true,\"z\":null}", text);
            using var document = JsonText.TryParseObject(text);
            Assert.Equal("über \"x\"\r\n\t\u2028\u0001 <a&b>", JsonText.String(document!.RootElement, "detail"));
            Assert.Equal(1.5, JsonText.Number(document.RootElement, "n"));
        }

        [Theory]
        [InlineData("[1,2]")]
        [InlineData("\"text\"")]
        [InlineData("null")]
        [InlineData("{\"a\":1} {\"b\":2}")]
        [InlineData("{'a':1}")]
        [InlineData("{\"a\":1,}")]
        [InlineData("{\"a\":1} // comment")]
        [InlineData("   ")]
        public void OnlyOneJsonObjectIsAnObject(string text)
        {
            Assert.Null(JsonText.TryParseObject(text));
        }

        [Fact]
        public void LookupsAnswerNullOrNothingForTheWrongKindInsteadOfThrowing()
        {
            using var document = JsonText.TryParseObject("{\"s\":1,\"o\":\"x\",\"a\":{\"b\":\"deep\"},\"l\":\"notalist\",\"bad\":\"\\ud800\"}");
            var root = document!.RootElement;
            Assert.Null(JsonText.String(root, "s"));
            Assert.Null(JsonText.String(root, "o", "b"));
            Assert.Equal("deep", JsonText.String(root, "a", "b"));
            Assert.Null(JsonText.String(root, "missing"));
            Assert.Null(JsonText.Number(root, "o"));
            Assert.Empty(JsonText.Items(root, "l"));
            Assert.Empty(JsonText.Items(root, "missing"));
            Assert.Null(JsonText.String(root, "bad"));
        }

        [Fact]
        public void TheLastOfARepeatedPropertyCountsAsTheJournalsQuickScanAssumes()
        {
            const string line = "{\"name\":\"first\",\"status\":\"Failed\",\"name\":\"last\"}";
            using var document = JsonText.TryParseObject(line);
            Assert.Equal("last", JsonText.String(document!.RootElement, "name"));
            Assert.Equal("last", ResultsJournal.PeekString(line, "name"));
        }

        [Fact]
        public void AJournalWithABomCrlfLinesAndGarbageBetweenKeepsItsRecords()
        {
            var path = TempPath();
            var text = "{\"name\":\"a\",\"status\":\"Failed\",\"exitCode\":2,\"durationSeconds\":1.25}\r\n" +
                       "not json at all\r\n" +
                       "\r\n" +
                       "[\"a list\"]\r\n" +
                       "{\"name\":1,\"status\":\"Succeeded\"}\r\n" +
                       "{\"name\":\"b\",\"status\":\"Succeeded\",\"exitCode\":0,\"time\":\"2026-01-02T03:04:05.0000000+00:00\"}\r\n" +
                       "{\"name\":\"c\",\"sta";
            File.WriteAllBytes(path, new UTF8Encoding(true).GetBytes(text));
            try
            {
                var journal = new ResultsJournal(path);
                var entries = journal.Read();
                Assert.Equal(new[] { "a", "b" }, entries.Select(e => e.Name));
                Assert.Equal(2, entries[0].ExitCode);
                Assert.Equal(1.25, entries[0].Duration.TotalSeconds);
                Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), entries[1].Time);
                Assert.Equal(new[] { "a", "b" }, journal.Latest().Select(e => e.Name));

                journal.Append(new JournalEntry("c", "Succeeded", 0, TimeSpan.Zero, null, "line\u2028two\nthree", DateTimeOffset.UtcNow));
                var lines = File.ReadAllText(path).Split('\n');
                Assert.Equal("{\"name\":\"c\",\"sta", lines[lines.Length - 3].TrimEnd('\r'));
                Assert.StartsWith("{\"time\":", lines[lines.Length - 2]);
                Assert.Equal("line\u2028two\nthree", journal.Read().Last().Detail);
                Assert.Equal(new[] { "b", "c" }, journal.SucceededNames().OrderBy(n => n));
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
