namespace DkpFips.Core.Process
{
    public enum BatchEventKind
    {
        Started,
        Output,
        Finished,
    }

    /// <summary>Something that happened in a batch, for the consumer (the pipeline thread) to report.</summary>
    public sealed class BatchEvent
    {
        public BatchEvent(BatchEventKind kind, BatchItem item, string? line = null, bool isError = false, ProcessRunResult? result = null)
        {
            Kind = kind;
            Item = item;
            Line = line;
            IsError = isError;
            Result = result;
        }

        public BatchEventKind Kind { get; }

        public BatchItem Item { get; }

        /// <summary>An output line, secrets masked (Output events).</summary>
        public string? Line { get; }

        public bool IsError { get; }

        /// <summary>The outcome (Finished events).</summary>
        public ProcessRunResult? Result { get; }

        /// <summary>What went wrong in the caller's onFinished callback (e.g. the journal could not be written).</summary>
        public string? CallbackError { get; set; }
    }
}
