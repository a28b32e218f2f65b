using System;
using System.IO;
using System.Text;
using DkpFips.Core.Errors;
using DkpFips.Core.IO;
using DkpFips.Core.Journal;
using Xunit;

namespace DkpFips.Core.Tests.HostileInput
{
    /// <summary>Findings 5, 11 and 16: files are read within a limit; a journal that cannot record is refused up front.</summary>
    public class FileBoundaryTests
    {
        private static string TempPath(string name) => Path.Combine(Path.GetTempPath(), "dkpfips-" + Guid.NewGuid().ToString("N") + "-" + name);

        [Fact]
        public void An_endless_file_is_refused_at_the_limit()
        {
            if (!File.Exists("/dev/zero"))
            {
                return;
            }

            var ex = Assert.Throws<FileTooLargeException>(() => BoundedFile.ReadAllBytes("/dev/zero", 1024 * 1024, "catalog file"));
            Assert.Contains("/dev/zero", ex.Message);
        }

        [Fact]
        public void A_file_within_the_limit_is_read_whole_and_one_byte_more_is_refused()
        {
            var path = TempPath("limit.txt");
            File.WriteAllBytes(path, new byte[100]);
            try
            {
                Assert.Equal(100, BoundedFile.ReadAllBytes(path, 100, "file").Length);
                Assert.Throws<FileTooLargeException>(() => BoundedFile.ReadAllBytes(path, 99, "file"));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Theory]
        [InlineData("unicode")]
        [InlineData("bigendianunicode")]
        [InlineData("utf32")]
        public void A_journal_in_another_encoding_is_refused_and_never_appended_to(string encoding)
        {
            var path = TempPath("journal.jsonl");
            var text = "{\"name\":\"j-1\",\"status\":\"Succeeded\"}\n";
            var bytes = encoding switch
            {
                "unicode" => new UnicodeEncoding(false, true).GetPreamble(),
                "bigendianunicode" => new UnicodeEncoding(true, true).GetPreamble(),
                _ => new UTF32Encoding(false, true).GetPreamble(),
            };
            var body = encoding switch
            {
                "unicode" => Encoding.Unicode.GetBytes(text),
                "bigendianunicode" => Encoding.BigEndianUnicode.GetBytes(text),
                _ => Encoding.UTF32.GetBytes(text),
            };
            using (var file = File.Create(path))
            {
                file.Write(bytes, 0, bytes.Length);
                file.Write(body, 0, body.Length);
            }

            try
            {
                var journal = new ResultsJournal(path);
                Assert.Throws<IOException>(() => journal.EnsureWritable());
                var before = File.ReadAllBytes(path);
                Assert.Throws<IOException>(() => journal.Append(new JournalEntry("j-2", "Succeeded", 0, TimeSpan.Zero, null, null, DateTimeOffset.UtcNow)));
                Assert.Equal(before, File.ReadAllBytes(path));
                Assert.Contains("j-1", journal.SucceededNames());
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void A_batch_does_not_start_on_a_journal_that_cannot_record()
        {
            var directory = TempPath("batchdir");
            Directory.CreateDirectory(directory);
            try
            {
                var refused = Assert.Throws<DkpFipsException>(() => ResultsJournal.OpenForBatch(directory));
                Assert.Equal(ErrorKind.JournalWriteFailed, refused.Kind);
                Assert.StartsWith("No cluster was started: the journal ", refused.Message);
                Assert.Contains("is a directory", refused.Message);
                Assert.IsType<IOException>(refused.InnerException);
                var fresh = Path.Combine(directory, "j.jsonl");
                Assert.Equal(fresh, ResultsJournal.OpenForBatch(fresh).Path);
                Assert.False(File.Exists(fresh));
            }
            finally
            {
                Directory.Delete(directory, true);
            }
        }

        [Fact]
        public void A_journal_that_is_a_directory_is_refused_and_a_new_one_is_not_left_behind()
        {
            var directory = TempPath("dir");
            Directory.CreateDirectory(directory);
            try
            {
                Assert.Throws<IOException>(() => new ResultsJournal(directory).EnsureWritable());
                var fresh = Path.Combine(directory, "sub", "j.jsonl");
                new ResultsJournal(fresh).EnsureWritable();
                Assert.False(File.Exists(fresh));
            }
            finally
            {
                Directory.Delete(directory, true);
            }
        }
    }
}
