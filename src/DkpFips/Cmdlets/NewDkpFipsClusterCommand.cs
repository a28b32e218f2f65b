using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading;
using DkpFips.Completion;
using DkpFips.Core.AzureDevOps;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Journal;
using DkpFips.Core.Process;
using DkpFips.Infrastructure;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Plans, verifies and runs dkp create cluster for FIPS clusters, one or a batch.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "DkpFipsCluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/New-DkpFipsCluster.md")]
    [OutputType(typeof(ClusterCreateResult), typeof(ClusterPlan))]
    public sealed class NewDkpFipsClusterCommand : ClusterSpecCmdlet
    {
        private const int ProgressId = 7301;

        private readonly List<ClusterPlan> pending = new List<ClusterPlan>();
        private readonly Dictionary<FipsBuildDefinition, FipsBuild> builds = new Dictionary<FipsBuildDefinition, FipsBuild>();
        private readonly Dictionary<string, (string ManagementKubeconfig, string? Namespace)> managementClusters = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        private ClusterBatchPlanner planner = null!;

        /// <summary>The cluster name (a DNS-1123 name).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        [AllowEmptyString]
        public string ClusterName { get => Spec.ClusterName!; set => Spec.ClusterName = value; }

        /// <summary>A build from Get-FipsBuild.</summary>
        [Parameter(ValueFromPipeline = true)]
        public FipsBuild? FipsBuild { get; set; }

        /// <summary>Credentials of the registry mirror (the password is always masked).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Credential]
        public PSCredential? RegistryMirrorCredential { get; set; }

        /// <summary>AWS credentials, passed to dkp in its environment (never its arguments).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Credential]
        public PSCredential? AwsCredential { get; set; }

        /// <summary>Run nothing: emit the plan.</summary>
        [Parameter]
        public SwitchParameter PlanOnly { get; set; }

        /// <summary>Run dkp with --dry-run --output yaml and verify the FIPS fields of the manifests.</summary>
        [Parameter]
        public SwitchParameter DryRun { get; set; }

        /// <summary>Plan a provider the build's release does not list as FIPS-supported (ProviderNotSupportedByRelease).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How many dkp processes run at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Stop a dkp process (tree) that runs longer than this; 0 for no limit.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int TimeoutSec { get; set; }

        /// <summary>Where the per-cluster log files go.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LogDirectory { get; set; }

        /// <summary>An append-only JSON Lines journal of finished clusters; default $env:DKPFIPS_JOURNAL_PATH when set.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>On Azure Pipelines, also set each new cluster's kubeconfig path as an output variable.</summary>
        [Parameter]
        public SwitchParameter SetPipelineVariable { get; set; }

        /// <summary>Skip clusters the journal shows as succeeded.</summary>
        [Parameter]
        public SwitchParameter Resume { get; set; }

        // -JournalPath, else the journal DKPFIPS_JOURNAL_PATH names (the one cluster-name completion reads).
        private string? JournalFile => JournalPath
            ?? (Environment.GetEnvironmentVariable(ResultsJournal.PathEnvironmentVariable) is string fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment) ? fromEnvironment.Trim() : null);

        protected override void BeginProcessing()
        {
            if (Resume && JournalFile is null)
            {
                ThrowTerminatingError(new ArgumentException($"-Resume needs -JournalPath (or ${ResultsJournal.PathEnvironmentVariable}): the journal says which clusters already succeeded."),
                    ErrorKind.ResumeNeedsJournal, null);
            }

            planner = new ClusterBatchPlanner(new ClusterPlanBuilder(LoadCatalog(CatalogPath)));
        }

        protected override void ProcessRecord()
        {
            if (RefusedRenamedField())
            {
                return;
            }

            if (UnfitAmi.Problem(AmiReport, ClusterName, "planned into a create command") is { } unfit)
            {
                WriteError(unfit.Exception, ErrorKind.AmiNotFipsReady, AmiReport, unfit.RecommendedAction);
                return;
            }

            ClusterCreatePlan plan;
            ClusterCreateRequest request;
            try
            {
                request = ToRequest();
                plan = planner.Plan(request);
                if (ReleaseSupport.ForcedPast(plan.Build, plan.Provider) is { } forced)
                {
                    WriteWarning($"Cluster '{plan.ClusterName}': {forced}");
                }
            }
            catch (DkpFipsException ex)
            {
                WritePlanError(ex);
                return;
            }

            if (!builds.TryGetValue(plan.Build, out var build))
            {
                build = new FipsBuild(plan.Build);
                builds[plan.Build] = build;
            }

            var output = new ClusterPlan(plan, build);
            var ns = string.IsNullOrWhiteSpace(Namespace) ? null : Namespace!.Trim();
            managementClusters[output.ClusterName] = (request.Spec.ManagementKubeconfig ?? DefaultKubeconfig.Path(), ns);
            if (PlanOnly)
            {
                WriteObject(output);
                return;
            }

            pending.Add(output);
        }

        protected override void EndProcessing()
        {
            if (PlanOnly || pending.Count == 0)
            {
                return;
            }

            var journal = JournalFile is null ? null : new ResultsJournal(SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalFile));
            if (journal is not null)
            {
                try
                {
                    // Before anything runs: a journal that cannot record would let -Resume create clusters twice.
                    journal.EnsureWritable();
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    ThrowTerminatingError(new IOException($"No cluster was started: the journal {journal.Path} cannot record results. {ex.Message}", ex),
                        ErrorKind.JournalWriteFailed, JournalFile, "Give a -JournalPath in a writable folder, in UTF-8.");
                }
            }

            var done = Resume && journal is not null ? journal.SucceededNames() : new HashSet<string>();
            var toRun = new List<ClusterPlan>();
            foreach (var plan in pending.Where(p => !planner.IsDuplicate(p.ClusterName)))
            {
                if (done.Contains(plan.ClusterName))
                {
                    WriteVerbose($"[{plan.ClusterName}] skipped: the journal {journal!.Path} records it as succeeded.");
                    WriteObject(new ClusterCreateResult(plan, nameof(RunStatus.Skipped), null, TimeSpan.Zero, null, null));
                    continue;
                }

                // --dry-run creates nothing, so it needs no confirmation.
                var action = DryRun ? null : $"Create FIPS cluster ({plan.Provider}, Kubernetes {plan.KubernetesVersion}, etcd {plan.EtcdVersion})";
                if (action is null || ShouldProcess(plan.ClusterName, action))
                {
                    toRun.Add(plan);
                }
            }

            if (toRun.Count > 0)
            {
                Run(toRun, journal);
            }
        }

        private void Run(IReadOnlyList<ClusterPlan> plans, ResultsJournal? journal)
        {
            var logDirectory = LogFolder(LogDirectory);
            var stamp = LogStamp();
            var byName = plans.ToDictionary(p => p.ClusterName, StringComparer.Ordinal);
            var items = plans.Select(p =>
            {
                var options = RunOptions(TimeoutSec, Path.Combine(logDirectory, p.ClusterName + "-" + stamp + (DryRun ? "-dryrun" : string.Empty) + ".log"));
                options.CaptureStandardOutput = DryRun;
                return new BatchItem(p.ClusterName, p.Engine.Command, options);
            }).ToList();

            // Decided on the worker thread as soon as a run ends (so the journal is written at once).
            var outcomes = new ConcurrentDictionary<string, (string Status, DryRunCheck[]? Checks)>(StringComparer.Ordinal);
            void OnFinished(BatchItem item, ProcessRunResult result)
            {
                var status = result.Status.ToString();
                DryRunCheck[]? checks = null;
                if (DryRun && result.Status == RunStatus.Succeeded)
                {
                    checks = DryRunVerifier.Verify(result.StandardOutput ?? string.Empty, byName[item.Name].Engine)
                        .Select(c => new DryRunCheck(c.Kind, c.Name, c.Field, c.Expected, c.Actual, c.Passed)).ToArray();
                    if (checks.Any(c => !c.Passed))
                    {
                        status = nameof(RunStatus.Failed);
                    }
                }

                outcomes[item.Name] = (status, checks);
                journal?.Append(new JournalEntry(item.Name, status, result.ExitCode, result.Duration, item.Options.LogPath,
                    result.StartError ?? item.Command.ToCommandLine(ShellKind.Pwsh), DateTimeOffset.Now));
            }

            int finished = 0, running = 0;
            var started = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                // A stopped pipeline or -ErrorAction Stop stops every dkp still running; the
                // workers still journal what they finished.
                RunTools(items, ThrottleLimit, e =>
                {
                    if (e.Kind == BatchEventKind.Started)
                    {
                        started.Add(e.Item.Name);
                        running++;
                    }
                    else if (e.Kind == BatchEventKind.Finished)
                    {
                        finished++;
                        if (started.Contains(e.Item.Name))
                        {
                            running--;
                        }
                    }

                    Report(e, byName[e.Item.Name], outcomes, finished, running, plans.Count);
                }, OnFinished);
            }
            finally
            {
                if (!Stopping)
                {
                    WriteProgress(new ProgressRecord(ProgressId, "Creating FIPS clusters", "Done") { RecordType = ProgressRecordType.Completed });
                }
            }
        }

        private void Report(BatchEvent e, ClusterPlan plan, ConcurrentDictionary<string, (string Status, DryRunCheck[]? Checks)> outcomes, int finished, int running, int total)
        {
            switch (e.Kind)
            {
                case BatchEventKind.Started:
                    WriteVerbose($"[{plan.ClusterName}] {plan.CommandLine}");
                    WriteProgress(new ProgressRecord(ProgressId, "Creating FIPS clusters", $"{finished} of {total} finished, {running} running")
                    {
                        PercentComplete = total == 0 ? 0 : finished * 100 / total,
                        CurrentOperation = "Started " + plan.ClusterName,
                    });
                    break;
                case BatchEventKind.Output:
                    WriteVerbose($"[{plan.ClusterName}] {e.Line}");
                    break;
                case BatchEventKind.Finished:
                    var result = e.Result!;
                    var (status, checks) = outcomes.TryGetValue(plan.ClusterName, out var o) ? o : (result.Status.ToString(), null);
                    // A new cluster with its own kubeconfig file is reached by it; any other through the
                    // management cluster it was created on (never by a default kubeconfig, which is that management cluster).
                    var kubeconfig = FindKubeconfig(e.Item, result);
                    var management = managementClusters.TryGetValue(plan.ClusterName, out var m) ? m : (DefaultKubeconfig.Path(), null);
                    var output = new ClusterCreateResult(plan, status, result.ExitCode, result.Duration, e.Item.Options.LogPath, checks, kubeconfig, kubeconfig is null ? management.Item1 : null, management.Item2);
                    WriteProgress(new ProgressRecord(ProgressId, "Creating FIPS clusters", $"{finished} of {total} finished, {running} running")
                    {
                        PercentComplete = total == 0 ? 0 : finished * 100 / total,
                        CurrentOperation = $"{plan.ClusterName}: {status}",
                    });
                    if (IsAzurePipelinesAgent)
                    {
                        WriteAzureGroup(output);
                        if (SetPipelineVariable && output.KubeconfigPath is not null)
                        {
                            WriteAgentLine(AzureDevOpsLog.SetOutputVariable(AzureDevOpsLog.VariableName("kubeconfig_" + plan.ClusterName), output.KubeconfigPath));
                        }
                    }

                    if (e.CallbackError is not null)
                    {
                        WriteError(new IOException($"The journal could not record '{plan.ClusterName}': {e.CallbackError}"),
                            ErrorKind.JournalWriteFailed, JournalFile);
                    }

                    WriteObject(output);
                    ReportFailure(output, result);
                    break;
            }
        }

        // dkp writes <cluster>.conf into its working directory when it creates a self-managed cluster.
        private static string? FindKubeconfig(BatchItem item, ProcessRunResult result)
        {
            if (result.Status != RunStatus.Succeeded || item.Options.WorkingDirectory is null)
            {
                return null;
            }

            var path = Path.Combine(item.Options.WorkingDirectory, item.Name + ".conf");
            return File.Exists(path) && File.GetLastWriteTimeUtc(path) >= DateTime.UtcNow - result.Duration - TimeSpan.FromSeconds(2) ? path : null;
        }

        private void ReportFailure(ClusterCreateResult output, ProcessRunResult result)
        {
            var name = output.ClusterName;
            if (result.Status == RunStatus.Succeeded && output.Status == nameof(RunStatus.Failed))
            {
                foreach (var check in output.Checks.Where(c => !c.Passed))
                {
                    WriteError(new InvalidDataException($"The dry run of '{name}' is not FIPS: {check.Kind} '{check.Name}' {check.Field} is '{check.Actual ?? "(missing)"}', expected '{check.Expected}'."),
                        ErrorKind.DryRunCheckFailed, output);
                }

                return;
            }

            var failure = ProcessFailure.Describe(result, $"dkp create cluster for '{name}'", TimeoutSec, output.LogPath);
            if (failure is not null)
            {
                WriteProcessFailure(failure, ToolFailureKinds.Dkp, output, "-DkpPath");
            }
        }

        private void WriteAzureGroup(ClusterCreateResult output)
        {
            WriteAgentLine(AzureDevOpsLog.BeginGroup($"dkp create cluster {output.ClusterName}: {output.Status}"));
            if (output.LogPath is not null && File.Exists(output.LogPath))
            {
                foreach (var line in File.ReadAllLines(output.LogPath))
                {
                    WriteAgentLine(AzureDevOpsLog.Neutralize(line));
                }
            }

            WriteAgentLine(AzureDevOpsLog.EndGroup);
        }

        private ClusterCreateRequest ToRequest()
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            if (AwsCredential is not null && AwsCredential != PSCredential.Empty)
            {
                environment["AWS_ACCESS_KEY_ID"] = AwsCredential.UserName;
                environment["AWS_SECRET_ACCESS_KEY"] = AwsCredential.GetNetworkCredential().Password;
            }

            var mirrorPassword = RegistryMirrorCredential is null || RegistryMirrorCredential == PSCredential.Empty
                ? null
                : RegistryMirrorCredential.GetNetworkCredential().Password;
            // This record's spec (the kubeconfig resolved against the current location), composed
            // with what only a real creation has: the chosen build, credentials, the dkp found, the switches.
            var spec = Spec.Clone();
            spec.ManagementKubeconfig = string.IsNullOrWhiteSpace(spec.ManagementKubeconfig) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(spec.ManagementKubeconfig!.Trim());
            return new ClusterCreateRequest(spec)
            {
                FipsBuild = FipsBuild?.Definition,
                RegistryMirrorUsername = RegistryMirrorCredential?.UserName,
                RegistryMirrorPassword = mirrorPassword,
                Environment = environment,
                DryRun = DryRun,
                Force = Force,
                Executable = ResolveDkp(spec.DkpPath, required: !PlanOnly),
            };
        }
    }
}
