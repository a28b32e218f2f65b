using System;
using System.IO;
using System.Management.Automation;
using System.Security;
using DkpFips.Completion;
using DkpFips.Core.Aws;
using DkpFips.Core.Catalog;
using DkpFips.Core.Errors;
using DkpFips.Core.ImageBuilder;
using DkpFips.Core.Process;
using DkpFips.Infrastructure;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Builds a FIPS machine image (AMI or vSphere template) with Konvoy Image Builder.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "FipsAmi", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/New-FipsAmi.md")]
    [OutputType(typeof(FipsAmiImage), typeof(FipsAmiPlan))]
    public sealed class NewFipsAmiCommand : DkpFipsCmdlet
    {
        private const int ProgressId = 7302;
        private const string ManifestFileName = "manifest.json";

        private KibPlanBuilder builder = null!;

        /// <summary>The KIB image definition, e.g. images/ami/rhel-84.yaml.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Image")]
        [AllowEmptyString]
        public string? ImageDefinition { get; set; }

        /// <summary>The operating system (rhel-8.4, centos-7.9, oracle-7.9), resolved to its image definition.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(FipsOperatingSystemCompleter))]
        [AllowEmptyString]
        public string? OperatingSystem { get; set; }

        /// <summary>aws (an AMI) or vsphere (a VM template).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(KibPlatformCompleter))]
        [AllowEmptyString]
        public string? Platform { get; set; }

        /// <summary>The Kubernetes version or line; must have a catalog FIPS build unless -Force.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(KubernetesVersionCompleter))]
        [VersionText(Scalar = true)]
        [AllowEmptyString]
        public string? KubernetesVersion { get; set; }

        /// <summary>A build from Get-FipsBuild.</summary>
        [Parameter(ValueFromPipeline = true)]
        public FipsBuild? FipsBuild { get; set; }

        /// <summary>Build a Kubernetes version the catalog has no FIPS build of.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Add overrides/offline-fips.yaml (FIPS packages from the air-gapped bundle).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter AirGapped { get; set; }

        /// <summary>More KIB override files, after the FIPS ones.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyCollection]
        public string[]? OverrideFile { get; set; }

        /// <summary>AWS: the region the build runs in.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AwsRegionCompleter))]
        [AllowEmptyString]
        public string? Region { get; set; }

        /// <summary>AWS: the base AMI.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? SourceAmi { get; set; }

        /// <summary>AWS: the name filter that finds the base AMI.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? SourceAmiFilterName { get; set; }

        /// <summary>AWS: the owner filter that finds the base AMI.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? SourceAmiFilterOwner { get; set; }

        /// <summary>AWS: more regions to copy the AMI to.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AwsRegionCompleter))]
        [AllowEmptyCollection]
        public string[]? AmiRegions { get; set; }

        /// <summary>AWS: the instance type of the build machine.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? InstanceType { get; set; }

        /// <summary>The containerd version to install; KIB's default when left out.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ContainerdVersion { get; set; }

        /// <summary>AWS credentials, passed to KIB in its environment (never its arguments).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Credential]
        public PSCredential? AwsCredential { get; set; }

        /// <summary>A session token of temporary credentials (needs -AwsCredential): a SecureString, or plain text; KIB (and packer) gets it as AWS_SESSION_TOKEN.</summary>
        [Parameter]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString? SessionToken { get; set; }

        /// <summary>A profile of the shared credentials/config files; KIB (and packer) gets it as AWS_PROFILE.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProfileName { get; set; }

        /// <summary>The konvoy-image program; default konvoy-image on PATH.</summary>
        [Parameter]
        [AllowEmptyString]
        public string? KibPath { get; set; }

        /// <summary>KIB's working folder (with overrides/ and images/); packer writes manifest.json there.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? WorkingDirectory { get; set; }

        /// <summary>Catalog files added to the built-in catalog.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? CatalogPath { get; set; }

        /// <summary>Run nothing: emit the plan.</summary>
        [Parameter]
        public SwitchParameter PlanOnly { get; set; }

        /// <summary>Stop a konvoy-image process (tree) that runs longer than this; 0 for no limit.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int TimeoutSec { get; set; }

        /// <summary>Where the log files go.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LogDirectory { get; set; }

        protected override void BeginProcessing()
        {
            builder = new KibPlanBuilder(LoadCatalog(CatalogPath));
        }

        protected override void ProcessRecord()
        {
            var workingDirectory = WorkingDirectory is null
                ? SessionState.Path.CurrentFileSystemLocation.ProviderPath
                : SessionState.Path.GetUnresolvedProviderPathFromPSPath(WorkingDirectory);
            if (ToolAwsCredentials(AwsCredential, SessionToken, ProfileName, checkProfile: !PlanOnly) is not { } credentials)
            {
                return;
            }

            KibBuildPlan built;
            FipsAmiPlan plan;
            try
            {
                var request = ToRequest(credentials);
                request.Executable = ResolveTool(ToolProgram.Kib, KibPath, required: !PlanOnly)!;
                built = builder.Build(request);
                plan = new FipsAmiPlan(built, workingDirectory, credentials.Source);
                if (ReleaseSupport.ForcedPast(built.Build, built.Platform, built.Image.OperatingSystem) is { } forced)
                {
                    WriteWarning(forced);
                }
            }
            catch (DkpFipsException ex)
            {
                WriteKibError(ex);
                return;
            }

            if (PlanOnly)
            {
                WriteObject(plan);
                return;
            }

            if (ShouldProcess(plan.ImageDefinition, $"Build a FIPS {(plan.Platform == KibPlatform.Aws ? "AMI" : "VM template")} ({plan.OperatingSystem}, Kubernetes {plan.KubernetesVersion}) with Konvoy Image Builder"))
            {
                Run(built, plan);
            }
        }

        // The engine plan runs; the plan object users see names it in messages and errors.
        private void Run(KibBuildPlan built, FipsAmiPlan plan)
        {
            var name = Path.GetFileNameWithoutExtension(plan.ImageDefinition);
            var logPath = Path.Combine(LogFolder(LogDirectory), "konvoy-image-" + name + "-" + LogStamp() + ".log");
            var manifestPath = Path.Combine(plan.WorkingDirectory, ManifestFileName);
            var previousRun = PackerManifest.LastRunUuid(manifestPath);
            var item = new BatchItem(name, built.Command, RunOptions(TimeoutSec, logPath, plan.WorkingDirectory));

            var activity = $"Building FIPS image {plan.ImageDefinition}";
            var result = RunTool(item, (ProgressId, activity), e =>
            {
                switch (e.Kind)
                {
                    case BatchEventKind.Started:
                        WriteVerbose(plan.CommandLine);
                        WriteProgress(new ProgressRecord(ProgressId, activity, "Running konvoy-image") { CurrentOperation = "Started" });
                        break;
                    case BatchEventKind.Output:
                        WriteVerbose(e.Line);
                        WriteProgress(new ProgressRecord(ProgressId, activity, "Running konvoy-image") { CurrentOperation = e.Line });
                        break;
                }
            });

            if (result.Status != RunStatus.Succeeded)
            {
                ReportFailure(plan, result, logPath);
                return;
            }

            try
            {
                foreach (var image in PackerManifest.Read(manifestPath, built.KubernetesVersion, previousRun, built.Image))
                {
                    WriteObject(new FipsAmiImage(image, manifestPath, logPath));
                }
            }
            catch (KibException ex)
            {
                WriteKibError(ex, $"\nFull log: {logPath}");
            }
        }

        private void ReportFailure(FipsAmiPlan plan, ProcessRunResult result, string logPath)
        {
            var failure = ProcessFailure.Describe(result, $"konvoy-image build of {plan.ImageDefinition}", TimeoutSec, logPath);
            if (failure is not null)
            {
                WriteProcessFailure(failure, ToolFailureKinds.Kib, plan, "-KibPath");
            }
        }

        private void WriteKibError(DkpFipsException ex, string? suffix = null) =>
            WriteError(new InvalidOperationException(ex.Message + suffix, ex), ex.Kind, ex.Target, ex.RecommendedAction);

        private KibBuildRequest ToRequest(AwsToolCredentials credentials)
        {
            return new KibBuildRequest
            {
                Platform = Platform,
                ImageDefinition = ImageDefinition,
                OperatingSystem = OperatingSystem,
                KubernetesVersion = KubernetesVersion,
                FipsBuild = FipsBuild?.Definition,
                Force = Force,
                AirGapped = AirGapped,
                ExtraOverrides = OverrideFile ?? Array.Empty<string>(),
                Region = Region,
                SourceAmi = SourceAmi,
                SourceAmiFilterName = SourceAmiFilterName,
                SourceAmiFilterOwner = SourceAmiFilterOwner,
                AmiRegions = AmiRegions ?? Array.Empty<string>(),
                InstanceType = InstanceType,
                ContainerdVersion = ContainerdVersion,
                Environment = credentials.Environment(),
            };
        }
    }
}
