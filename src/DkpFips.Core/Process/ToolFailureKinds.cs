using DkpFips.Core.Errors;

namespace DkpFips.Core.Process
{
    /// <summary>
    /// The kinds of a tool's failed runs: each tool has its own ErrorIds (DkpFailed, KibFailed)
    /// for the four ways a run can fail, so a pipeline can tell a failed dkp from a failed build.
    /// </summary>
    public sealed class ToolFailureKinds
    {
        public static readonly ToolFailureKinds Dkp = new ToolFailureKinds(ErrorKind.DkpStartFailed, ErrorKind.DkpFailed, ErrorKind.DkpTimedOut, ErrorKind.DkpCancelled);

        public static readonly ToolFailureKinds Kib = new ToolFailureKinds(ErrorKind.KibStartFailed, ErrorKind.KibFailed, ErrorKind.KibTimedOut, ErrorKind.KibCancelled);

        private readonly ErrorKind startFailed;
        private readonly ErrorKind failed;
        private readonly ErrorKind timedOut;
        private readonly ErrorKind cancelled;

        private ToolFailureKinds(ErrorKind startFailed, ErrorKind failed, ErrorKind timedOut, ErrorKind cancelled)
        {
            this.startFailed = startFailed;
            this.failed = failed;
            this.timedOut = timedOut;
            this.cancelled = cancelled;
        }

        public ErrorKind For(ProcessFailureKind kind) => kind switch
        {
            ProcessFailureKind.StartFailed => startFailed,
            ProcessFailureKind.TimedOut => timedOut,
            ProcessFailureKind.Cancelled => cancelled,
            _ => failed,
        };
    }
}
