namespace DkpFips.Core.Process
{
    /// <summary>One command of a batch, named (a cluster, an image) and with its own run options.</summary>
    public sealed class BatchItem
    {
        public BatchItem(string name, CommandPlan command, ProcessRunOptions options)
        {
            Name = name;
            Command = command;
            Options = options;
        }

        public string Name { get; }

        public CommandPlan Command { get; }

        /// <summary>Timeout, log file, tail size. OnOutput is set by the batch runner.</summary>
        public ProcessRunOptions Options { get; }
    }
}
