using System.Collections.Generic;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Cluster
{
    /// <summary>The API server's version, and each node's kubelet version and operating system.</summary>
    public static class NodeChecks
    {
        public const string ControlPlaneVersion = "ControlPlaneVersion";
        public const string KubeletVersion = "KubeletVersion";
        public const string NodeOperatingSystem = "NodeOperatingSystem";

        public static IEnumerable<FipsCheckResult> CheckControlPlaneVersion(string serverVersion)
        {
            const string target = "kube-apiserver (/version)";
            if (FipsVersion.TryParse(serverVersion, out var version) && version!.IsFips)
            {
                yield return new FipsCheckResult(ControlPlaneVersion, FipsCheckStatus.Pass, $"The API server reports {serverVersion}, a FIPS build.", target);
            }
            else
            {
                yield return new FipsCheckResult(ControlPlaneVersion, FipsCheckStatus.Fail, $"The API server reports {Show(serverVersion)}, which has no +fips build marker.", target);
            }
        }

        public static IEnumerable<FipsCheckResult> CheckNodes(IEnumerable<NodeInfo> nodes, string serverVersion)
        {
            FipsVersion.TryParse(serverVersion, out var controlPlane);
            foreach (var node in nodes)
            {
                yield return CheckKubelet(node, controlPlane, serverVersion);
                yield return CheckOperatingSystem(node);
            }
        }

        private static FipsCheckResult CheckKubelet(NodeInfo node, FipsVersion? controlPlane, string serverVersion)
        {
            var target = "node/" + node.Name;
            if (!FipsVersion.TryParse(node.KubeletVersion, out var kubelet) || !kubelet!.IsFips)
            {
                return new FipsCheckResult(KubeletVersion, FipsCheckStatus.Fail, $"The kubelet is {Show(node.KubeletVersion)}, not a FIPS build (+fips.N).", target);
            }

            if (controlPlane is not null && !kubelet.Equals(controlPlane))
            {
                return new FipsCheckResult(KubeletVersion, FipsCheckStatus.Fail, $"The kubelet is {node.KubeletVersion}, but the control plane runs {serverVersion}.", target);
            }

            return new FipsCheckResult(KubeletVersion, FipsCheckStatus.Pass, $"The kubelet is {node.KubeletVersion}, the control plane's FIPS build.", target);
        }

        private static FipsCheckResult CheckOperatingSystem(NodeInfo node)
        {
            var target = "node/" + node.Name;
            var family = OperatingSystemFamily.FipsFamilyOf(node.OsImage);
            return family is null
                ? new FipsCheckResult(NodeOperatingSystem, FipsCheckStatus.Fail, $"The node runs {Show(node.OsImage)}, which has no FIPS support (supported: {OperatingSystemFamily.SupportedFamilies}).", target)
                : new FipsCheckResult(NodeOperatingSystem, FipsCheckStatus.Pass, $"The node runs {node.OsImage} ({family}, FIPS-supported).", target);
        }

        internal static string Show(string? value) => string.IsNullOrEmpty(value) ? "(nothing)" : "'" + value + "'";
    }
}
