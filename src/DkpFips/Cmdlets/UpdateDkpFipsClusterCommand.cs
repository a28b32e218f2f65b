using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using DkpFips.Completion;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
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
        private IClusterReader? reader;

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
                WriteError(new ArgumentException($"The cluster name '{Core.Cluster.ClusterName.Show(ClusterName)}' is not a valid DNS-1123 name: {nameProblem}."), ErrorIds.InvalidClusterName, ErrorCategory.InvalidArgument, Core.Cluster.ClusterName.Show(ClusterName));
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
                    WriteError(new ArgumentException(ex.Message, ex), ErrorIds.InvalidImageRepository, ErrorCategory.InvalidArgument, ex.Target);
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
                WriteError(unfit.Exception, ErrorIds.AmiNotFipsReady, ErrorCategory.SecurityError, AmiReport, unfit.RecommendedAction);
                return;
            }

            if (CurrentState is not null && !CurrentState.IsFipsCompliant)
            {
                var failed = string.Join(", ", CurrentState.Failures.Select(c => c.Target.Length == 0 ? c.Name : $"{c.Name} {c.Target}").Distinct());
                WriteError(new InvalidOperationException($"Cluster '{ClusterName}': the piped Test-DkpFipsCluster report finds it not FIPS compliant ({CurrentState.Summary}; failed: {(failed.Length == 0 ? "none listed" : failed)}), so it is not upgraded: an upgrade keeps FIPS mode, it cannot create it."),
                    ErrorIds.ClusterNotFips, ErrorCategory.InvalidOperation, CurrentState, "Fix the cluster, or create a new FIPS cluster; see the report's Failures.");
                return;
            }

            if (CurrentState is not null && !string.IsNullOrWhiteSpace(CurrentState.ClusterName) && !string.Equals(CurrentState.ClusterName, ClusterName, StringComparison.Ordinal))
            {
                WriteError(new ArgumentException($"The piped report is of cluster '{CurrentState.ClusterName}', not '{ClusterName}': its version is not this cluster's."),
                    ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, CurrentState);
                return;
            }

            if (CurrentState is not null && CurrentVersion is null)
            {
                CurrentVersion = CurrentState.CurrentVersion;
            }

            if ((Kubeconfig is not null || ManagementKubeconfig is not null || Verify) && !EnsureReader())
            {
                return;
            }

            if (Verify && Kubeconfig is null && ManagementKubeconfig is null && !PlanOnly)
            {
                WriteError(new ArgumentException("-Verify needs the workload cluster: -Kubeconfig, or -ManagementKubeconfig to read its kubeconfig Secret."),
                    ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, "Verify");
                return;
            }

            var managementPath = Path(ManagementKubeconfig);
            ManagementClusterState? management = null;
            if (managementPath is not null)
            {
                var ns = Namespace ?? "default";
                WriteVerbose($"Reading the Cluster API objects of '{ClusterName}' in namespace '{ns}' from {managementPath}.");
                management = Read(() => reader!.ReadManagementClusterAsync(new ClusterConnection(managementPath, ManagementContext, ReadTimeout), ClusterName, ns, CancellationToken).GetAwaiter().GetResult(), managementPath);
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
                WriteError(new ArgumentException($"Cluster '{ClusterName}': {ex.Message}", ex), ClusterErrorMap.ErrorId(ex.Kind), ClusterErrorMap.Category(ex.Kind), ex.Target ?? ClusterName, ex.RecommendedAction);
                return;
            }
            catch (UpgradePlanException ex)
            {
                var message = ex.Message.Contains($"'{ClusterName}'") ? ex.Message : $"Cluster '{ClusterName}': {ex.Message}";
                WriteError(new InvalidOperationException(message, ex), UpgradeErrorMap.ErrorId(ex.Refusal), UpgradeErrorMap.Category(ex.Refusal), ex.Target ?? ClusterName, ex.RecommendedAction);
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
                var secret = reader!.ReadWorkloadKubeconfigAsync(new ClusterConnection(managementPath, ManagementContext, ReadTimeout), ClusterName, ns, CancellationToken).GetAwaiter().GetResult();
                return ClusterConnection.FromSecret(secret, Context, ReadTimeout);
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (ClusterReadException ex) when (ex.Failure == ClusterReadFailure.ObjectNotFound || ex.Failure == ClusterReadFailure.Forbidden)
            {
                // Not every management cluster lets this caller read Secrets: the upgrade can still
                // go on from the Cluster API objects, as without a workload cluster.
                WriteWarning($"'{ClusterName}': its kubeconfig Secret could not be read from the management cluster ({ex.Message}); only its Cluster API objects are checked. Give -Kubeconfig to check the workload cluster.");
                return null;
            }
            catch (ClusterReadException ex)
            {
                var (id, category, action) = ClusterReadErrorMap.Classify(ex);
                WriteError(new InvalidOperationException($"Cluster '{ClusterName}': {ex.Message} Nothing was upgraded.", ex), id, category, managementPath, action);
                unreadable = true;
                return null;
            }
        }

        private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private void Run(ClusterUpgradePlan plan, ClusterConnection? workload, string? managementPath, string repository)
        {
            var logDirectory = LogFolder(LogDirectory);
            var stamp = LogStamp();
            var steps = plan.Engine.Steps;
            var results = new List<ClusterUpgradeStep>();
            var status = nameof(RunStatus.Succeeded);
            var kubeProxyStatus = "NotChecked";
            var leftBehind = Array.Empty<FipsCheck>();
            string? repairCommand = null;

            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                if (status != nameof(RunStatus.Succeeded))
                {
                    results.Add(new ClusterUpgradeStep(i + 1, step, "NotRun"));
                    continue;
                }

                var logPath = System.IO.Path.Combine(logDirectory, $"{plan.ClusterName}-update-{i + 1}-{step.Name}-{stamp}.log");
                var result = RunCommand($"{plan.ClusterName} {step.Name}", step.Command, logPath, $"Upgrading {plan.ClusterName}", $"Step {i + 1} of {steps.Count}: dkp update {step.Kind.ToString().ToLowerInvariant()} {step.Name}", i * 100 / steps.Count);
                results.Add(new ClusterUpgradeStep(i + 1, step, result.Status.ToString(), result.ExitCode, result.Duration, logPath));
                if (result.Status != RunStatus.Succeeded)
                {
                    status = result.Status.ToString();
                    ReportFailure(plan.ClusterName, step, result, logPath);
                    continue;
                }

                if (step.Kind == UpgradeStepKind.ControlPlane && workload is not null)
                {
                    (kubeProxyStatus, leftBehind, repairCommand) = CheckKubeProxy(plan, workload, repository, logDirectory, stamp);
                }
            }

            WriteProgress(new ProgressRecord(ProgressId, $"Upgrading {plan.ClusterName}", "Done") { RecordType = ProgressRecordType.Completed });

            FipsClusterReport? verification = null;
            if (Verify && status == nameof(RunStatus.Succeeded) && workload is not null)
            {
                WriteVerbose($"Verifying that '{plan.ClusterName}' is FIPS after the upgrade.");
                var management = ManagementKubeconfig is null ? null : Read(() => reader!.ReadManagementClusterAsync(new ClusterConnection(managementPath!, ManagementContext, ReadTimeout), plan.ClusterName, Namespace ?? "default", CancellationToken).GetAwaiter().GetResult(), managementPath!);
                var report = Check(workload, management, plan.Engine.Build, plan.Engine.TargetVersion);
                if (report is not null)
                {
                    verification = new FipsClusterReport(report, Context ?? string.Empty, management is not null);
                    if (!report.IsFipsCompliant)
                    {
                        WriteError(new InvalidDataException($"'{plan.ClusterName}' is not FIPS compliant after the upgrade: {verification.Summary}. See the result's Verification.Failures."),
                            ErrorIds.UpgradeVerificationFailed, ErrorCategory.InvalidResult, plan.ClusterName, "Run Test-DkpFipsCluster for the details.");
                    }
                }
            }

            var output = new ClusterUpgradeResult(plan, status, results.ToArray(), kubeProxyStatus, leftBehind, repairCommand, verification);
            ReportFailedChecks(output);
            WriteObject(output);
        }

        private (string Status, FipsCheck[] LeftBehind, string? RepairCommand) CheckKubeProxy(ClusterUpgradePlan plan, ClusterConnection workload, string repository, string logDirectory, string stamp)
        {
            var state = Read(() => reader!.ReadWorkloadClusterAsync(workload, CancellationToken).GetAwaiter().GetResult(), workload.KubeconfigPath);
            // kubectl needs a kubeconfig file, and one read from the Secret is never written: the
            // command then names the file `dkp get kubeconfig -c <cluster>` writes, never the default
            // kubeconfig (which may be the management cluster's).
            var workloadPath = workload.IsFile ? workload.KubeconfigPath : null;
            var kubectlKubeconfig = workloadPath ?? plan.ClusterName + ".conf";
            if (state is null)
            {
                return ("NotChecked", Array.Empty<FipsCheck>(), null);
            }

            var failed = KubeProxyRepair.LeftBehind(state, plan.Engine.TargetVersion, repository).Select(c => new FipsCheck(c)).ToArray();
            if (failed.Length == 0)
            {
                WriteVerbose($"[{plan.ClusterName}] kube-proxy runs {plan.KubeProxyImage}.");
                return ("Current", failed, null);
            }

            if (RepairKubeProxy && workloadPath is null)
            {
                WriteWarning($"[{plan.ClusterName}] kube-proxy is not repaired: its kubeconfig was read from the management cluster and is never written for kubectl. Give -Kubeconfig with -RepairKubeProxy, or write {kubectlKubeconfig} with dkp get kubeconfig -c {plan.ClusterName} and run the repair command.");
            }

            var kubectl = RepairKubeProxy && workloadPath is not null ? ResolveKubectl() : KubectlPath ?? "kubectl";
            if (kubectl is null)
            {
                return ("LeftBehind", failed, KubeProxyRepair.Command(KubectlPath ?? "kubectl", plan.Engine.TargetVersion, repository, kubectlKubeconfig, Context).ToCommandLine(ShellKind.Pwsh));
            }

            var command = KubeProxyRepair.Command(kubectl, plan.Engine.TargetVersion, repository, kubectlKubeconfig, Context);
            var line = command.ToCommandLine(ShellKind.Pwsh);
            if (!RepairKubeProxy || workloadPath is null)
            {
                WriteWarning($"[{plan.ClusterName}] {failed.Length} kube-proxy pod(s) still run another image than {plan.KubeProxyImage} after the control-plane upgrade (as DKP 2.1 to 2.2 left it). Fix it with -RepairKubeProxy or: {line}");
                return ("LeftBehind", failed, line);
            }

            var logPath = System.IO.Path.Combine(logDirectory, $"{plan.ClusterName}-update-kube-proxy-{stamp}.log");
            var result = RunCommand($"{plan.ClusterName} kube-proxy", command, logPath, $"Upgrading {plan.ClusterName}", "Repairing kube-proxy", 50);
            if (result.Status == RunStatus.Succeeded)
            {
                return ("Repaired", failed, line);
            }

            WriteError(new InvalidOperationException($"kubectl set image for kube-proxy of '{plan.ClusterName}' ended {result.Status} (exit code {result.ExitCode?.ToString() ?? "none"}). Log: {logPath}"),
                ErrorIds.KubeProxyRepairFailed, ErrorCategory.InvalidResult, plan.ClusterName, "Run the KubeProxyRepairCommand of the result by hand.");
            return ("RepairFailed", failed, line);
        }

        private ProcessRunResult RunCommand(string name, CommandPlan command, string logPath, string activity, string operation, int percent)
        {
            var item = new BatchItem(name, command, RunOptions(TimeoutSec, logPath));
            WriteVerbose($"[{name}] {command.ToCommandLine(ShellKind.Pwsh)}");
            WriteProgress(new ProgressRecord(ProgressId, activity, operation) { PercentComplete = percent });
            return RunTool(item, e =>
            {
                if (e.Kind == BatchEventKind.Output)
                {
                    WriteVerbose($"[{name}] {e.Line}");
                }
            });
        }

        private void ReportFailure(string cluster, UpgradeStep step, ProcessRunResult result, string logPath)
        {
            var what = $"dkp update {step.Kind.ToString().ToLowerInvariant()} ({step.Name}) of '{cluster}'";
            var failure = ProcessFailure.Describe(result, what, TimeoutSec, logPath, "; the later steps were not run");
            if (failure is not null)
            {
                WriteProcessFailure(failure, ProcessFailureErrorIds.Dkp, cluster, "-DkpPath");
            }
        }

        private ClusterComplianceReport? Check(ClusterConnection workloadConnection, ManagementClusterState? management, FipsBuildDefinition? expectedBuild, FipsVersion? expectedVersion)
        {
            var workload = Read(() => reader!.ReadWorkloadClusterAsync(workloadConnection, CancellationToken).GetAwaiter().GetResult(), workloadConnection.KubeconfigPath);
            if (workload is null)
            {
                return null;
            }

            var expectations = FipsExpectations.Resolve(catalog, workload.ServerVersion, expectedBuild, expectedVersion, ImageRepository, null);
            return ClusterComplianceChecker.Check(workload, management, expectations, ClusterName);
        }

        private bool EnsureReader()
        {
            if (reader is not null)
            {
                return true;
            }

            var unsupported = KubernetesRuntime.CheckSupported(MyInvocation.MyCommand.Name);
            if (unsupported is not null)
            {
                ThrowTerminatingError(unsupported);
            }

            reader = KubernetesRuntime.CreateReader();
            return true;
        }

        private T? Read<T>(Func<T> read, string kubeconfig)
            where T : class
        {
            try
            {
                return read();
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (ClusterReadException ex)
            {
                var (id, category, action) = ClusterReadErrorMap.Classify(ex);
                WriteError(new InvalidOperationException($"Cluster '{ClusterName}': {ex.Message} Nothing was upgraded after this point.", ex), id, category, kubeconfig, action);
                return null;
            }
        }

        private string? Path(string? given) => given is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(given);

        private string? ResolveKubectl()
        {
            var wanted = KubectlPath ?? "kubectl";
            var found = FindProgram(KubectlPath, "kubectl");
            if (found is null)
            {
                WriteError(new FileNotFoundException($"-RepairKubeProxy needs kubectl, and '{wanted}' was not found; kube-proxy was not repaired."),
                    ErrorIds.KubectlNotFound, ErrorCategory.ObjectNotFound, wanted, "Install kubectl on PATH or give its path with -KubectlPath.");
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
