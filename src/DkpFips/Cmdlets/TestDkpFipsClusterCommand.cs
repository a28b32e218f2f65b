using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using DkpFips.Completion;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Evidence;
using DkpFips.Core.Text;
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

        // The by-property-name parameters allow an empty value: a spec or a CSV row carries a
        // field it leaves unset as null or empty, which means "not given", never an error.

        /// <summary>
        /// The workload cluster's kubeconfig. Default: with -ManagementKubeconfig and -ClusterName, the
        /// cluster's Secret &lt;cluster&gt;-kubeconfig on the management cluster (in memory only); else
        /// $env:KUBECONFIG, then ~/.kube/config. Binds KubeconfigPath (a New-DkpFipsCluster result).
        /// </summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("KubeconfigPath")]
        [AllowEmptyString]
        public string? Kubeconfig { get; set; }

        /// <summary>The workload kubeconfig's context; default its current context.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Context { get; set; }

        /// <summary>The cluster's name: names the report, and the Cluster API Cluster with -ManagementKubeconfig.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        [AllowEmptyString]
        public string? ClusterName { get; set; }

        /// <summary>The management cluster's kubeconfig: check the Cluster API objects, and reach the workload cluster through its kubeconfig Secret (needs -ClusterName).</summary>
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

        /// <summary>The build the cluster must run, from Get-FipsBuild (piped).</summary>
        [Parameter(ValueFromPipeline = true)]
        public FipsBuild? FipsBuild { get; set; }

        /// <summary>The build the cluster must run: a Get-FipsBuild object or a Kubernetes version.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(KubernetesVersionCompleter))]
        [VersionText]
        [ValidateNotNull]
        public object? ExpectedBuild { get; set; }

        /// <summary>The registry the Kubernetes images must come from (a mirror of the FIPS images); default the catalog's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ImageRepository { get; set; }

        /// <summary>The registry the etcd image must come from; default -ImageRepository, then the catalog's.</summary>
        /// <remarks>Not by property name: a piped build's own EtcdImageRepository would override -ImageRepository's mirror.</remarks>
        [Parameter]
        [AllowEmptyString]
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
            // Refused on Windows PowerShell 5.1 before anything else.
            _ = ClusterReader;
            catalog = LoadCatalog(CatalogPath);
        }

        protected override void ProcessRecord()
        {
            var clusterName = GivenText.OrNull(ClusterName);
            var managementKubeconfig = GivenText.OrNull(ManagementKubeconfig);
            var managementContext = GivenText.OrNull(ManagementContext);
            var context = GivenText.OrNull(Context);
            var namespaceName = GivenText.OrNull(Namespace) ?? "default";
            if (managementKubeconfig is not null && clusterName is null)
            {
                WriteError(
                    new ArgumentException("-ManagementKubeconfig needs -ClusterName: the name of the Cluster API Cluster to check on the management cluster."),
                    ErrorKind.ManagementClusterNameMissing,
                    managementKubeconfig);
                return;
            }

            if (!TryResolveExpectedBuild(out var expectedBuild, out var expectedVersion))
            {
                return;
            }

            var timeout = TimeSpan.FromSeconds(TimeoutSec);
            var managementPath = GivenPath(managementKubeconfig);
            var workloadConnection = ConnectWorkload(managementPath, managementContext, clusterName, namespaceName, context, timeout);
            if (workloadConnection is null)
            {
                return;
            }

            var kubeconfig = workloadConnection.KubeconfigPath;
            WriteVerbose($"Reading the cluster of context '{context ?? "(current)"}' from {kubeconfig}.");
            var workload = ReadCluster((r, t) => r.ReadWorkloadClusterAsync(workloadConnection, t), kubeconfig);
            if (workload is null)
            {
                return;
            }

            WriteVerbose($"Read {workload.Nodes.Count} node(s) and {workload.KubeSystemPods.Count} kube-system pod(s) with {workload.RequestCount} request(s); the API server reports {workload.ServerVersion}.");

            var expectations = FipsExpectations.Resolve(catalog, workload.ServerVersion, expectedBuild, expectedVersion, GivenText.OrNull(ImageRepository), GivenText.OrNull(EtcdImageRepository));
            ManagementClusterState? management = null;
            CheckResult? managementError = null;
            if (managementPath is not null)
            {
                var path = managementPath;
                WriteVerbose($"Reading Cluster API objects of cluster '{clusterName}' in namespace '{namespaceName}' from {path}.");
                var connection = new ClusterConnection(path, managementContext, timeout);
                management = ReadCluster((r, t) => r.ReadManagementClusterAsync(connection, clusterName!, namespaceName, t), path, error =>
                {
                    managementError = new CheckResult("ClusterApiRead", CheckStatus.Error, "The Cluster API objects could not be read, so the cluster cannot be reported compliant: " + error.Message, "cluster/" + clusterName);
                    return error;
                });
                if (management is not null)
                {
                    WriteVerbose($"Read the KubeadmControlPlane, {management.MachineDeployments.Count} MachineDeployment(s) and {management.MachineTemplates.Count} machine template(s) with {management.RequestCount} request(s).");
                }
            }

            var report = ClusterComplianceChecker.Check(workload, management, expectations, clusterName);
            if (managementError is not null)
            {
                report = report.With(new[] { managementError });
            }

            var output = new FipsClusterReport(report, workload.Context, management is not null);
            ReportFailedChecks(output);
            WriteObject(output);
        }

        // The workload cluster: -Kubeconfig; else, given the management cluster and the cluster's
        // name, its kubeconfig Secret there (never the management cluster itself); else the default.
        private ClusterConnection? ConnectWorkload(string? managementPath, string? managementContext, string? clusterName, string namespaceName, string? context, TimeSpan timeout)
        {
            if (GivenPath(Kubeconfig) is { } path)
            {
                return new ClusterConnection(path, context, timeout);
            }

            if (managementPath is null || clusterName is null)
            {
                return new ClusterConnection(DefaultKubeconfig.Path(), context, timeout);
            }

            WriteVerbose(WorkloadKubeconfig.ReadingMessage(clusterName, namespaceName, managementPath));
            var secret = ReadCluster((r, t) => r.ReadWorkloadKubeconfigAsync(new ClusterConnection(managementPath, managementContext, timeout), clusterName, namespaceName, t), managementPath);
            return secret is null ? null : ClusterConnection.FromSecret(secret, context, timeout);
        }

        private bool TryResolveExpectedBuild(out FipsBuildDefinition? build, out FipsVersion? version)
        {
            build = null;
            version = null;
            if (FipsBuild is not null && ExpectedBuild is not null)
            {
                WriteError(
                    new ArgumentException("Give the expected build once: -FipsBuild (a piped Get-FipsBuild object) or -ExpectedBuild, not both."),
                    ErrorKind.InvalidExpectedBuild,
                    ExpectedBuild);
                return false;
            }

            var value = FipsBuild ?? (ExpectedBuild is PSObject wrapped ? wrapped.BaseObject : ExpectedBuild);
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
                // A full FIPS version names the catalog row a planner picks for it, whose etcd is then expected too.
                build = version!.IsFips ? catalog.Select(version) : null;
                return true;
            }

            WriteError(
                new ArgumentException($"-ExpectedBuild takes a Get-FipsBuild object or a Kubernetes version ({FipsVersion.AcceptedForms}); got '{value}'."),
                ErrorKind.InvalidExpectedBuild,
                value);
            return false;
        }
    }
}
