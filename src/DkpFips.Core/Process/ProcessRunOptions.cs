using System;

namespace DkpFips.Core.Process
{
    /// <summary>How to run a <see cref="CommandPlan"/>.</summary>
    public sealed class ProcessRunOptions
    {
        /// <summary>Stop the process tree after this long; null for no limit.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>
        /// How long output is still read after the process has exited (or been killed): a child
        /// it left behind may hold the pipes open for ever, so the run ends when the process does.
        /// </summary>
        public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(2);

        public string? WorkingDirectory { get; set; }

        /// <summary>Every output line, secrets masked; called on a thread-pool thread.</summary>
        public Action<string, bool>? OnOutput { get; set; }

        /// <summary>A file that receives every output line, secrets masked (appended, flushed per line).</summary>
        public string? LogPath { get; set; }

        /// <summary>How many of the last output lines the result keeps.</summary>
        public int TailLines { get; set; } = 20;

        /// <summary>Keep the whole standard output in the result (for commands that print data, such as --dry-run YAML).</summary>
        public bool CaptureStandardOutput { get; set; }
    }
}
