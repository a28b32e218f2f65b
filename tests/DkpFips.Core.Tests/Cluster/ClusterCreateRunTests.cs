using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Journal;
using DkpFips.Core.Process;
using Xunit;

namespace DkpFips.Core.Tests.Cluster
{
    public sealed class ClusterCreateRunTests : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "dkpfips-createrun-" + Guid.NewGuid().ToString("N"));

        public ClusterCreateRunTests() => Directory.CreateDirectory(folder);

        public void Dispose() => Directory.Delete(folder, recursive: true);

        private static ClusterCreatePlan Plan(string name, bool dryRun) => new ClusterPlanBuilder(FipsCatalog.BuiltIn).Build(new ClusterCreateRequest
        {
            Spec = { ClusterName = name, Provider = "aws", KubernetesVersion = "1.23", AmiId = "ami-03dcaa75d45aca36f" }, DryRun = dryRun,
        });

        private static ProcessRunResult Ended(RunStatus status, string? standardOutput = null, string? startError = null, TimeSpan? duration = null) =>
            new ProcessRunResult(status, status == RunStatus.Succeeded ? 0 : (int?)null, duration ?? TimeSpan.FromSeconds(1), Array.Empty<string>(), startError) { StandardOutput = standardOutput };

        private BatchItem Item(ClusterCreateRun run, string name) =>
            run.Items(p => new ProcessRunOptions { WorkingDirectory = folder, LogPath = Path.Combine(folder, p.ClusterName + ".log") }).Single(i => i.Name == name);

        [Fact]
        public void ItemsRunEachPlansCommandInOrderAndOnlyADryRunCapturesTheManifests()
        {
            var plans = new[] { Plan("b-real", dryRun: false), Plan("a-dry", dryRun: true) };
            var items = new ClusterCreateRun(plans, null).Items(p => new ProcessRunOptions { LogPath = p.ClusterName });

            Assert.Equal(new[] { "b-real", "a-dry" }, items.Select(i => i.Name));
            Assert.Same(plans[0].Command, items[0].Command);
            Assert.False(items[0].Options.CaptureStandardOutput);
            Assert.True(items[1].Options.CaptureStandardOutput);
            Assert.Equal("b-real", items[0].Options.LogPath);
        }

        [Fact]
        public void TheLogFileNameMarksADryRun()
        {
            Assert.Equal("c1-20261206-010203.log", ClusterCreateRun.LogFileName(Plan("c1", dryRun: false), "20261206-010203"));
            Assert.Equal("c1-20261206-010203-dryrun.log", ClusterCreateRun.LogFileName(Plan("c1", dryRun: true), "20261206-010203"));
        }

        [Fact]
        public void ADryRunWhoseManifestsAreNotFipsFailsAndIsJournaledAsFailed()
        {
            var journal = new ResultsJournal(Path.Combine(folder, "journal.jsonl"));
            var run = new ClusterCreateRun(new[] { Plan("c1", dryRun: true) }, journal);
            var item = Item(run, "c1");
            var result = Ended(RunStatus.Succeeded, DryRunVerifierTests.Yaml(ami: "ami-0fffffff"));

            run.Record(item, result);
            var outcome = run.Outcome(new BatchEvent(BatchEventKind.Finished, item, result: result));

            Assert.Equal(RunStatus.Failed, outcome.Status);
            var failed = Assert.Single(outcome.Checks, c => !c.Passed);
            Assert.Equal("spec.template.spec.ami.id", failed.Field);
            var entry = Assert.Single(journal.Read());
            Assert.Equal(("c1", "Failed", 0), (entry.Name, entry.Status, entry.ExitCode));
            Assert.Equal(item.Command.ToCommandLine(ShellKind.Pwsh), entry.Detail);
            Assert.Equal(item.Options.LogPath, entry.LogPath);
            Assert.Empty(journal.SucceededNames());
        }

        [Fact]
        public void AFipsDryRunSucceedsWithEveryCheckPassed()
        {
            var run = new ClusterCreateRun(new[] { Plan("c1", dryRun: true) }, null);
            var item = Item(run, "c1");
            var result = Ended(RunStatus.Succeeded, DryRunVerifierTests.Yaml());
            run.Record(item, result);

            var outcome = run.Outcome(new BatchEvent(BatchEventKind.Finished, item, result: result));
            Assert.Equal(RunStatus.Succeeded, outcome.Status);
            Assert.NotEmpty(outcome.Checks);
            Assert.All(outcome.Checks, c => Assert.True(c.Passed, c.ToString()));
        }

        [Fact]
        public void ARealRunIsNotVerifiedAndAStartErrorIsWhatTheJournalRecords()
        {
            var journal = new ResultsJournal(Path.Combine(folder, "journal.jsonl"));
            var run = new ClusterCreateRun(new[] { Plan("ok", dryRun: false), Plan("broken", dryRun: false) }, journal);
            // Standard output that is no manifest at all: a real run is not read as one.
            run.Record(Item(run, "ok"), Ended(RunStatus.Succeeded, "not yaml: ["));
            run.Record(Item(run, "broken"), Ended(RunStatus.Failed, startError: "No such file or directory"));

            var entries = journal.Read();
            Assert.Equal(new[] { ("ok", "Succeeded"), ("broken", "Failed") }, entries.Select(e => (e.Name, e.Status)));
            Assert.Equal("No such file or directory", entries[1].Detail);
            Assert.Equal(new[] { "ok" }, journal.SucceededNames());
        }

        [Fact]
        public void AJournalThatCannotBeWrittenThrowsButTheVerdictStands()
        {
            // A folder where the journal file should be: every append fails.
            var blocked = Path.Combine(folder, "journal-is-a-folder");
            Directory.CreateDirectory(blocked);
            var run = new ClusterCreateRun(new[] { Plan("c1", dryRun: true) }, new ResultsJournal(blocked));
            var item = Item(run, "c1");
            var result = Ended(RunStatus.Succeeded, DryRunVerifierTests.Yaml(version: "v1.23.7"));

            Assert.ThrowsAny<Exception>(() => run.Record(item, result));
            Assert.Equal(RunStatus.Failed, run.Outcome(new BatchEvent(BatchEventKind.Finished, item, result: result)).Status);
        }

        [Fact]
        public void WithoutARecordedVerdictTheOutcomeIsHowTheProcessEnded()
        {
            var run = new ClusterCreateRun(new[] { Plan("c1", dryRun: true) }, null);
            var item = Item(run, "c1");
            var outcome = run.Outcome(new BatchEvent(BatchEventKind.Finished, item, result: Ended(RunStatus.TimedOut)));
            Assert.Equal(RunStatus.TimedOut, outcome.Status);
            Assert.Empty(outcome.Checks);
            Assert.Throws<ArgumentException>(() => run.Outcome(new BatchEvent(BatchEventKind.Started, item)));
        }

        [Fact]
        public void TheOutcomeNamesThePlanAndWhereTheClusterLives()
        {
            var plan = new ClusterPlanBuilder(FipsCatalog.BuiltIn).Build(new ClusterCreateRequest
            {
                Spec = { ClusterName = "c1", Provider = "aws", KubernetesVersion = "1.23", AmiId = "ami-03dcaa75d45aca36f", ManagementKubeconfig = " /k/management.conf ", Namespace = " team-a " },
            });
            var run = new ClusterCreateRun(new[] { plan, Plan("c2", false) }, null);

            var outcome = run.Outcome(new BatchEvent(BatchEventKind.Finished, Item(run, "c1"), result: Ended(RunStatus.Succeeded)));
            Assert.Same(plan, outcome.Plan);
            Assert.Equal(("/k/management.conf", "team-a"), (outcome.Plan.ManagementKubeconfig, outcome.Plan.Namespace));
            Assert.Contains("--namespace=team-a", plan.Command.DisplayArguments);
            var other = run.Outcome(new BatchEvent(BatchEventKind.Finished, Item(run, "c2"), result: Ended(RunStatus.Failed))).Plan;
            Assert.Equal(("c2", null, null), (other.ClusterName, other.ManagementKubeconfig, other.Namespace));
        }

        [Fact]
        public void CountsRunningAndFinishedRunsAndAnItemCancelledBeforeItStartedIsNotRunning()
        {
            var run = new ClusterCreateRun(new[] { Plan("a", false), Plan("b", false), Plan("c", false) }, null);
            var items = run.Items(_ => new ProcessRunOptions()).ToDictionary(i => i.Name);
            run.Count(new BatchEvent(BatchEventKind.Started, items["a"]));
            run.Count(new BatchEvent(BatchEventKind.Started, items["b"]));
            run.Count(new BatchEvent(BatchEventKind.Output, items["b"], "line"));
            Assert.Equal("0 of 3 finished, 2 running", run.ProgressText);

            run.Count(new BatchEvent(BatchEventKind.Finished, items["a"], result: Ended(RunStatus.Succeeded)));
            run.Count(new BatchEvent(BatchEventKind.Finished, items["c"], result: Ended(RunStatus.Cancelled)));
            Assert.Equal((2, 1, 66), (run.Finished, run.Running, run.PercentComplete));
            Assert.Equal("2 of 3 finished, 1 running", run.ProgressText);
        }

        [Fact]
        public void TheKubeconfigDkpWroteDuringTheRunIsFoundAndAnOlderOneOrAFailedRunIsNot()
        {
            var run = new ClusterCreateRun(new[] { Plan("fresh", false), Plan("stale", false) }, null);
            File.WriteAllText(Path.Combine(folder, "fresh.conf"), "apiVersion: v1\n");
            var stale = Path.Combine(folder, "stale.conf");
            File.WriteAllText(stale, "apiVersion: v1\n");
            File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - TimeSpan.FromHours(1));

            string? KubeconfigOf(string name, RunStatus status) =>
                run.Outcome(new BatchEvent(BatchEventKind.Finished, Item(run, name), result: Ended(status, duration: TimeSpan.FromMinutes(5)))).KubeconfigPath;

            Assert.Equal(Path.Combine(folder, "fresh.conf"), KubeconfigOf("fresh", RunStatus.Succeeded));
            Assert.Null(KubeconfigOf("fresh", RunStatus.Failed));
            Assert.Null(KubeconfigOf("stale", RunStatus.Succeeded));
        }

        [Fact]
        public void ARealDryRunThroughTheToolRunnerIsVerifiedAndJournaledBeforeItsFinishedEvent()
        {
            // A real child process prints the manifests (as dkp --dry-run --output yaml does); the
            // run's Record is the batch's onFinished, so the journal has the verdict when Finished arrives.
            var manifests = Path.Combine(folder, "manifests.yaml");
            File.WriteAllText(manifests, DryRunVerifierTests.Yaml(etcdTag: "3.4.13-0"));
            var journal = new ResultsJournal(Path.Combine(folder, "journal.jsonl"));
            var run = new ClusterCreateRun(new[] { Plan("c1", dryRun: true) }, journal);
            var planned = Item(run, "c1");
            var item = new BatchItem("c1", new CommandPlan("cat", new[] { manifests }), planned.Options);
            var statuses = new List<string>();

            ToolRunner.Run(new[] { item }, 1, CancellationToken.None, e =>
            {
                run.Count(e);
                if (e.Kind == BatchEventKind.Finished)
                {
                    statuses.Add(journal.Read().Single().Status);
                    statuses.Add(run.Outcome(e).Status.ToString());
                }
            }, run.Record);

            Assert.Equal(new[] { "Failed", "Failed" }, statuses);
            Assert.Equal((1, 0), (run.Finished, run.Running));
        }
    }
}
