using System.Collections.Generic;
using DkpFips.Core.Evidence;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Cluster
{
    /// <summary>The API server's version, and each node's kubelet version and operating system.</summary>
    public static class NodeChecks
    {
        public const string ControlPlaneVersion = "ControlPlaneVersion";
        public const string KubeletVersion = "KubeletVersion";
        public const string NodeOperatingSystem = "NodeOperatingSystem";

        public static IEnumerable<CheckResult> CheckControlPlaneVersion(string serverVersion)
        {
            const string target = "kube-apiserver (/version)";
            if (FipsVersion.TryParse(serverVersion, out var version) && version!.IsFips)
            {
                yield return new CheckResult(ControlPlaneVersion, CheckStatus.Passed, $"The API server reports {serverVersion}, a FIPS build.", target);
            }
            else
            {
                yield return new CheckResult(ControlPlaneVersion, CheckStatus.Failed, $"The API server reports {Show(serverVersion)}, which has no +fips build marker.", target);
            }
        }

        public static IEnumerable<CheckResult> CheckNodes(IEnumerable<NodeInfo> nodes, string serverVersion)
        {
            FipsVersion.TryParse(serverVersion, out var controlPlane);
            foreach (var node in nodes)
            {
                yield return CheckKubelet(node, controlPlane, serverVersion);
                yield return CheckOperatingSystem(node);
            }
        }

        private static CheckResult CheckKubelet(NodeInfo node, FipsVersion? controlPlane, string serverVersion)
        {
            var target = "node/" + node.Name;
            if (!FipsVersion.TryParse(node.KubeletVersion, out var kubelet) || !kubelet!.IsFips)
            {
                return new CheckResult(KubeletVersion, CheckStatus.Failed, $"The kubelet is {Show(node.KubeletVersion)}, not a FIPS build (+fips.N).", target);
            }

            if (controlPlane is not null && !kubelet.Equals(controlPlane))
            {
                return new CheckResult(KubeletVersion, CheckStatus.Failed, $"The kubelet is {node.KubeletVersion}, but the control plane runs {serverVersion}.", target);
            }

            return new CheckResult(KubeletVersion, CheckStatus.Passed, $"The kubelet is {node.KubeletVersion}, the control plane's FIPS build.", target);
        }

        private static CheckResult CheckOperatingSystem(NodeInfo node)
        {
            var target = "node/" + node.Name;
            var family = OperatingSystemFamily.FipsFamilyOf(node.OsImage);
            return family is null
                ? new CheckResult(NodeOperatingSystem, CheckStatus.Failed, $"The node runs {Show(node.OsImage)}, which has no FIPS support (supported: {OperatingSystemFamily.SupportedFamilies}).", target)
                : new CheckResult(NodeOperatingSystem, CheckStatus.Passed, $"The node runs {node.OsImage} ({family}, FIPS-supported).", target);
        }

        internal static string Show(string? value) => string.IsNullOrEmpty(value) ? "(nothing)" : "'" + value + "'";
    }
}
