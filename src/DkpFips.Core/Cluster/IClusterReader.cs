using System.Threading;
using System.Threading.Tasks;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// Reads the objects the FIPS checks need from a Kubernetes API server. Implemented in
    /// DkpFips.Kubernetes (KubernetesClient, PowerShell 7 only); the checks stay free of it.
    /// Failures are <see cref="ClusterReadException"/>; cancellation by the caller's token is an
    /// <see cref="System.OperationCanceledException"/>.
    /// </summary>
    public interface IClusterReader
    {
        /// <summary>Server version, every node and every kube-system pod (list calls paged).</summary>
        Task<WorkloadClusterState> ReadWorkloadClusterAsync(ClusterConnection connection, CancellationToken cancellationToken);

        /// <summary>The Cluster, its KubeadmControlPlane, MachineDeployments and machine templates.</summary>
        /// <summary>
        /// The workload cluster's admin kubeconfig from the management cluster: the Secret
        /// &lt;cluster&gt;-kubeconfig, key value (what dkp get kubeconfig -c reads), in memory only.
        /// </summary>
        Task<WorkloadKubeconfig> ReadWorkloadKubeconfigAsync(ClusterConnection management, string clusterName, string namespaceName, CancellationToken cancellationToken);

        /// <summary>The Cluster, its KubeadmControlPlane, MachineDeployments and machine templates.</summary>
        Task<ManagementClusterState> ReadManagementClusterAsync(ClusterConnection connection, string clusterName, string namespaceName, CancellationToken cancellationToken);
    }
}
