using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DkpFips.Core.Journal;
using DkpFips.Core.Process;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// The bookkeeping of one batch of <c>dkp create cluster</c> runs, whatever reports it: the
    /// batch items of the checked plans, what each run came to (a dry run whose manifests are not
    /// FIPS fails although dkp succeeded), the journal record written the moment a run ends, the
    /// progress counts, and the kubeconfig dkp wrote for a new self-managed cluster.
    /// </summary>
    public sealed class ClusterCreateRun
    {
        private readonly IReadOnlyList<ClusterCreatePlan> ordered;
        private readonly Dictionary<string, ClusterCreatePlan> plans;
        private readonly ResultsJournal? journal;
        private readonly ConcurrentDictionary<string, (RunStatus Status, IReadOnlyList<ManifestCheck> Checks)> decided =
            new ConcurrentDictionary<string, (RunStatus, IReadOnlyList<ManifestCheck>)>(StringComparer.Ordinal);

        private readonly HashSet<string> started = new HashSet<string>(StringComparer.Ordinal);

        /// <param name="plans">The plans to run, each cluster name once.</param>
        /// <param name="journal">Where each finished run is recorded; null for none.</param>
        public ClusterCreateRun(IReadOnlyList<ClusterCreatePlan> plans, ResultsJournal? journal)
        {
            ordered = plans ?? throw new ArgumentNullException(nameof(plans));
            this.plans = plans.ToDictionary(p => p.ClusterName, StringComparer.Ordinal);
            this.journal = journal;
            Total = plans.Count;
        }

        public int Total { get; }

        /// <summary>Runs that have ended (counted from the events handed to <see cref="Count"/>).</summary>
        public int Finished { get; private set; }

        /// <summary>Runs started and not yet ended.</summary>
        public int Running { get; private set; }

        /// <summary>E.g. "1 of 3 finished, 2 running".</summary>
        public string ProgressText => $"{Finished} of {Total} finished, {Running} running";

        public int PercentComplete => Total == 0 ? 0 : Finished * 100 / Total;

        /// <summary>The name of a cluster's log file: one per cluster and invocation (stamp), a dry run's marked as such.</summary>
        public static string LogFileName(ClusterCreatePlan plan, string stamp) =>
            plan.ClusterName + "-" + stamp + (plan.DryRun ? "-dryrun" : string.Empty) + ".log";

        /// <summary>One batch item per plan, in order; a dry run captures dkp's standard output (the manifests to verify).</summary>
        public IReadOnlyList<BatchItem> Items(Func<ClusterCreatePlan, ProcessRunOptions> options) => ordered.Select(plan =>
        {
            var runOptions = options(plan);
            runOptions.CaptureStandardOutput = plan.DryRun;
            return new BatchItem(plan.ClusterName, plan.Command, runOptions);
        }).ToList();

        /// <summary>
        /// Decides what a run came to and journals it. Called on the worker thread as soon as the
        /// run ends (BatchRunner's onFinished), so the journal holds it even if the caller is stopped.
        /// Throws when the journal cannot be written; the decision is kept all the same.
        /// </summary>
        public void Record(BatchItem item, ProcessRunResult result)
        {
            var status = result.Status;
            IReadOnlyList<ManifestCheck> checks = Array.Empty<ManifestCheck>();
            if (plans[item.Name].DryRun && result.Status == RunStatus.Succeeded)
            {
                checks = DryRunVerifier.Verify(result.StandardOutput ?? string.Empty, plans[item.Name]);
                if (checks.Any(c => !c.Passed))
                {
                    status = RunStatus.Failed;
                }
            }

            decided[item.Name] = (status, checks);
            journal?.Append(new JournalEntry(item.Name, status.ToString(), result.ExitCode, result.Duration, item.Options.LogPath,
                result.StartError ?? item.Command.ToCommandLine(ShellKind.Pwsh), DateTimeOffset.Now));
        }

        /// <summary>Counts a run's start or end for <see cref="Finished"/> and <see cref="Running"/> (call on the consumer thread).</summary>
        public void Count(BatchEvent e)
        {
            if (e.Kind == BatchEventKind.Started)
            {
                started.Add(e.Item.Name);
                Running++;
            }
            else if (e.Kind == BatchEventKind.Finished)
            {
                Finished++;
                if (started.Contains(e.Item.Name))
                {
                    Running--;
                }
            }
        }

        /// <summary>What the run of a Finished event came to: as <see cref="Record"/> decided, else as the process ended.</summary>
        public ClusterCreateOutcome Outcome(BatchEvent finished)
        {
            var result = finished.Result ?? throw new ArgumentException("Only a Finished event has an outcome.", nameof(finished));
            var (status, checks) = decided.TryGetValue(finished.Item.Name, out var d) ? d : (result.Status, Array.Empty<ManifestCheck>());
            return new ClusterCreateOutcome(plans[finished.Item.Name], status, checks, FindKubeconfig(finished.Item, result));
        }

        // dkp writes <cluster>.conf into its working directory when it creates a self-managed
        // cluster; a file older than this run is another run's.
        internal static string? FindKubeconfig(BatchItem item, ProcessRunResult result)
        {
            if (result.Status != RunStatus.Succeeded || item.Options.WorkingDirectory is null)
            {
                return null;
            }

            var path = Path.Combine(item.Options.WorkingDirectory, item.Name + ".conf");
            return File.Exists(path) && File.GetLastWriteTimeUtc(path) >= DateTime.UtcNow - result.Duration - TimeSpan.FromSeconds(2) ? path : null;
        }
    }
}
