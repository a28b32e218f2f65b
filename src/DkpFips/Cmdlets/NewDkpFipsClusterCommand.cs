using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using DkpFips.Completion;
using DkpFips.Core.Aws;
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
        private const string Activity = "Creating FIPS clusters";

        // The engine plans to run, each with the plan object users see.
        private readonly List<(ClusterCreatePlan Engine, ClusterPlan Output)> pending = new List<(ClusterCreatePlan, ClusterPlan)>();
        private readonly Dictionary<FipsBuildDefinition, FipsBuild> builds = new Dictionary<FipsBuildDefinition, FipsBuild>();
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

        /// <summary>A session token of temporary credentials (needs -AwsCredential): a SecureString, or plain text; dkp gets it as AWS_SESSION_TOKEN.</summary>
        [Parameter]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString? SessionToken { get; set; }

        /// <summary>A profile of the shared credentials/config files; dkp gets it as AWS_PROFILE.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProfileName { get; set; }

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
        private string? JournalFile => JournalPath ?? ResultsJournal.PathFromEnvironment();

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
            if (RefusedRecord("planned into a create command"))
            {
                return;
            }

            if (ToolAwsCredentials(AwsCredential, SessionToken, ProfileName, checkProfile: !PlanOnly, ClusterName) is not { } credentials)
            {
                return;
            }

            ClusterCreatePlan plan;
            try
            {
                plan = planner.Plan(ToRequest(credentials));
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

            // One FipsBuild object per catalog build of the batch.
            if (!builds.TryGetValue(plan.Build, out var build))
            {
                builds[plan.Build] = build = new FipsBuild(plan.Build);
            }

            var output = new ClusterPlan(plan, build, credentials.Source);
            if (PlanOnly)
            {
                WriteObject(output);
                return;
            }

            pending.Add((plan, output));
        }

        protected override void EndProcessing()
        {
            if (PlanOnly || pending.Count == 0)
            {
                return;
            }

            ResultsJournal? journal = null;
            try
            {
                journal = GivenPath(JournalFile) is { } journalPath ? ResultsJournal.OpenForBatch(journalPath) : null;
            }
            catch (DkpFipsException ex)
            {
                ThrowTerminatingError(ex, ex.Kind, JournalFile, ex.RecommendedAction);
            }

            var done = Resume && journal is not null ? journal.SucceededNames() : new HashSet<string>();
            var toRun = new List<(ClusterCreatePlan Engine, ClusterPlan Output)>();
            foreach (var cluster in pending.Where(p => !planner.IsDuplicate(p.Engine.ClusterName)))
            {
                var plan = cluster.Output;
                if (done.Contains(plan.ClusterName))
                {
                    WriteVerbose($"[{plan.ClusterName}] skipped: the journal {journal!.Path} records it as succeeded.");
                    WriteObject(new ClusterCreateResult(plan, nameof(RunStatus.Skipped), null, TimeSpan.Zero, null, null));
                    continue;
                }

                // --dry-run creates nothing, so it needs no confirmation.
                if (DryRun || ShouldProcess(plan.ClusterName, $"Create FIPS cluster ({plan.Provider}, Kubernetes {plan.KubernetesVersion}, etcd {plan.EtcdVersion})"))
                {
                    toRun.Add(cluster);
                }
            }

            if (toRun.Count > 0)
            {
                Run(toRun, journal);
            }
        }

        private void Run(IReadOnlyList<(ClusterCreatePlan Engine, ClusterPlan Output)> clusters, ResultsJournal? journal)
        {
            var logDirectory = LogFolder(LogDirectory);
            var stamp = LogStamp();
            var byName = clusters.ToDictionary(c => c.Engine.ClusterName, c => c.Output, StringComparer.Ordinal);
            var run = new ClusterCreateRun(clusters.Select(c => c.Engine).ToList(), journal);
            var items = run.Items(plan => RunOptions(TimeoutSec, Path.Combine(logDirectory, ClusterCreateRun.LogFileName(plan, stamp))));
            // A stopped pipeline or -ErrorAction Stop stops every dkp still running; the
            // workers still journal what they finished.
            RunTools(items, ThrottleLimit, (ProgressId, Activity), e =>
            {
                run.Count(e);
                Report(e, run, byName[e.Item.Name]);
            }, run.Record);
        }

        private void Report(BatchEvent e, ClusterCreateRun run, ClusterPlan plan)
        {
            switch (e.Kind)
            {
                case BatchEventKind.Started:
                    WriteVerbose($"[{plan.ClusterName}] {plan.CommandLine}");
                    WriteProgress(Progress(run, "Started " + plan.ClusterName));
                    break;
                case BatchEventKind.Output:
                    WriteVerbose($"[{plan.ClusterName}] {e.Line}");
                    break;
                case BatchEventKind.Finished:
                    var output = ClusterCreateResult.Finished(plan, run.Outcome(e), e.Result!, e.Item.Options.LogPath);
                    WriteProgress(Progress(run, $"{plan.ClusterName}: {output.Status}"));
                    if (IsAzurePipelinesAgent)
                    {
                        WriteAgentLogGroup($"dkp create cluster {output.ClusterName}: {output.Status}", output.LogPath);
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
                    ReportFailure(output, e.Result!);
                    break;
            }
        }

        private static ProgressRecord Progress(ClusterCreateRun run, string operation) =>
            new ProgressRecord(ProgressId, Activity, run.ProgressText) { PercentComplete = run.PercentComplete, CurrentOperation = operation };

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

        private ClusterCreateRequest ToRequest(AwsToolCredentials credentials)
        {
            // This record's spec (the kubeconfig resolved against the current location), composed
            // with what only a real creation has: the chosen build, credentials, the dkp found, the switches.
            var spec = Spec.Clone();
            spec.ManagementKubeconfig = GivenPath(spec.ManagementKubeconfig);
            return new ClusterCreateRequest(spec)
            {
                FipsBuild = FipsBuild?.Definition,
                RegistryMirrorUsername = RegistryMirrorCredential?.UserName,
                RegistryMirrorPassword = Password(RegistryMirrorCredential),
                Environment = credentials.Environment(),
                DryRun = DryRun,
                Force = Force,
                Executable = ResolveTool(ToolProgram.Dkp, spec.DkpPath, required: !PlanOnly)!,
            };
        }
    }
}
