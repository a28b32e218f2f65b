using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Evidence;

namespace DkpFips.Core.Cluster
{
    /// <summary>Runs every FIPS check over what was read from a cluster (and its management cluster).</summary>
    public static class ClusterComplianceChecker
    {
        public static ClusterComplianceReport Check(WorkloadClusterState workload, ManagementClusterState? management, FipsExpectations expected, string? clusterName = null)
        {
            var etcdVersion = ComponentImageChecks.FindEtcdVersion(workload.KubeSystemPods);
            var checks = new List<CheckResult>();
            checks.AddRange(NodeChecks.CheckControlPlaneVersion(workload.ServerVersion));
            checks.AddRange(NodeChecks.CheckNodes(workload.Nodes, workload.ServerVersion));
            checks.AddRange(ComponentImageChecks.Check(workload.KubeSystemPods, workload.ServerVersion, expected));
            checks.AddRange(ExpectedBuildChecks.Check(workload.ServerVersion, etcdVersion, expected));
            if (management is not null)
            {
                checks.AddRange(ClusterApiChecks.Check(management, workload.ServerVersion, expected));
            }

            if (workload.Nodes.Count == 0)
            {
                checks.Add(new CheckResult(NodeChecks.KubeletVersion, CheckStatus.Failed, "The cluster lists no nodes, so no kubelet can be proven FIPS.", "nodes"));
            }

            return new ClusterComplianceReport(clusterName ?? workload.ClusterName, workload.ServerVersion, etcdVersion, workload.Nodes.Count, checks);
        }
    }
}
