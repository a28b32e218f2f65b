using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using DkpFips.Completion;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Evidence;
using DkpFips.Core.Versioning;
using DkpFips.Infrastructure;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Proves that a running cluster is FIPS: node kubelets and OS, control-plane, kube-proxy and etcd images, and the Cluster API objects that build its next machines.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "DkpFipsCluster", HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/Test-DkpFipsCluster.md")]
    [OutputType(typeof(FipsClusterReport))]
    public sealed class TestDkpFipsClusterCommand : DkpFipsCmdlet
    {
        private FipsCatalog catalog = null!;
        private IClusterReader reader = null!;

        /// <summary>The workload cluster's kubeconfig; default $env:KUBECONFIG, then ~/.kube/config.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("KubeconfigPath")]
        [ValidateNotNullOrEmpty]
        public string? Kubeconfig { get; set; }

        /// <summary>The kubeconfig context; default its current context.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Context { get; set; }

        /// <summary>The cluster's name: names the report, and the Cluster API Cluster with -ManagementKubeconfig.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string? ClusterName { get; set; }

        /// <summary>The management cluster's kubeconfig: also check the Cluster API objects (needs -ClusterName).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ManagementKubeconfig { get; set; }

        /// <summary>The management kubeconfig's context; default its current context.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ManagementContext { get; set; }

        /// <summary>The namespace of the Cluster API objects on the management cluster.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Namespace")]
        [ValidateNotNullOrEmpty]
        public string ClusterNamespace { get; set; } = "default";

        /// <summary>The build the cluster must run: a Get-FipsBuild object or a Kubernetes version.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(KubernetesVersionCompleter))]
        [VersionText]
        [ValidateNotNull]
        public object? ExpectedBuild { get; set; }

        /// <summary>The registry the Kubernetes images must come from (a mirror of the FIPS images); default the catalog's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ImageRepository { get; set; }

        /// <summary>The registry the etcd image must come from; default -ImageRepository, then the catalog's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? EtcdImageRepository { get; set; }

        /// <summary>Seconds allowed for reading each cluster, every request included.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 60;

        /// <summary>Catalog files whose rows are added to (or replace) the built-in ones.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? CatalogPath { get; set; }

        protected override void BeginProcessing()
        {
            var unsupported = KubernetesRuntime.CheckSupported(MyInvocation.MyCommand.Name);
            if (unsupported is not null)
            {
                ThrowTerminatingError(unsupported);
            }

            catalog = LoadCatalog(CatalogPath);
            reader = KubernetesRuntime.CreateReader();
        }

        protected override void ProcessRecord()
        {
            if (ManagementKubeconfig is not null && ClusterName is null)
            {
                WriteError(
                    new ArgumentException("-ManagementKubeconfig needs -ClusterName: the name of the Cluster API Cluster to check on the management cluster."),
                    ErrorIds.ManagementClusterNameMissing,
                    ErrorCategory.InvalidArgument,
                    ManagementKubeconfig);
                return;
            }

            if (!TryResolveExpectedBuild(out var expectedBuild, out var expectedVersion))
            {
                return;
            }

            var timeout = TimeSpan.FromSeconds(TimeoutSec);
            var kubeconfig = ResolveKubeconfig(Kubeconfig);
            var workloadConnection = new ClusterConnection(kubeconfig, Context, timeout);
            WriteVerbose($"Reading the cluster of context '{Context ?? "(current)"}' from {kubeconfig}.");
            var workload = Read(() => reader.ReadWorkloadClusterAsync(workloadConnection, CancellationToken).GetAwaiter().GetResult(), kubeconfig);
            if (workload is null)
            {
                return;
            }

            WriteVerbose($"Read {workload.Nodes.Count} node(s) and {workload.KubeSystemPods.Count} kube-system pod(s) with {workload.RequestCount} request(s); the API server reports {workload.ServerVersion}.");

            var expectations = FipsExpectations.Resolve(catalog, workload.ServerVersion, expectedBuild, expectedVersion, ImageRepository, EtcdImageRepository);
            ManagementClusterState? management = null;
            CheckResult? managementError = null;
            if (ManagementKubeconfig is not null)
            {
                var path = ResolveKubeconfig(ManagementKubeconfig);
                WriteVerbose($"Reading Cluster API objects of cluster '{ClusterName}' in namespace '{ClusterNamespace}' from {path}.");
                var connection = new ClusterConnection(path, ManagementContext, timeout);
                management = Read(() => reader.ReadManagementClusterAsync(connection, ClusterName!, ClusterNamespace, CancellationToken).GetAwaiter().GetResult(), path, error =>
                    managementError = new CheckResult("ClusterApiRead", CheckStatus.Error, "The Cluster API objects could not be read, so the cluster cannot be reported compliant: " + error.Message, "cluster/" + ClusterName));
                if (management is not null)
                {
                    WriteVerbose($"Read the KubeadmControlPlane, {management.MachineDeployments.Count} MachineDeployment(s) and {management.MachineTemplates.Count} machine template(s) with {management.RequestCount} request(s).");
                }
            }

            var report = ClusterComplianceChecker.Check(workload, management, expectations, ClusterName);
            if (managementError is not null)
            {
                report = report.With(new[] { managementError });
            }

            var output = new FipsClusterReport(report, workload.Context, management is not null);
            ReportFailedChecks(output);
            WriteObject(output);
        }

        private T? Read<T>(Func<T> read, string kubeconfig, Action<ClusterReadException>? onError = null)
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
                onError?.Invoke(ex);
                var (id, category, action) = Classify(ex);
                WriteError(ex, id, category, kubeconfig, action);
                return null;
            }
        }

        private static (string Id, ErrorCategory Category, string Action) Classify(ClusterReadException ex) => ClusterReadErrorMap.Classify(ex);

        private bool TryResolveExpectedBuild(out FipsBuildDefinition? build, out FipsVersion? version)
        {
            build = null;
            version = null;
            var value = ExpectedBuild is PSObject wrapped ? wrapped.BaseObject : ExpectedBuild;
            if (value is null)
            {
                return true;
            }

            if (value is FipsBuild fipsBuild)
            {
                build = fipsBuild.Definition;
                version = build.KubernetesVersion;
                return true;
            }

            if (value is IList list && list.Count == 1)
            {
                value = list[0] is PSObject inner ? inner.BaseObject : list[0];
            }

            if (value is string text && FipsVersion.TryParse(text, out version))
            {
                // A full FIPS version names a catalog row, whose etcd is then expected too.
                build = version!.IsFips ? catalog.Find(version).LastOrDefault() : null;
                return true;
            }

            WriteError(
                new ArgumentException($"-ExpectedBuild takes a Get-FipsBuild object or a Kubernetes version ({FipsVersion.AcceptedForms}); got '{value}'."),
                ErrorIds.InvalidExpectedBuild,
                ErrorCategory.InvalidArgument,
                value);
            return false;
        }

        private string ResolveKubeconfig(string? given)
        {
            if (given is not null)
            {
                return SessionState.Path.GetUnresolvedProviderPathFromPSPath(given);
            }

            var fromEnvironment = FipsCatalog.SplitPathList(Environment.GetEnvironmentVariable("KUBECONFIG"));
            if (fromEnvironment.Count > 0)
            {
                return fromEnvironment.FirstOrDefault(File.Exists) ?? fromEnvironment[0];
            }

            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        }
    }
}
