using System;

namespace DkpFips.Core.Journal
{
    /// <summary>One finished item of a batch, as the journal records it.</summary>
    public sealed class JournalEntry
    {
        public JournalEntry(string name, string status, int? exitCode, TimeSpan duration, string? logPath, string? detail, DateTimeOffset time)
        {
            Name = name;
            Status = status;
            ExitCode = exitCode;
            Duration = duration;
            LogPath = logPath;
            Detail = detail;
            Time = time;
        }

        public string Name { get; }

        public string Status { get; }

        public int? ExitCode { get; }

        public TimeSpan Duration { get; }

        public string? LogPath { get; }

        /// <summary>The masked command line, or why it failed.</summary>
        public string? Detail { get; }

        public DateTimeOffset Time { get; }
    }
}
