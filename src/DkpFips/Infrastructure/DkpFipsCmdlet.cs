using System;
using System.Management.Automation;
using System.Threading;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// Shared policy for every DkpFips cmdlet: cancellation tied to Ctrl+C (StopProcessing),
    /// and error records with stable ErrorIds. Cmdlets derive from it and stay thin.
    /// </summary>
    public abstract class DkpFipsCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();
        private bool disposed;

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
        protected CancellationToken CancellationToken => cancellation.Token;

        protected override void StopProcessing() => cancellation.Cancel();

        /// <summary>A per-item failure: the pipeline goes on.</summary>
        protected void WriteError(Exception exception, string errorId, ErrorCategory category, object? target, string? recommendedAction = null)
        {
            WriteError(CreateErrorRecord(exception, errorId, category, target, recommendedAction));
        }

        /// <summary>A failure of the whole invocation: nothing further runs.</summary>
        protected void ThrowTerminatingError(Exception exception, string errorId, ErrorCategory category, object? target, string? recommendedAction = null)
        {
            ThrowTerminatingError(CreateErrorRecord(exception, errorId, category, target, recommendedAction));
        }

        private static ErrorRecord CreateErrorRecord(Exception exception, string errorId, ErrorCategory category, object? target, string? recommendedAction)
        {
            var record = new ErrorRecord(exception, errorId, category, target);
            if (recommendedAction is not null)
            {
                record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = recommendedAction };
            }

            return record;
        }

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (!disposed && disposing)
            {
                cancellation.Dispose();
            }

            disposed = true;
        }
    }
}
