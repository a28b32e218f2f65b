using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using DkpFips.Core.Process;
using Xunit;

namespace DkpFips.Core.Tests.HostileInput
{
    /// <summary>Finding 6: a run ends when the process ends, even if a child it left holds the output open.</summary>
    public class ProcessDrainTests
    {
        private static void KillPidIn(string file)
        {
            if (File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var pid))
            {
                try
                {
                    System.Diagnostics.Process.GetProcessById(pid).Kill();
                }
                catch (ArgumentException)
                {
                }
            }

            File.Delete(file);
        }

        [Fact]
        public void An_orphan_holding_stdout_does_not_keep_the_run_open()
        {
            var pidFile = Path.Combine(Path.GetTempPath(), "dkpfips-orphan-" + Guid.NewGuid().ToString("N"));
            try
            {
                var plan = new CommandPlan("sh", new[] { "-c", "echo created; sleep 60 & echo $! > \"$1\"; exit 0", "sh", pidFile });
                var watch = Stopwatch.StartNew();
                var lines = new System.Collections.Generic.List<string>();
                // The drain is the module's default (2 s): long enough that a loaded machine still
                // reads the line written before exit, far shorter than the orphan's 60 s.
                var result = ProcessRunner.Run(plan, new ProcessRunOptions { DrainTimeout = TimeSpan.FromSeconds(2), OnOutput = (l, _) => { lock (lines) lines.Add(l); } }, CancellationToken.None);
                Assert.Equal(RunStatus.Succeeded, result.Status);
                Assert.Equal(0, result.ExitCode);
                Assert.Contains("created", lines);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), watch.Elapsed.ToString());
            }
            finally
            {
                KillPidIn(pidFile);
            }
        }

        [Fact]
        public void Cancellation_returns_at_once_when_a_child_holds_the_output()
        {
            var pidFile = Path.Combine(Path.GetTempPath(), "dkpfips-orphan-" + Guid.NewGuid().ToString("N"));
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
                var plan = new CommandPlan("sh", new[] { "-c", "sleep 60 & echo $! > \"$1\"; sleep 60", "sh", pidFile });
                var watch = Stopwatch.StartNew();
                var result = ProcessRunner.Run(plan, new ProcessRunOptions { DrainTimeout = TimeSpan.FromMilliseconds(300) }, cts.Token);
                Assert.Equal(RunStatus.Cancelled, result.Status);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), watch.Elapsed.ToString());
            }
            finally
            {
                KillPidIn(pidFile);
            }
        }
    }
}
