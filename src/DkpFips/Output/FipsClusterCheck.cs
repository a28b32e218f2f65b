using DkpFips.Core.Cluster;

namespace DkpFips
{
    /// <summary>One check of Test-DkpFipsCluster: what was checked, on which object, and the verdict.</summary>
    public sealed class FipsClusterCheck
    {
        internal FipsClusterCheck(FipsCheckResult result)
        {
            Name = result.Name;
            Status = result.Status.ToString();
            Message = result.Message;
            Target = result.Target;
        }

        /// <summary>Fail, Error (the check could not be made), Warning or Pass.</summary>
        public string Status { get; }

        /// <summary>The check, e.g. KubeletVersion, KubeProxyImage, ClusterApiControlPlane.</summary>
        public string Name { get; }

        /// <summary>The object checked, e.g. node/worker-2 or pod/kube-proxy-8xk2p.</summary>
        public string Target { get; }

        public string Message { get; }

        public override string ToString() => $"{Status} {Name} {Target}: {Message}";
    }
}
