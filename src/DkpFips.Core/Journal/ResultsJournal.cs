using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using DkpFips.Core.Errors;
using DkpFips.Core.Json;
using DkpFips.Core.Process;

namespace DkpFips.Core.Journal
{
    /// <summary>
    /// An append-only JSON Lines file of finished batch items. Each record is one line written
    /// with a single write and flushed to disk at once, so a crash or kill of the writing
    /// process loses at most the line being written; readers skip a torn last line, and the
    /// next writer starts on a fresh line.
    /// </summary>
    public sealed class ResultsJournal
    {
        /// <summary>The journal New-DkpFipsCluster writes when no path is given, and the one cluster-name completion reads.</summary>
        public const string PathEnvironmentVariable = "DKPFIPS_JOURNAL_PATH";

        /// <summary>The journal <see cref="PathEnvironmentVariable"/> names (trimmed); null when it is unset or blank.</summary>
        public static string? PathFromEnvironment() =>
            Environment.GetEnvironmentVariable(PathEnvironmentVariable) is string path && !string.IsNullOrWhiteSpace(path) ? path.Trim() : null;

        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);
        private readonly object sync = new object();

        public ResultsJournal(string path)
        {
            Path = System.IO.Path.GetFullPath(path);
        }

        public string Path { get; }

        /// <summary>Journals are larger than other files the module reads, but not endless.</summary>
        public const long MaxBytes = 512L * 1024 * 1024;

        /// <summary>
        /// The journal at <paramref name="path"/>, proven writable (<see cref="EnsureWritable"/>)
        /// before a batch starts: one that cannot record would let -Resume create clusters twice.
        /// Throws a JournalWriteFailed <see cref="DkpFipsException"/> saying why.
        /// </summary>
        public static ResultsJournal OpenForBatch(string path)
        {
            var journal = new ResultsJournal(path);
            try
            {
                journal.EnsureWritable();
                return journal;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new DkpFipsException(ErrorKind.JournalWriteFailed, $"No cluster was started: the journal {journal.Path} cannot record results. {ex.Message}", path,
                    "Give a -JournalPath in a writable folder, in UTF-8.", ex);
            }
        }

        /// <summary>
        /// Proves, before the first cluster starts, that records can be appended and read back:
        /// the path is a file (or can be created), it can be opened for writing, and it is not
        /// in another encoding (UTF-16 from Windows PowerShell 5.1's '>', UTF-32), where appended
        /// UTF-8 lines could never be read back and -Resume would run dkp again.
        /// Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> saying why.
        /// </summary>
        public void EnsureWritable()
        {
            if (Directory.Exists(Path))
            {
                throw new IOException($"The journal {Path} is a directory; give the path of a file.");
            }

            var directory = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var existed = File.Exists(Path);
            using (var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read))
            {
                RefuseForeignEncoding(stream);
            }

            if (!existed)
            {
                // Proven writable; nothing is left behind until there is a record to write.
                File.Delete(Path);
            }
        }

        // The first bytes name a UTF-16 or UTF-32 journal (a BOM, or ASCII with NUL bytes between).
        private void RefuseForeignEncoding(FileStream stream)
        {
            var head = new byte[4];
            stream.Seek(0, SeekOrigin.Begin);
            var read = stream.Read(head, 0, head.Length);
            var encoding =
                read >= 4 && head[0] == 0xFF && head[1] == 0xFE && head[2] == 0 && head[3] == 0 ? "UTF-32"
                : read >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0xFE && head[3] == 0xFF ? "UTF-32"
                : read >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)) ? "UTF-16"
                : read >= 2 && ((head[0] == '{' && head[1] == 0) || (head[0] == 0 && head[1] == '{')) ? "UTF-16"
                : null;
            if (encoding is not null)
            {
                throw new IOException($"The journal {Path} is written in {encoding}, not UTF-8 (as Windows PowerShell 5.1's '>' or Out-File write it); records appended now could not be read back, and -Resume would create clusters again. Convert it once: Get-Content <path> | Set-Content -Encoding utf8 <path>, or give a new -JournalPath.");
            }
        }

        public void Append(JournalEntry entry)
        {
            var line = JsonText.Object(new[]
            {
                new KeyValuePair<string, object?>("time", entry.Time.ToString("o", CultureInfo.InvariantCulture)),
                new KeyValuePair<string, object?>("name", entry.Name),
                new KeyValuePair<string, object?>("status", entry.Status),
                new KeyValuePair<string, object?>("exitCode", entry.ExitCode),
                new KeyValuePair<string, object?>("durationSeconds", Math.Round(entry.Duration.TotalSeconds, 3)),
                new KeyValuePair<string, object?>("logPath", entry.LogPath),
                new KeyValuePair<string, object?>("detail", entry.Detail),
            });

            lock (sync)
            {
                var directory = System.IO.Path.GetDirectoryName(Path);
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
                RefuseForeignEncoding(stream);
                var prefix = string.Empty;
                if (stream.Length > 0)
                {
                    stream.Seek(-1, SeekOrigin.End);
                    if (stream.ReadByte() != '\n')
                    {
                        prefix = "\n";
                    }
                }

                stream.Seek(0, SeekOrigin.End);
                var bytes = Utf8.GetBytes(prefix + line + "\n");
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }
        }

        /// <summary>Every complete record, oldest first. A missing file has none.</summary>
        public IReadOnlyList<JournalEntry> Read()
        {
            var entries = new List<JournalEntry>();
            foreach (var line in ReadLines())
            {
                var entry = Parse(line);
                if (entry is not null)
                {
                    entries.Add(entry);
                }
            }

            return entries;
        }

        private string[] ReadLines()
        {
            if (!File.Exists(Path))
            {
                return Array.Empty<string>();
            }

            // Bounded, and decoded by its BOM (a UTF-16 journal written whole is read correctly).
            return IO.BoundedFile.ReadAllText(Path, MaxBytes, "journal").Split('\n');
        }

        /// <summary>One record, or null for a blank, torn or foreign line.</summary>
        private static JournalEntry? Parse(string raw)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                return null;
            }

            using var document = JsonText.TryParseObject(line);
            if (document is null)
            {
                return null;
            }

            var record = document.RootElement;
            var name = JsonText.String(record, "name");
            var status = JsonText.String(record, "status");
            if (name is null || status is null)
            {
                return null;
            }

            var exit = JsonText.Number(record, "exitCode");
            var time = JsonText.String(record, "time");
            return new JournalEntry(
                name,
                status,
                exit is double e ? (int)e : (int?)null,
                TimeSpan.FromSeconds(JsonText.Number(record, "durationSeconds") ?? 0),
                JsonText.String(record, "logPath"),
                JsonText.String(record, "detail"),
                time is not null && DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed : DateTimeOffset.MinValue);
        }

        /// <summary>
        /// The string value of <paramref name="key"/> found by a quick scan (its last occurrence, as
        /// the parser keeps the last), or null when the scan cannot tell: the key is missing or
        /// spaced, or the value has escapes. A null means "parse the line".
        /// </summary>
        internal static string? PeekString(string line, string key)
        {
            var marker = "\"" + key + "\":\"";
            var at = line.LastIndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            var start = at + marker.Length;
            for (var i = start; i < line.Length; i++)
            {
                var c = line[i];
                if (c == '\\')
                {
                    return null;
                }

                if (c == '"')
                {
                    return line.Substring(start, i - start);
                }
            }

            return null;
        }

        /// <summary>
        /// The latest record of each name (optionally only names <paramref name="include"/> accepts),
        /// ordered by name (ordinal, ignoring case). Fast enough for tab completion on large
        /// journals: it reads from the end and fully parses only the latest line of each wanted name.
        /// </summary>
        public IReadOnlyList<JournalEntry> Latest(Func<string, bool>? include = null)
        {
            var latest = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
            var lines = ReadLines();
            for (var i = lines.Length - 1; i >= 0; i--)
            {
                var line = lines[i];
                var quickName = PeekString(line, "name");
                if (quickName is not null && (latest.ContainsKey(quickName) || (include is not null && !include(quickName))))
                {
                    continue;
                }

                var entry = Parse(line);
                if (entry is null || latest.ContainsKey(entry.Name) || (include is not null && !include(entry.Name)))
                {
                    continue;
                }

                latest[entry.Name] = entry;
            }

            var entries = new List<JournalEntry>(latest.Values);
            entries.Sort((a, b) =>
            {
                var byName = StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name);
                return byName != 0 ? byName : StringComparer.Ordinal.Compare(a.Name, b.Name);
            });
            return entries;
        }

        /// <summary>Names whose latest record says the item succeeded.</summary>
        public ISet<string> SucceededNames()
        {
            var latest = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in Read())
            {
                latest[entry.Name] = entry.Status;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pair in latest)
            {
                if (pair.Value == nameof(RunStatus.Succeeded))
                {
                    names.Add(pair.Key);
                }
            }

            return names;
        }
    }
}
