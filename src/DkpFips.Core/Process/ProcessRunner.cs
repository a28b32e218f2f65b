using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.IO;
using System.Text;
using System.Threading;

namespace DkpFips.Core.Process
{
    /// <summary>
    /// Runs a <see cref="CommandPlan"/> as a child process: an argument list (never a shell
    /// string), output streamed line by line with secrets masked to a callback and a log file,
    /// a timeout and cancellation that stop the whole process tree. Blocking; safe to call from
    /// several threads at once.
    /// </summary>
    public static class ProcessRunner
    {
        public static ProcessRunResult Run(CommandPlan plan, ProcessRunOptions options, CancellationToken cancellationToken)
        {
            var stopwatch = Stopwatch.StartNew();
            // Standard output and standard error are separate pipes read on separate threads, so
            // the order of their lines relative to each other is not knowable. Keep the last lines
            // of each: an error message then always carries the tool's own error lines (stderr,
            // put last), however the two streams interleaved.
            var tail = new OutputTail(Math.Max(1, options.TailLines));
            var sync = new object();
            StreamWriter? log = null;
            var stdout = options.CaptureStandardOutput ? new StringBuilder() : null;

            if (cancellationToken.IsCancellationRequested)
            {
                return new ProcessRunResult(RunStatus.Cancelled, null, TimeSpan.Zero, Array.Empty<string>(), null);
            }

            void OnLine(string? line, bool isError)
            {
                if (line is null)
                {
                    return;
                }

                var masked = plan.Masker.Apply(line);
                lock (sync)
                {
                    log?.WriteLine(masked);
                    if (!isError)
                    {
                        stdout?.Append(masked).Append('\n');
                    }

                    tail.Add(masked, isError);
                }

                options.OnOutput?.Invoke(masked, isError);
            }

            var startInfo = new ProcessStartInfo(plan.Executable, WindowsCommandLine.Join(plan.RealArguments))
            {
                UseShellExecute = false,
                CreateNoWindow = true,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = new UTF8Encoding(false),
                StandardErrorEncoding = new UTF8Encoding(false),
            };
            if (options.WorkingDirectory is not null)
            {
                startInfo.WorkingDirectory = options.WorkingDirectory;
            }

            foreach (var pair in plan.Environment)
            {
                if (pair.Value is null)
                {
                    startInfo.Environment.Remove(pair.Key);
                }
                else
                {
                    startInfo.Environment[pair.Key] = pair.Value;
                }
            }

            try
            {
                if (options.LogPath is not null)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.LogPath))!);
                    log = new StreamWriter(new FileStream(options.LogPath, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { AutoFlush = true };
                    log.WriteLine("# " + plan.ToCommandLine(ShellKind.Bash));
                }

                using var process = new System.Diagnostics.Process { StartInfo = startInfo, EnableRaisingEvents = true };
                using var exited = new ManualResetEvent(false);
                process.Exited += (_, _) => exited.Set();
                process.OutputDataReceived += (_, e) => OnLine(e.Data, false);
                process.ErrorDataReceived += (_, e) => OnLine(e.Data, true);

                try
                {
                    process.Start();
                }
                catch (Exception ex) when (ex is System.ComponentModel.Win32Exception || ex is InvalidOperationException || ex is IOException)
                {
                    var message = $"{plan.Executable} could not be started: {ex.Message}";
                    lock (sync)
                    {
                        log?.WriteLine("# " + message);
                    }

                    return new ProcessRunResult(RunStatus.Failed, null, stopwatch.Elapsed, new[] { message }, message);
                }

                process.StandardInput.Close();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();

                var timeout = options.Timeout is null ? Timeout.Infinite : (int)Math.Min(int.MaxValue, Math.Max(0, options.Timeout.Value.TotalMilliseconds));
                var signalled = WaitHandle.WaitAny(new[] { exited, cancellationToken.WaitHandle }, timeout);
                RunStatus? stopped = signalled == WaitHandle.WaitTimeout ? RunStatus.TimedOut : signalled == 1 ? RunStatus.Cancelled : (RunStatus?)null;
                if (stopped is not null && !process.HasExited)
                {
                    ProcessTree.Kill(process);
                    Drain(process, options.DrainTimeout, CancellationToken.None);
                    var message = stopped == RunStatus.TimedOut
                        ? $"# stopped after the timeout of {options.Timeout!.Value.TotalSeconds:0.###} s"
                        : "# stopped: the command was cancelled";
                    OnLine(message, true);
                    return new ProcessRunResult(stopped.Value, null, stopwatch.Elapsed, Snapshot(tail, sync), null);
                }

                // The process has exited: read what is left of its output, for a bounded time only.
                var drained = Drain(process, options.DrainTimeout, cancellationToken);
                var exitCode = process.ExitCode;
                lock (sync)
                {
                    if (!drained)
                    {
                        log?.WriteLine($"# output still open {options.DrainTimeout.TotalSeconds:0.###} s after the exit (a child process holds it); stopped reading");
                    }

                    log?.WriteLine("# exit code " + exitCode);
                }

                return new ProcessRunResult(exitCode == 0 ? RunStatus.Succeeded : RunStatus.Failed, exitCode, stopwatch.Elapsed, Snapshot(tail, sync), null)
                {
                    StandardOutput = stdout?.ToString(),
                };
            }
            finally
            {
                lock (sync)
                {
                    log?.Dispose();
                    log = null;
                }
            }
        }

        /// <summary>
        /// Waits until the process has exited and its output pipes are at their end, for at most
        /// <paramref name="limit"/> (or until cancelled); then stops reading. False when the
        /// pipes were still open: a child the process started holds them.
        /// </summary>
        private static bool Drain(System.Diagnostics.Process process, TimeSpan limit, CancellationToken cancellationToken)
        {
            // WaitForExit() without a limit also waits for the pipes' end, which an orphaned child
            // can postpone for ever; run it on the pool and wait for it with a limit.
            var ended = System.Threading.Tasks.Task.Run(() => process.WaitForExit());
            var finished = false;
            try
            {
                finished = ended.Wait((int)Math.Max(0, Math.Min(int.MaxValue, limit.TotalMilliseconds)), cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            if (!finished)
            {
                try
                {
                    process.CancelOutputRead();
                    process.CancelErrorRead();
                }
                catch (InvalidOperationException)
                {
                }

                process.WaitForExit(1000);
            }

            return finished;
        }

        private static IReadOnlyList<string> Snapshot(OutputTail tail, object sync)
        {
            lock (sync)
            {
                return tail.ToArray();
            }
        }

        /// <summary>The last lines of standard output, then the last lines of standard error.</summary>
        private sealed class OutputTail
        {
            private readonly int capacity;
            private readonly Queue<string> output = new Queue<string>();
            private readonly Queue<string> errors = new Queue<string>();

            public OutputTail(int capacity) => this.capacity = capacity;

            public void Add(string line, bool isError)
            {
                var queue = isError ? errors : output;
                queue.Enqueue(line);
                while (queue.Count > capacity)
                {
                    queue.Dequeue();
                }
            }

            public string[] ToArray()
            {
                // At most `capacity` lines in all, keeping every error line that fits.
                var fromErrors = errors.ToArray();
                var keptErrors = fromErrors.Length > capacity ? fromErrors.Skip(fromErrors.Length - capacity).ToArray() : fromErrors;
                var fromOutput = output.ToArray();
                var room = capacity - keptErrors.Length;
                return fromOutput.Skip(Math.Max(0, fromOutput.Length - room)).Concat(keptErrors).ToArray();
            }
        }
    }
}
