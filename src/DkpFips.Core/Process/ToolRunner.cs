using System;
using System.Collections.Generic;
using System.Threading;

namespace DkpFips.Core.Process
{
    /// <summary>
    /// The one way an external tool (dkp, konvoy-image, kubectl) is run: its typed
    /// <see cref="BatchEvent"/>s are handed to the caller on the caller's own thread, and when the
    /// caller's handler throws (a stopped pipeline, -ErrorAction Stop) every running process tree
    /// is stopped and the rest of the events are drained, so that the onFinished callbacks still
    /// record what ended, before the failure is passed on.
    /// </summary>
    public static class ToolRunner
    {
        /// <param name="handle">Called on this thread for each event; whatever it throws stops the run and is rethrown.</param>
        /// <param name="onFinished">Called on the worker thread as soon as an item ends (e.g. to journal it).</param>
        public static void Run(IReadOnlyList<BatchItem> items, int throttleLimit, CancellationToken cancellationToken, Action<BatchEvent> handle, Action<BatchItem, ProcessRunResult>? onFinished = null)
        {
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var events = BatchRunner.Run(items, throttleLimit, cancellation.Token, onFinished).GetEnumerator();
            try
            {
                while (events.MoveNext())
                {
                    handle(events.Current);
                }
            }
            catch
            {
                cancellation.Cancel();
                while (events.MoveNext())
                {
                }

                throw;
            }
        }

        /// <summary>Runs one command; its Finished event's result is returned (every event also goes to <paramref name="handle"/>).</summary>
        public static ProcessRunResult RunOne(BatchItem item, CancellationToken cancellationToken, Action<BatchEvent> handle)
        {
            ProcessRunResult? result = null;
            Run(new[] { item }, 1, cancellationToken, e =>
            {
                if (e.Kind == BatchEventKind.Finished)
                {
                    result = e.Result;
                }

                handle(e);
            });

            // BatchRunner ends every item it was given with a Finished event.
            return result!;
        }
    }
}
