using System.Management.Automation;
using DkpFips.Core.Cluster;

namespace DkpFips.Infrastructure
{
    /// <summary>The ErrorId, category and advice for each way reading a cluster can fail.</summary>
    internal static class ClusterReadErrorMap
    {
        public static (string Id, ErrorCategory Category, string Action) Classify(ClusterReadException ex) => ex.Failure switch
        {
            ClusterReadFailure.InvalidKubeconfig => (ErrorIds.KubeconfigInvalid, ErrorCategory.InvalidArgument, "Pass -Kubeconfig and -Context that name the cluster (kubectl config get-contexts)."),
            ClusterReadFailure.Unreachable => (ErrorIds.ClusterUnreachable, ErrorCategory.ConnectionError, "Check the server address in the kubeconfig, the network path and that the API server is up."),
            ClusterReadFailure.TlsFailure => (ErrorIds.ClusterTlsFailure, ErrorCategory.SecurityError, "Check certificate-authority-data in the kubeconfig against the API server's certificate."),
            ClusterReadFailure.Unauthorized => (ErrorIds.ClusterUnauthorized, ErrorCategory.AuthenticationError, "Refresh the credentials in the kubeconfig (an expired token or certificate)."),
            ClusterReadFailure.Forbidden => (ErrorIds.ClusterPermissionDenied, ErrorCategory.PermissionDenied, $"Grant the identity the RBAC verb '{ex.Verb}' on '{ex.Resource}'" + (string.IsNullOrEmpty(ex.ApiGroup) ? "." : $" in API group '{ex.ApiGroup}'.")),
            ClusterReadFailure.KindNotInstalled => (ErrorIds.ClusterApiNotInstalled, ErrorCategory.NotInstalled, "-ManagementKubeconfig must point at the management cluster, where Cluster API runs."),
            ClusterReadFailure.ObjectNotFound => (ErrorIds.ClusterObjectNotFound, ErrorCategory.ObjectNotFound, "Check -ClusterName and -Namespace (kubectl get clusters -A on the management cluster)."),
            ClusterReadFailure.Timeout => (ErrorIds.ClusterTimeout, ErrorCategory.OperationTimeout, "Raise -TimeoutSec, or check the API server's health."),
            _ => (ErrorIds.ClusterReadFailed, ErrorCategory.ProtocolError, "Check the API server's health and logs."),
        };
    }
}
