using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using DkpFips.Core.Process;
using Xunit;

namespace DkpFips.Core.Tests.Process
{
    public class ToolRunnerTests
    {
        [Fact]
        public void HandsEveryEventToTheCallerInOrderAndReturnsTheResult()
        {
            var kinds = new List<BatchEventKind>();
            var lines = new List<string?>();
            var item = new BatchItem("one", new CommandPlan("sh", new[] { "-c", "echo first; echo second; exit 4" }), new ProcessRunOptions());
            var result = ToolRunner.RunOne(item, CancellationToken.None, e =>
            {
                kinds.Add(e.Kind);
                if (e.Kind == BatchEventKind.Output)
                {
                    lines.Add(e.Line);
                }
            });

            Assert.Equal(RunStatus.Failed, result.Status);
            Assert.Equal(4, result.ExitCode);
            Assert.Equal(BatchEventKind.Started, kinds.First());
            Assert.Equal(BatchEventKind.Finished, kinds.Last());
            Assert.Equal(new[] { "first", "second" }, lines);
        }

        [Fact]
        public void AThrowingHandlerStopsEveryRunningProcessDrainsTheRestAndRethrows()
        {
            // Two long runs at once: the handler fails at the first start (as -ErrorAction Stop or a
            // stopped pipeline does); both process trees must be stopped, not waited for, and each
            // item still reaches onFinished (so a journal records it).
            var items = Enumerable.Range(1, 2).Select(i => new BatchItem("c" + i, new CommandPlan("sleep", new[] { "30" }), new ProcessRunOptions())).ToList();
            var finished = new ConcurrentDictionary<string, RunStatus>();
            var handled = 0;
            var clock = Stopwatch.StartNew();
            var thrown = Assert.Throws<InvalidOperationException>(() => ToolRunner.Run(items, 2, CancellationToken.None, e =>
            {
                handled++;
                if (e.Kind == BatchEventKind.Started)
                {
                    throw new InvalidOperationException("stop");
                }
            }, (item, result) => finished[item.Name] = result.Status));

            Assert.Equal("stop", thrown.Message);
            Assert.Equal(1, handled);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the runs were waited for ({clock.Elapsed})");
            Assert.Equal(2, finished.Count);
            Assert.All(finished.Values, s => Assert.Equal(RunStatus.Cancelled, s));
        }

        [Fact]
        public void TheCallersCancellationStopsTheRun()
        {
            using var cancellation = new CancellationTokenSource();
            var item = new BatchItem("long", new CommandPlan("sleep", new[] { "30" }), new ProcessRunOptions());
            var result = ToolRunner.RunOne(item, cancellation.Token, e =>
            {
                if (e.Kind == BatchEventKind.Started)
                {
                    cancellation.Cancel();
                }
            });

            Assert.Equal(RunStatus.Cancelled, result.Status);
        }
    }
}
