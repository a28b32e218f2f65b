using System;
using System.IO;
using System.Management.Automation;
using System.Security;
using DkpFips.Completion;
using DkpFips.Core.Aws;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Process;
using DkpFips.Core.Text;
using DkpFips.Core.Upgrade;
using DkpFips.Infrastructure;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Plans and runs the FIPS-preserving upgrade of a DKP cluster: dkp update controlplane, then dkp update nodepool for each pool, with a +fips.N version and a FIPS machine image.</para>
    /// </summary>
    [Cmdlet(VerbsData.Update, "DkpFipsCluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/Update-DkpFipsCluster.md")]
    [OutputType(typeof(ClusterUpgradeResult), typeof(ClusterUpgradePlan))]
    public sealed class UpdateDkpFipsClusterCommand : ClusterOptionsCmdlet
    {
        private const int ProgressId = 7302;
        private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(60);

        private FipsCatalog catalog = null!;
        private UpgradePlanBuilder builder = null!;

        /// <summary>The cluster's name (its Cluster API Cluster).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        [AllowEmptyString]
        public string ClusterName { get => Spec.ClusterName!; set => Spec.ClusterName = value; }

        /// <summary>The target build from Get-FipsBuild.</summary>
        [Parameter(ValueFromPipeline = true)]
        public FipsBuild? FipsBuild { get; set; }

        /// <summary>A Test-DkpFipsCluster report of the cluster (piped): its CurrentVersion is the upgrade's start, and a cluster it finds not FIPS is refused.</summary>
        [Parameter(ValueFromPipeline = true)]
        public FipsClusterReport? CurrentState { get; set; }

        /// <summary>The version the cluster runs now; default the KubeadmControlPlane's spec.version (with -ManagementKubeconfig).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(KubernetesVersionCompleter))]
        [VersionText(Scalar = true)]
        [AllowEmptyString]
        public string? CurrentVersion { get; set; }

        /// <summary>The node pools (MachineDeployment names) to upgrade; default every MachineDeployment of the cluster (with -ManagementKubeconfig).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyCollection]
        public string[]? NodePool { get; set; }

        /// <summary>The workload cluster's kubeconfig: checked before the upgrade, kube-proxy after the control plane, and everything with -Verify. Default with -ManagementKubeconfig: the cluster's kubeconfig Secret there, in memory only.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Kubeconfig { get; set; }

        /// <summary>The workload kubeconfig's context; default its current context.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Context { get; set; }

        /// <summary>The management kubeconfig's context; default its current context.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ManagementContext { get; set; }

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

        /// <summary>The kubectl program -RepairKubeProxy runs; default kubectl on PATH.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? KubectlPath { get; set; }

        /// <summary>Plan a +fips.N target the catalog does not list.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Run nothing: emit the plan.</summary>
        [Parameter]
        public SwitchParameter PlanOnly { get; set; }

        /// <summary>After the upgrade, run the Test-DkpFipsCluster checks and include the report.</summary>
        [Parameter]
        public SwitchParameter Verify { get; set; }

        /// <summary>Move a kube-proxy left on the old image to the new FIPS image with kubectl set image.</summary>
        [Parameter]
        public SwitchParameter RepairKubeProxy { get; set; }

        /// <summary>Stop a dkp step (its process tree) that runs longer than this; 0 for no limit.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int TimeoutSec { get; set; }

        /// <summary>Where the per-step log files go.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LogDirectory { get; set; }

        protected override void BeginProcessing()
        {
            catalog = LoadCatalog(CatalogPath);
            builder = new UpgradePlanBuilder(catalog);
        }

        protected override void ProcessRecord()
        {
            var nameProblem = Core.Cluster.ClusterName.Problem(ClusterName?.Trim());
            if (nameProblem is not null)
            {
                WriteError(new ArgumentException($"The cluster name '{Core.Cluster.ClusterName.Show(ClusterName)}' is not a valid DNS-1123 name: {nameProblem}."), ErrorKind.InvalidClusterName, Core.Cluster.ClusterName.Show(ClusterName));
                return;
            }

            ClusterName = ClusterName!.Trim();
            // A spec or a CSV row leaves a field unset as null or empty: not given.
            Context = GivenText.OrNull(Context);
            Namespace = GivenText.OrNull(Namespace);
            ImageRepository = GivenText.OrNull(ImageRepository);
            if (RefusedUnfitAmi(ClusterName, "used for the upgrade"))
            {
                return;
            }

            if (ToolAwsCredentials(AwsCredential, SessionToken, ProfileName, checkProfile: !PlanOnly, ClusterName) is not { } credentials)
            {
                return;
            }

            UpgradeClusterReads reads;
            UpgradeStart start;
            UpgradePlan plan;
            try
            {
                // The mirror is checked by the same rule as New-DkpFipsCluster's; a piped report that finds the cluster not FIPS (or is of another cluster) is refused before anything is read.
                var target = new UpgradeClusterTarget(ClusterName, Namespace, Connection(ManagementKubeconfig, ManagementContext), Connection(Kubeconfig, Context), Context, ImageRepository, ReadTimeout);
                CurrentVersion = UpgradeClusterReads.StartVersion(ClusterName, CurrentState?.ToReportedState(), CurrentVersion);
                var reader = target.Workload is not null || target.Management is not null || Verify ? ClusterReader : null;
                if (Verify && target.Workload is null && target.Management is null && !PlanOnly)
                {
                    WriteError(new ArgumentException("-Verify needs the workload cluster: -Kubeconfig, or -ManagementKubeconfig to read its kubeconfig Secret."),
                        ErrorKind.InvalidArgument, "Verify");
                    return;
                }

                reads = new UpgradeClusterReads(reader, catalog, target, Notify);
                start = Stoppable(reads.ReadBefore);
                if (start.Failure is not null)
                {
                    return;
                }

                plan = builder.Build(ToRequest(target.Management?.KubeconfigPath, credentials), start.Management, start.CurrentState);
                if (ReleaseSupport.ForcedPast(plan.Build, plan.Provider) is { } forced)
                {
                    WriteWarning($"Cluster '{ClusterName}': {forced}");
                }
            }
            catch (ClusterPlanException ex)
            {
                WriteError(new ArgumentException($"Cluster '{ClusterName}': {ex.Message}", ex), ex.Kind, ex.Target ?? ClusterName, ex.RecommendedAction);
                return;
            }
            catch (UpgradePlanException ex)
            {
                var message = ex.Message.Contains($"'{ClusterName}'") ? ex.Message : $"Cluster '{ClusterName}': {ex.Message}";
                WriteError(new InvalidOperationException(message, ex), ex.Kind, ex.Target ?? ClusterName, ex.RecommendedAction);
                return;
            }

            var repository = plan.KubernetesImageRepository(ImageRepository);
            var output = new ClusterUpgradePlan(plan, start.CurrentState is null ? null : new FipsClusterReport(start.CurrentState, Context ?? string.Empty, start.Management is not null), KubeProxyRepair.Image(plan.TargetVersion, repository), credentials.Source);
            if (PlanOnly)
            {
                WriteObject(output);
                return;
            }

            var action = $"Upgrade FIPS cluster from {output.CurrentVersion} to {output.KubernetesVersion} (control plane, then {plan.NodePools.Count} node pool(s))";
            if (!ShouldProcess(plan.ClusterName, action))
            {
                return;
            }

            Run(plan, output, reads, start.Workload, repository);
        }

        private void Run(UpgradePlan plan, ClusterUpgradePlan planned, UpgradeClusterReads reads, ClusterConnection? workload, string repository)
        {
            var options = new UpgradeRunOptions
            {
                LogDirectory = LogFolder(LogDirectory),
                Stamp = LogStamp(),
                ImageRepository = repository,
                Workload = workload,
                Verify = Verify,
                Context = Context,
                KubectlPath = KubectlPath,
                RepairKubeProxy = RepairKubeProxy,
            };
            var outcome = Stoppable(t => new UpgradeRunner(plan, options, new UpgradeHost(command => RunCommand(plan.ClusterName, command), () => ResolveTool(ToolProgram.Kubectl, KubectlPath, required: true, stopsCommand: false), Notify), reads).Run(t));
            WriteProgress(new ProgressRecord(ProgressId, $"Upgrading {plan.ClusterName}", "Done") { RecordType = ProgressRecordType.Completed });
            FipsClusterReport? verification = null;
            if (outcome.Verification?.Report is { } report)
            {
                verification = new FipsClusterReport(report, Context ?? string.Empty, outcome.Verification.ClusterApiChecked);
                if (!report.IsFipsCompliant)
                {
                    WriteError(new InvalidDataException($"'{plan.ClusterName}' is not FIPS compliant after the upgrade: {verification.Summary}. See the result's Verification.Failures."),
                        ErrorKind.UpgradeVerificationFailed, plan.ClusterName, "Run Test-DkpFipsCluster for the details.");
                }
            }

            var output = new ClusterUpgradeResult(planned, outcome, verification);
            ReportFailedChecks(output);
            WriteObject(output);
        }

        private ProcessRunResult RunCommand(string cluster, UpgradeCommandRun run)
        {
            WriteVerbose($"[{run.Name}] {run.Command.ToCommandLine(ShellKind.Pwsh)}");
            WriteProgress(new ProgressRecord(ProgressId, $"Upgrading {cluster}", run.Operation) { PercentComplete = run.Percent });
            return RunTool(new BatchItem(run.Name, run.Command, RunOptions(TimeoutSec, run.LogPath)), e =>
            {
                if (e.Kind == BatchEventKind.Output)
                {
                    WriteVerbose($"[{run.Name}] {e.Line}");
                }
            });
        }

        private void Notify(UpgradeNotice notice)
        {
            switch (notice.Kind)
            {
                case UpgradeNoticeKind.StepFailed:
                    var failure = ProcessFailure.Describe(notice.Step!.Result!, notice.Message, TimeoutSec, notice.Step.LogPath, "; the later steps were not run");
                    if (failure is not null)
                    {
                        WriteProcessFailure(failure, ToolFailureKinds.Dkp, ClusterName, "-DkpPath");
                    }

                    break;
                case UpgradeNoticeKind.KubeProxyCurrent:
                case UpgradeNoticeKind.Reading:
                    WriteVerbose(notice.Message);
                    break;
                case UpgradeNoticeKind.ReadFailed:
                    var failed = notice.ReadFailure!.Error;
                    WriteError(new InvalidOperationException(notice.Message, failed), failed.Kind, notice.ReadFailure.Kubeconfig, failed.RecommendedAction);
                    break;
                case UpgradeNoticeKind.KubeProxyRepairFailed:
                    WriteError(new InvalidOperationException(notice.Message), ErrorKind.KubeProxyRepairFailed, ClusterName, "Run the KubeProxyRepairCommand of the result by hand.");
                    break;
                default:
                    WriteWarning(notice.Message);
                    break;
            }
        }

        // A kubeconfig given (a spec or a CSV row leaves it null or empty when not), resolved like any PowerShell path.
        private ClusterConnection? Connection(string? kubeconfig, string? context) =>
            GivenPath(kubeconfig) is { } path ? new ClusterConnection(path, GivenText.OrNull(context), ReadTimeout) : null;

        // This record's fields (a copy: PowerShell re-binds the parameters for the next record), with the management kubeconfig resolved.
        private UpgradeRequest ToRequest(string? managementPath, AwsToolCredentials credentials)
        {
            var spec = Spec.Clone();
            spec.ManagementKubeconfig = managementPath;
            return new UpgradeRequest(spec)
            {
                FipsBuild = FipsBuild?.Definition,
                CurrentVersion = CurrentVersion,
                NodePools = NodePool,
                Force = Force,
                Environment = credentials.Environment(),
                Executable = ResolveTool(ToolProgram.Dkp, DkpPath, required: !PlanOnly)!,
            };
        }
    }
}
