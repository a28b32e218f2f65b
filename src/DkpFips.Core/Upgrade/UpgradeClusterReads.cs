using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Upgrade
{
    /// <summary>
    /// The reads around the upgrade of one cluster: what a piped report allows, the cluster as it
    /// is before the upgrade (its Cluster API objects, the workload connection, its compliance),
    /// kube-proxy after the control plane, and the cluster after the upgrade (-Verify). Reads go
    /// through <see cref="IClusterReader"/>; a failed read is a typed
    /// <see cref="UpgradeReadFailure"/> (returned, and told as a ReadFailed notice), a refusal an
    /// <see cref="UpgradePlanException"/>, and what the user should hear along the way an
    /// <see cref="UpgradeNotice"/>, told in order on the caller's thread (the reads are waited for
    /// here, so a cmdlet can write the notices). Cancellation by the token is an
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public sealed class UpgradeClusterReads
    {
        private readonly IClusterReader? reader;
        private readonly FipsCatalog catalog;
        private readonly UpgradeClusterTarget target;
        private readonly Action<UpgradeNotice> notify;

        /// <param name="reader">Null when neither cluster is given (then nothing is read; Windows PowerShell 5.1 has no reader).</param>
        public UpgradeClusterReads(IClusterReader? reader, FipsCatalog catalog, UpgradeClusterTarget target, Action<UpgradeNotice> notify)
        {
            this.reader = reader;
            this.target = target ?? throw new ArgumentNullException(nameof(target));
            this.catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
            this.notify = notify ?? throw new ArgumentNullException(nameof(notify));
        }

        /// <summary>
        /// The upgrade's starting version given a piped report: the report's version unless one
        /// was given. A report that finds the cluster not FIPS is refused (an upgrade keeps FIPS
        /// mode, it cannot create it), and so is a report of another cluster.
        /// </summary>
        public static string? StartVersion(string clusterName, ReportedClusterState? reported, string? currentVersion)
        {
            if (reported is null)
            {
                return currentVersion;
            }

            if (!reported.IsFipsCompliant)
            {
                var failed = string.Join(", ", reported.FailedChecks.Distinct());
                throw new UpgradePlanException(
                    ErrorKind.ClusterNotFips,
                    $"Cluster '{clusterName}': the piped Test-DkpFipsCluster report finds it not FIPS compliant ({reported.Summary}; failed: {(failed.Length == 0 ? "none listed" : failed)}), so it is not upgraded: an upgrade keeps FIPS mode, it cannot create it.",
                    reported.Source ?? reported,
                    "Fix the cluster, or create a new FIPS cluster; see the report's Failures.");
            }

            if (!string.IsNullOrWhiteSpace(reported.ClusterName) && !string.Equals(reported.ClusterName, clusterName, StringComparison.Ordinal))
            {
                throw new UpgradePlanException(
                    ErrorKind.InvalidArgument,
                    $"The piped report is of cluster '{reported.ClusterName}', not '{clusterName}': its version is not this cluster's.",
                    reported.Source ?? reported);
            }

            return currentVersion ?? reported.CurrentVersion;
        }

        /// <summary>
        /// The cluster before the upgrade: its Cluster API objects (with a management cluster),
        /// the workload connection (-Kubeconfig, else the &lt;cluster&gt;-kubeconfig Secret on the
        /// management cluster; a Secret that is missing or forbidden is a warning and the upgrade
        /// goes on from the Cluster API objects) and its compliance (from the workload cluster,
        /// else from the Cluster API objects, else a warning that it was not checked).
        /// </summary>
        public UpgradeStart ReadBefore(CancellationToken cancellationToken)
        {
            var name = target.ClusterName;
            ManagementClusterState? management = null;
            if (target.Management is { } managementCluster)
            {
                Tell(UpgradeNoticeKind.Reading, $"Reading the Cluster API objects of '{name}' in namespace '{target.Namespace}' from {managementCluster.KubeconfigPath}.");
                try
                {
                    management = Reader.ReadManagementClusterAsync(managementCluster, name, target.Namespace, cancellationToken).GetAwaiter().GetResult();
                }
                catch (ClusterReadException ex)
                {
                    return Failed(AfterThisPoint(name, ex, managementCluster.KubeconfigPath));
                }
            }

            ClusterConnection? workload;
            try
            {
                workload = ConnectWorkload(cancellationToken);
            }
            catch (ClusterReadException ex)
            {
                return Failed(new UpgradeReadFailure(ex, target.Management!.KubeconfigPath, $"Cluster '{name}': {ex.Message} Nothing was upgraded."));
            }

            ClusterComplianceReport? currentState = null;
            if (workload is not null)
            {
                Tell(UpgradeNoticeKind.Reading, $"Checking that '{name}' is FIPS now, from {workload.KubeconfigPath}.");
                try
                {
                    currentState = Check(workload, management, null, null, cancellationToken);
                }
                catch (ClusterReadException ex)
                {
                    return Failed(AfterThisPoint(name, ex, workload.KubeconfigPath));
                }
            }
            else if (management?.ControlPlane?.Version is { } kcpVersion)
            {
                var expectations = FipsExpectations.Resolve(catalog, kcpVersion, null, null, target.ImageRepository, null);
                currentState = new ClusterComplianceReport(name, kcpVersion, null, 0, ClusterApiChecks.Check(management, kcpVersion, expectations));
            }
            else
            {
                Tell(UpgradeNoticeKind.NotCheckedBeforeUpgrade, $"'{name}' was not checked before the upgrade: give -Kubeconfig (and -ManagementKubeconfig) so that a cluster that is not FIPS is refused.");
            }

            return new UpgradeStart(management, workload, currentState);
        }

        /// <summary>
        /// The compliance after the upgrade against the plan's target: the workload cluster, with
        /// the Cluster API objects when the management cluster is at hand. A management cluster
        /// that cannot be read leaves the workload checks to stand alone.
        /// </summary>
        public UpgradeVerification Verify(ClusterConnection workload, UpgradePlan plan, CancellationToken cancellationToken)
        {
            var name = target.ClusterName;
            var failures = new List<UpgradeReadFailure>();
            Tell(UpgradeNoticeKind.Reading, $"Verifying that '{name}' is FIPS after the upgrade.");
            ManagementClusterState? management = null;
            if (target.Management is { } managementCluster)
            {
                try
                {
                    management = Reader.ReadManagementClusterAsync(managementCluster, name, target.Namespace, cancellationToken).GetAwaiter().GetResult();
                }
                catch (ClusterReadException ex)
                {
                    failures.Add(Told(AfterThisPoint(name, ex, managementCluster.KubeconfigPath)));
                }
            }

            try
            {
                var report = Check(workload, management, plan.Build, plan.TargetVersion, cancellationToken);
                return new UpgradeVerification(report, management is not null, failures);
            }
            catch (ClusterReadException ex)
            {
                failures.Add(Told(AfterThisPoint(name, ex, workload.KubeconfigPath)));
                return new UpgradeVerification(null, management is not null, failures);
            }
        }

        /// <summary>
        /// The workload cluster as it is now (kube-proxy after the control plane); null when it
        /// could not be read (told as a ReadFailed notice).
        /// </summary>
        public WorkloadClusterState? ReadWorkload(ClusterConnection workload, CancellationToken cancellationToken)
        {
            try
            {
                return Reader.ReadWorkloadClusterAsync(workload, cancellationToken).GetAwaiter().GetResult();
            }
            catch (ClusterReadException ex)
            {
                Told(AfterThisPoint(target.ClusterName, ex, workload.KubeconfigPath));
                return null;
            }
        }

        private UpgradeStart Failed(UpgradeReadFailure failure) => new UpgradeStart(null, null, null, Told(failure));

        private UpgradeReadFailure Told(UpgradeReadFailure failure)
        {
            notify(new UpgradeNotice(failure));
            return failure;
        }

        private static UpgradeReadFailure AfterThisPoint(string name, ClusterReadException ex, string kubeconfig) =>
            new UpgradeReadFailure(ex, kubeconfig, $"Cluster '{name}': {ex.Message} Nothing was upgraded after this point.");

        // The workload cluster: -Kubeconfig; else, with the management cluster, the cluster's
        // kubeconfig Secret there (in memory only, never the management cluster itself).
        private ClusterConnection? ConnectWorkload(CancellationToken cancellationToken)
        {
            if (target.Workload is not null)
            {
                return target.Workload;
            }

            if (target.Management is not { } managementCluster)
            {
                return null;
            }

            var name = target.ClusterName;
            Tell(UpgradeNoticeKind.Reading, WorkloadKubeconfig.ReadingMessage(name, target.Namespace, managementCluster.KubeconfigPath));
            try
            {
                var secret = Reader.ReadWorkloadKubeconfigAsync(managementCluster, name, target.Namespace, cancellationToken).GetAwaiter().GetResult();
                return ClusterConnection.FromSecret(secret, target.WorkloadContext, target.Timeout);
            }
            catch (ClusterReadException ex) when (ex.Kind == ErrorKind.ClusterObjectNotFound || ex.Kind == ErrorKind.ClusterPermissionDenied)
            {
                // Not every management cluster lets this caller read Secrets: the upgrade can still
                // go on from the Cluster API objects, as without a workload cluster.
                Tell(UpgradeNoticeKind.WorkloadKubeconfigUnreadable, $"'{name}': its kubeconfig Secret could not be read from the management cluster ({ex.Message}); only its Cluster API objects are checked. Give -Kubeconfig to check the workload cluster.");
                return null;
            }
        }

        private ClusterComplianceReport Check(ClusterConnection connection, ManagementClusterState? management, FipsBuildDefinition? expectedBuild, FipsVersion? expectedVersion, CancellationToken cancellationToken)
        {
            var workload = Reader.ReadWorkloadClusterAsync(connection, cancellationToken).GetAwaiter().GetResult();
            var expectations = FipsExpectations.Resolve(catalog, workload.ServerVersion, expectedBuild, expectedVersion, target.ImageRepository, null);
            return ClusterComplianceChecker.Check(workload, management, expectations, target.ClusterName);
        }

        private IClusterReader Reader => reader ?? throw new InvalidOperationException("A cluster was to be read, but no cluster reader was given.");

        private void Tell(UpgradeNoticeKind kind, string message) => notify(new UpgradeNotice(kind, message));
    }
}
