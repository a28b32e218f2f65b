using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using DkpFips.Core.Process;
using Xunit;

namespace DkpFips.Core.Tests.Process
{
    public class ProcessRunnerTests
    {
        [Fact]
        public void StreamsMaskedOutputToTheCallbackAndTheLog()
        {
            var log = Path.Combine(Path.GetTempPath(), "dkpfips-runner-" + Guid.NewGuid().ToString("N") + ".log");
            var lines = new List<string>();
            var plan = new CommandPlan("sh", new[] { "-c", "echo one; echo \"pw is $1\" >&2; exit 3", "sh", "canary-9" }, null, new[] { "canary-9" });
            var result = ProcessRunner.Run(plan, new ProcessRunOptions { LogPath = log, OnOutput = (l, _) => { lock (lines) lines.Add(l); } }, CancellationToken.None);
            Assert.Equal(RunStatus.Failed, result.Status);
            Assert.Equal(3, result.ExitCode);
            Assert.Contains("one", lines);
            Assert.Contains("pw is ***", lines);
            var text = File.ReadAllText(log);
            Assert.DoesNotContain("canary-9", text);
            Assert.Contains("# exit code 3", text);
            File.Delete(log);
        }

        [Fact]
        public void TimeoutStopsTheProcess()
        {
            var plan = new CommandPlan("sleep", new[] { "30" });
            var result = ProcessRunner.Run(plan, new ProcessRunOptions { Timeout = TimeSpan.FromMilliseconds(200) }, CancellationToken.None);
            Assert.Equal(RunStatus.TimedOut, result.Status);
            Assert.Null(result.ExitCode);
            Assert.True(result.Duration < TimeSpan.FromSeconds(20));
        }

        [Fact]
        public void CancellationStopsTheProcess()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var result = ProcessRunner.Run(new CommandPlan("sleep", new[] { "30" }), new ProcessRunOptions(), cts.Token);
            Assert.Equal(RunStatus.Cancelled, result.Status);
        }

        [Fact]
        public void AMissingProgramIsAFailureWithAReason()
        {
            var result = ProcessRunner.Run(new CommandPlan("/nonexistent/dkp", new[] { "version" }), new ProcessRunOptions(), CancellationToken.None);
            Assert.Equal(RunStatus.Failed, result.Status);
            Assert.NotNull(result.StartError);
        }

        [Fact]
        public void BatchRunsConcurrentlyUpToTheThrottleLimit()
        {
            var items = Enumerable.Range(1, 6).Select(i => new BatchItem("c" + i, new CommandPlan("sleep", new[] { "0.5" }), new ProcessRunOptions())).ToList();
            var finishedInCallback = 0;
            var events = BatchRunner.Run(items, 3, CancellationToken.None, (_, _) => Interlocked.Increment(ref finishedInCallback)).ToList();
            Assert.Equal(6, events.Count(e => e.Kind == BatchEventKind.Finished));
            Assert.All(events.Where(e => e.Kind == BatchEventKind.Finished), e => Assert.Equal(RunStatus.Succeeded, e.Result!.Status));
            Assert.Equal(6, finishedInCallback);
            int running = 0, most = 0;
            foreach (var e in events)
            {
                running += e.Kind == BatchEventKind.Started ? 1 : e.Kind == BatchEventKind.Finished ? -1 : 0;
                most = Math.Max(most, running);
            }

            Assert.Equal(3, most);
        }
    }
}
