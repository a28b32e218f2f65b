using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using DkpFips.Completion;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Process;
using DkpFips.Core.Upgrade;
using DkpFips.Core.Versioning;
using DkpFips.Infrastructure;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Plans and runs the FIPS-preserving upgrade of a DKP cluster: dkp update controlplane, then dkp update nodepool for each pool, with a +fips.N version and a FIPS machine image.</para>
    /// </summary>
    [Cmdlet(VerbsData.Update, "DkpFipsCluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/Update-DkpFipsCluster.md")]
    [OutputType(typeof(ClusterUpgradeResult), typeof(ClusterUpgradePlan))]
    public sealed class UpdateDkpFipsClusterCommand : DkpFipsCmdlet
    {
        private const int ProgressId = 7302;
        private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(60);

        private FipsCatalog catalog = null!;
        private UpgradePlanBuilder builder = null!;

        /// <summary>The cluster's name (its Cluster API Cluster).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        [AllowEmptyString]
        public string ClusterName { get; set; } = null!;

        /// <summary>aws or vsphere; implied by -AmiId or -VmTemplate when left out.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProviderCompleter))]
        [AllowEmptyString]
        public string? Provider { get; set; }

        /// <summary>The target version: a +fips.N version, or a line (1.24 picks the newest 1.24 FIPS build).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(KubernetesVersionCompleter))]
        [VersionText(Scalar = true)]
        [AllowEmptyString]
        public string? KubernetesVersion { get; set; }

        /// <summary>The target build from Get-FipsBuild.</summary>
        [Parameter(ValueFromPipeline = true)]
        public FipsBuild? FipsBuild { get; set; }

        /// <summary>A Test-DkpFipsCluster report of the cluster (piped): its CurrentVersion is the upgrade's start, and a cluster it finds not FIPS is refused.</summary>
        [Parameter(ValueFromPipeline = true)]
        public FipsClusterReport? CurrentState { get; set; }

        /// <summary>A Test-FipsAmi report (piped): only a FIPS-ready AMI becomes the upgrade's machine image; its ImageId binds -AmiId.</summary>
        [Parameter(ValueFromPipeline = true)]
        public FipsAmiReport? AmiReport { get; set; }

        /// <summary>The version the cluster runs now; default the KubeadmControlPlane's spec.version (with -ManagementKubeconfig).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(KubernetesVersionCompleter))]
        [VersionText(Scalar = true)]
        [AllowEmptyString]
        public string? CurrentVersion { get; set; }

        /// <summary>AWS: the FIPS AMI built for the target version. Binds ImageId too, so Test-FipsAmi's reports pipe in.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ImageId")]
        [AllowEmptyString]
        public string? AmiId { get; set; }

        /// <summary>vSphere: the FIPS VM template built for the target version.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? VmTemplate { get; set; }

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

        /// <summary>The management cluster's kubeconfig: passed to dkp, and read for the current version and node pools.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ManagementKubeconfig { get; set; }

        /// <summary>The management kubeconfig's context; default its current context.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ManagementContext { get; set; }

        /// <summary>The namespace of the cluster's objects on the management cluster (default: default).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Namespace { get; set; }

        /// <summary>A mirror of the FIPS images the cluster pulls from (for the checks and the kube-proxy image).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ImageRepository { get; set; }

        /// <summary>AWS credentials, passed to dkp in its environment (never its arguments).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Credential]
        public PSCredential? AwsCredential { get; set; }

        /// <summary>The dkp (or nkp) program; default dkp, else nkp, on PATH.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? DkpPath { get; set; }

        /// <summary>The kubectl program -RepairKubeProxy runs; default kubectl on PATH.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? KubectlPath { get; set; }

        /// <summary>Catalog files added to the built-in catalog.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? CatalogPath { get; set; }

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

            if (!string.IsNullOrWhiteSpace(ImageRepository))
            {
                // The same rule as New-DkpFipsCluster: the repository the cluster's images must come from.
                try
                {
                    Core.Cluster.ImageRepository.Validate(ImageRepository!.Trim());
                }
                catch (Core.Cluster.ClusterPlanException ex)
                {
                    WriteError(new ArgumentException(ex.Message, ex), ErrorKind.InvalidImageRepository, ex.Target);
                    return;
                }
            }

            ClusterName = ClusterName!.Trim();
            // A spec or a CSV row leaves a field unset as null or empty: not given.
            Kubeconfig = Given(Kubeconfig);
            Context = Given(Context);
            ManagementKubeconfig = Given(ManagementKubeconfig);
            ManagementContext = Given(ManagementContext);
            Namespace = Given(Namespace);
            ImageRepository = Given(ImageRepository);
            if (UnfitAmi.Problem(AmiReport, ClusterName, "used for the upgrade") is { } unfit)
            {
                WriteError(unfit.Exception, ErrorKind.AmiNotFipsReady, AmiReport, unfit.RecommendedAction);
                return;
            }

            if (CurrentState is not null && !CurrentState.IsFipsCompliant)
            {
                var failed = string.Join(", ", CurrentState.Failures.Select(c => c.Target.Length == 0 ? c.Name : $"{c.Name} {c.Target}").Distinct());
                WriteError(new InvalidOperationException($"Cluster '{ClusterName}': the piped Test-DkpFipsCluster report finds it not FIPS compliant ({CurrentState.Summary}; failed: {(failed.Length == 0 ? "none listed" : failed)}), so it is not upgraded: an upgrade keeps FIPS mode, it cannot create it."),
                    ErrorKind.ClusterNotFips, CurrentState, "Fix the cluster, or create a new FIPS cluster; see the report's Failures.");
                return;
            }

            if (CurrentState is not null && !string.IsNullOrWhiteSpace(CurrentState.ClusterName) && !string.Equals(CurrentState.ClusterName, ClusterName, StringComparison.Ordinal))
            {
                WriteError(new ArgumentException($"The piped report is of cluster '{CurrentState.ClusterName}', not '{ClusterName}': its version is not this cluster's."),
                    ErrorKind.InvalidArgument, CurrentState);
                return;
            }

            if (CurrentState is not null && CurrentVersion is null)
            {
                CurrentVersion = CurrentState.CurrentVersion;
            }

            if (Kubeconfig is not null || ManagementKubeconfig is not null || Verify)
            {
                _ = ClusterReader;
            }

            if (Verify && Kubeconfig is null && ManagementKubeconfig is null && !PlanOnly)
            {
                WriteError(new ArgumentException("-Verify needs the workload cluster: -Kubeconfig, or -ManagementKubeconfig to read its kubeconfig Secret."),
                    ErrorKind.InvalidArgument, "Verify");
                return;
            }

            var managementPath = Path(ManagementKubeconfig);
            ManagementClusterState? management = null;
            if (managementPath is not null)
            {
                var ns = Namespace ?? "default";
                WriteVerbose($"Reading the Cluster API objects of '{ClusterName}' in namespace '{ns}' from {managementPath}.");
                management = Read((r, t) => r.ReadManagementClusterAsync(new ClusterConnection(managementPath, ManagementContext, ReadTimeout), ClusterName, ns, t), managementPath);
                if (management is null)
                {
                    return;
                }
            }

            var workload = ConnectWorkload(managementPath, out var unreadable);
            if (unreadable)
            {
                return;
            }

            ClusterComplianceReport? currentState = null;
            if (workload is not null)
            {
                WriteVerbose($"Checking that '{ClusterName}' is FIPS now, from {workload.KubeconfigPath}.");
                currentState = Check(workload, management, null, null);
                if (currentState is null)
                {
                    return;
                }
            }
            else if (management is not null && management.ControlPlane?.Version is { } kcpVersion)
            {
                var expectations = FipsExpectations.Resolve(catalog, kcpVersion, null, null, ImageRepository, null);
                currentState = new ClusterComplianceReport(ClusterName, kcpVersion, null, 0, ClusterApiChecks.Check(management, kcpVersion, expectations));
            }
            else
            {
                WriteWarning($"'{ClusterName}' was not checked before the upgrade: give -Kubeconfig (and -ManagementKubeconfig) so that a cluster that is not FIPS is refused.");
            }

            UpgradePlan plan;
            try
            {
                plan = builder.Build(ToRequest(managementPath), management, currentState);
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

            var repository = ImageRepository ?? plan.Build?.KubernetesImageRepository ?? FipsBuildDefinition.DefaultRepository;
            var output = new ClusterUpgradePlan(plan, currentState is null ? null : new FipsClusterReport(currentState, Context ?? string.Empty, management is not null), KubeProxyRepair.Image(plan.TargetVersion, repository));
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

            Run(output, workload, managementPath, repository);
        }

        // The workload cluster: -Kubeconfig; else, with the management cluster, the cluster's
        // kubeconfig Secret there (in memory only, never the management cluster itself).
        private ClusterConnection? ConnectWorkload(string? managementPath, out bool unreadable)
        {
            unreadable = false;
            if (Path(Kubeconfig) is { } path)
            {
                return new ClusterConnection(path, Context, ReadTimeout);
            }

            if (managementPath is null)
            {
                return null;
            }

            var ns = Namespace ?? "default";
            WriteVerbose($"No -Kubeconfig: reading the kubeconfig of '{ClusterName}' from the Secret {ns}/{WorkloadKubeconfig.SecretName(ClusterName)} on the management cluster ({managementPath}); it is kept in memory only.");
            try
            {
                var secret = ClusterReader.ReadWorkloadKubeconfigAsync(new ClusterConnection(managementPath, ManagementContext, ReadTimeout), ClusterName, ns, CancellationToken).GetAwaiter().GetResult();
                return ClusterConnection.FromSecret(secret, Context, ReadTimeout);
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (ClusterReadException ex) when (ex.Kind == ErrorKind.ClusterObjectNotFound || ex.Kind == ErrorKind.ClusterPermissionDenied)
            {
                // Not every management cluster lets this caller read Secrets: the upgrade can still
                // go on from the Cluster API objects, as without a workload cluster.
                WriteWarning($"'{ClusterName}': its kubeconfig Secret could not be read from the management cluster ({ex.Message}); only its Cluster API objects are checked. Give -Kubeconfig to check the workload cluster.");
                return null;
            }
            catch (ClusterReadException ex)
            {
                WriteError(new InvalidOperationException($"Cluster '{ClusterName}': {ex.Message} Nothing was upgraded.", ex), ex.Kind, managementPath, ex.RecommendedAction);
                unreadable = true;
                return null;
            }
        }

        private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private void Run(ClusterUpgradePlan plan, ClusterConnection? workload, string? managementPath, string repository)
        {
            var options = new UpgradeRunOptions
            {
                LogDirectory = LogFolder(LogDirectory),
                Stamp = LogStamp(),
                ImageRepository = repository,
                CheckKubeProxy = workload is not null,
                WorkloadKubeconfigFile = workload is { IsFile: true } ? workload.KubeconfigPath : null,
                Context = Context,
                KubectlPath = KubectlPath,
                RepairKubeProxy = RepairKubeProxy,
            };
            var host = new UpgradeHost(
                command => RunCommand(plan.ClusterName, command),
                () => Read((r, t) => r.ReadWorkloadClusterAsync(workload!, t), workload!.KubeconfigPath),
                ResolveKubectl,
                Notify);
            var outcome = new UpgradeRunner(plan.Engine, options, host).Run();
            WriteProgress(new ProgressRecord(ProgressId, $"Upgrading {plan.ClusterName}", "Done") { RecordType = ProgressRecordType.Completed });

            FipsClusterReport? verification = null;
            if (Verify && outcome.Status == UpgradeStepStatus.Succeeded && workload is not null)
            {
                WriteVerbose($"Verifying that '{plan.ClusterName}' is FIPS after the upgrade.");
                var management = ManagementKubeconfig is null ? null : Read((r, t) => r.ReadManagementClusterAsync(new ClusterConnection(managementPath!, ManagementContext, ReadTimeout), plan.ClusterName, Namespace ?? "default", t), managementPath!);
                var report = Check(workload, management, plan.Engine.Build, plan.Engine.TargetVersion);
                if (report is not null)
                {
                    verification = new FipsClusterReport(report, Context ?? string.Empty, management is not null);
                    if (!report.IsFipsCompliant)
                    {
                        WriteError(new InvalidDataException($"'{plan.ClusterName}' is not FIPS compliant after the upgrade: {verification.Summary}. See the result's Verification.Failures."),
                            ErrorKind.UpgradeVerificationFailed, plan.ClusterName, "Run Test-DkpFipsCluster for the details.");
                    }
                }
            }

            var steps = outcome.Steps.Select(s => new ClusterUpgradeStep(s.Order, s.Step, s.Status.ToString(), s.Result?.ExitCode, s.Result?.Duration, s.LogPath)).ToArray();
            var output = new ClusterUpgradeResult(plan, outcome.Status.ToString(), steps, outcome.KubeProxy.ToString(), outcome.KubeProxyLeftBehind.Select(c => new FipsCheck(c)).ToArray(), outcome.KubeProxyRepairCommand, verification);
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
                    WriteVerbose(notice.Message);
                    break;
                case UpgradeNoticeKind.KubeProxyRepairFailed:
                    WriteError(new InvalidOperationException(notice.Message), ErrorKind.KubeProxyRepairFailed, ClusterName, "Run the KubeProxyRepairCommand of the result by hand.");
                    break;
                default:
                    WriteWarning(notice.Message);
                    break;
            }
        }

        private ClusterComplianceReport? Check(ClusterConnection workloadConnection, ManagementClusterState? management, FipsBuildDefinition? expectedBuild, FipsVersion? expectedVersion)
        {
            var workload = Read((r, t) => r.ReadWorkloadClusterAsync(workloadConnection, t), workloadConnection.KubeconfigPath);
            if (workload is null)
            {
                return null;
            }

            var expectations = FipsExpectations.Resolve(catalog, workload.ServerVersion, expectedBuild, expectedVersion, ImageRepository, null);
            return ClusterComplianceChecker.Check(workload, management, expectations, ClusterName);
        }

        private T? Read<T>(Func<IClusterReader, CancellationToken, System.Threading.Tasks.Task<T>> read, string kubeconfig)
            where T : class =>
            ReadCluster(read, kubeconfig, ex => new InvalidOperationException($"Cluster '{ClusterName}': {ex.Message} Nothing was upgraded after this point.", ex));

        private string? Path(string? given) => given is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(given);

        private string? ResolveKubectl()
        {
            var wanted = KubectlPath ?? "kubectl";
            var found = FindProgram(KubectlPath, "kubectl");
            if (found is null)
            {
                WriteError(new FileNotFoundException($"-RepairKubeProxy needs kubectl, and '{wanted}' was not found; kube-proxy was not repaired."),
                    ErrorKind.KubectlNotFound, wanted, "Install kubectl on PATH or give its path with -KubectlPath.");
            }

            return found;
        }

        private string ResolveExecutable() => ResolveDkp(DkpPath, required: !PlanOnly);

        private UpgradeRequest ToRequest(string? managementPath)
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            if (AwsCredential is not null && AwsCredential != PSCredential.Empty)
            {
                environment["AWS_ACCESS_KEY_ID"] = AwsCredential.UserName;
                environment["AWS_SECRET_ACCESS_KEY"] = AwsCredential.GetNetworkCredential().Password;
            }

            return new UpgradeRequest
            {
                ClusterName = ClusterName,
                Provider = Provider,
                KubernetesVersion = KubernetesVersion,
                FipsBuild = FipsBuild?.Definition,
                CurrentVersion = CurrentVersion,
                AmiId = AmiId,
                VmTemplate = VmTemplate,
                NodePools = NodePool,
                Kubeconfig = managementPath,
                Namespace = Namespace,
                Force = Force,
                Environment = environment,
                Executable = ResolveExecutable(),
            };
        }
    }
}
