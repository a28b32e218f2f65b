namespace DkpFips.Core.Process
{
    /// <summary>How a run of an external command ended.</summary>
    public enum RunStatus
    {
        Succeeded,
        Failed,
        Cancelled,
        TimedOut,
        Skipped,
    }
}
