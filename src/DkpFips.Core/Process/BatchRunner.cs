using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace DkpFips.Core.Process
{
    /// <summary>
    /// Runs many commands, at most <c>throttleLimit</c> at a time, on worker threads of its own
    /// (no ForEach-Object -Parallel, so it works the same in Windows PowerShell 5.1). Everything
    /// that happens comes back as <see cref="BatchEvent"/>s through one blocking enumerable, so
    /// the caller can report it all from its own thread (PowerShell's Write* methods must be
    /// called from the pipeline thread). Cancelling stops every running process tree; items not
    /// yet started finish as Cancelled without running.
    /// </summary>
    public static class BatchRunner
    {
        /// <param name="onFinished">Called on the worker thread as soon as an item ends, before its Finished event is delivered (e.g. to journal it).</param>
        public static IEnumerable<BatchEvent> Run(IReadOnlyList<BatchItem> items, int throttleLimit, CancellationToken cancellationToken, Action<BatchItem, ProcessRunResult>? onFinished = null)
        {
            if (items.Count == 0)
            {
                yield break;
            }

            // Not disposed: a worker may still post after the consumer stopped early.
            var events = new BlockingCollection<BatchEvent>();

            void Post(BatchEvent e)
            {
                try
                {
                    events.Add(e);
                }
                catch (InvalidOperationException)
                {
                }
            }

            var queue = new ConcurrentQueue<BatchItem>(items);
            var workers = Math.Max(1, Math.Min(throttleLimit, items.Count));
            var running = workers;

            void Work()
            {
                try
                {
                    while (queue.TryDequeue(out var item))
                    {
                        ProcessRunResult result;
                        if (cancellationToken.IsCancellationRequested)
                        {
                            result = new ProcessRunResult(RunStatus.Cancelled, null, TimeSpan.Zero, Array.Empty<string>(), null);
                        }
                        else
                        {
                            Post(new BatchEvent(BatchEventKind.Started, item));
                            var options = item.Options;
                            var caller = options.OnOutput;
                            options.OnOutput = (line, isError) =>
                            {
                                caller?.Invoke(line, isError);
                                Post(new BatchEvent(BatchEventKind.Output, item, line, isError));
                            };
                            try
                            {
                                result = ProcessRunner.Run(item.Command, options, cancellationToken);
                            }
                            catch (Exception ex)
                            {
                                // A log file that cannot be written, for example: this item fails, the batch goes on.
                                result = new ProcessRunResult(RunStatus.Failed, null, TimeSpan.Zero, new[] { ex.Message }, ex.Message);
                            }
                        }

                        string? callbackError = null;
                        try
                        {
                            onFinished?.Invoke(item, result);
                        }
                        catch (Exception ex)
                        {
                            callbackError = ex.Message;
                        }

                        Post(new BatchEvent(BatchEventKind.Finished, item, result: result) { CallbackError = callbackError });
                    }
                }
                finally
                {
                    if (Interlocked.Decrement(ref running) == 0)
                    {
                        events.CompleteAdding();
                    }
                }
            }

            for (var i = 0; i < workers; i++)
            {
                new Thread(Work) { IsBackground = true, Name = "DkpFips batch worker " + (i + 1) }.Start();
            }

            foreach (var e in events.GetConsumingEnumerable())
            {
                yield return e;
            }
        }
    }
}
