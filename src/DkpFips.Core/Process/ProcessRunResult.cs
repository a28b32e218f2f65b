using System;
using System.Collections.Generic;

namespace DkpFips.Core.Process
{
    /// <summary>The outcome of one run of an external command.</summary>
    public sealed class ProcessRunResult
    {
        public ProcessRunResult(RunStatus status, int? exitCode, TimeSpan duration, IReadOnlyList<string> tail, string? startError)
        {
            Status = status;
            ExitCode = exitCode;
            Duration = duration;
            Tail = tail;
            StartError = startError;
        }

        public RunStatus Status { get; }

        /// <summary>Null when the process never started or was stopped.</summary>
        public int? ExitCode { get; }

        public TimeSpan Duration { get; }

        /// <summary>The last output lines (stdout and stderr interleaved), secrets masked.</summary>
        public IReadOnlyList<string> Tail { get; }

        /// <summary>Why the process could not be started, when it could not.</summary>
        public string? StartError { get; }

        /// <summary>The whole standard output (secrets masked) when the options asked for it.</summary>
        public string? StandardOutput { get; set; }
    }
}
