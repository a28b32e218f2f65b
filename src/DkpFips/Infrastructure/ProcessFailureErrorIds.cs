namespace DkpFips.Infrastructure
{
    /// <summary>A cmdlet's ErrorIds for the ways a run of its tool can fail.</summary>
    internal sealed class ProcessFailureErrorIds
    {
        public static readonly ProcessFailureErrorIds Dkp = new ProcessFailureErrorIds(ErrorIds.DkpStartFailed, ErrorIds.DkpFailed, ErrorIds.DkpTimedOut, ErrorIds.DkpCancelled);

        public static readonly ProcessFailureErrorIds Kib = new ProcessFailureErrorIds(ErrorIds.KibStartFailed, ErrorIds.KibFailed, ErrorIds.KibTimedOut, ErrorIds.KibCancelled);

        private ProcessFailureErrorIds(string startFailed, string failed, string timedOut, string cancelled)
        {
            StartFailed = startFailed;
            Failed = failed;
            TimedOut = timedOut;
            Cancelled = cancelled;
        }

        public string StartFailed { get; }

        public string Failed { get; }

        public string TimedOut { get; }

        public string Cancelled { get; }
    }
}
