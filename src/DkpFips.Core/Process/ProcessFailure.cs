using System;

namespace DkpFips.Core.Process
{
    /// <summary>How a planned run of a tool (dkp, konvoy-image, kubectl) went wrong.</summary>
    public enum ProcessFailureKind
    {
        /// <summary>The program could not be started (missing, not executable).</summary>
        StartFailed,

        /// <summary>It ran and exited non-zero.</summary>
        Failed,

        /// <summary>It ran past its time limit and was stopped with its process tree.</summary>
        TimedOut,

        /// <summary>The user (Ctrl+C) or a failing batch stopped it.</summary>
        Cancelled,
    }

    /// <summary>
    /// The one wording of a failed run for every cmdlet that runs a tool: what failed, how, the
    /// last lines of its output (secrets already masked) and where the full log is.
    /// </summary>
    public sealed class ProcessFailure
    {
        private ProcessFailure(ProcessFailureKind kind, string message)
        {
            Kind = kind;
            Message = message;
        }

        public ProcessFailureKind Kind { get; }

        public string Message { get; }

        /// <summary>
        /// Null when the run succeeded. <paramref name="what"/> names the run ("dkp create cluster
        /// for 'a'"); <paramref name="consequence"/> is appended to the first sentence ("; the later
        /// steps were not run").
        /// </summary>
        public static ProcessFailure? Describe(ProcessRunResult result, string what, int timeoutSeconds, string? logPath, string consequence = "")
        {
            var tail = result.Tail.Count == 0 ? string.Empty : "\nLast lines of its output:\n  " + string.Join("\n  ", result.Tail);
            var log = logPath is null ? string.Empty : "\nFull log: " + logPath;
            switch (result.Status)
            {
                case RunStatus.Failed when result.StartError is not null:
                    return new ProcessFailure(ProcessFailureKind.StartFailed, $"{what} could not be started: {result.StartError}");
                case RunStatus.Failed:
                    return new ProcessFailure(ProcessFailureKind.Failed, $"{what} failed with exit code {result.ExitCode}{consequence}.{tail}{log}");
                case RunStatus.TimedOut:
                    return new ProcessFailure(ProcessFailureKind.TimedOut, $"{what} ran longer than {timeoutSeconds} s and was stopped{consequence}.{tail}{log}");
                case RunStatus.Cancelled:
                    return new ProcessFailure(ProcessFailureKind.Cancelled, $"{what} was cancelled{consequence}.{log}");
                default:
                    return null;
            }
        }

        /// <summary>The exception type PowerShell users expect for each kind.</summary>
        public Exception ToException() => Kind switch
        {
            ProcessFailureKind.TimedOut => new TimeoutException(Message),
            ProcessFailureKind.Cancelled => new OperationCanceledException(Message),
            _ => new InvalidOperationException(Message),
        };
    }
}
