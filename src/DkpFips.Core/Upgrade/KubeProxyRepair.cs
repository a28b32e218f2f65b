using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Cluster;
using DkpFips.Core.Evidence;
using DkpFips.Core.Process;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Upgrade
{
    /// <summary>
    /// After a control-plane upgrade, kube-proxy must run the new FIPS image; DKP 2.1 to 2.2 left
    /// it on the old one. Finds the kube-proxy pods left behind and the kubectl command that fixes them.
    /// </summary>
    public static class KubeProxyRepair
    {
        public const string CheckName = "KubeProxyImage";

        /// <summary>The failed kube-proxy checks of a cluster read after its control plane was upgraded to <paramref name="target"/>.</summary>
        public static IReadOnlyList<CheckResult> LeftBehind(WorkloadClusterState state, FipsVersion target, string kubernetesImageRepository)
        {
            var expectations = new FipsExpectations(kubernetesImageRepository, kubernetesImageRepository, null, target, null);
            var kubeProxyPods = state.KubeSystemPods.Where(p => p.Containers.Any(c => ContainerImage.Parse(c.Image).Name == "kube-proxy"));
            return ComponentImageChecks.Check(kubeProxyPods, target.ToKubernetesFlag(), expectations)
                .Where(c => c.Name == CheckName && c.Status != CheckStatus.Passed)
                .ToArray();
        }

        /// <summary>The image kube-proxy must run: <c>&lt;repository&gt;/kube-proxy:v1.22.8_fips.0</c>.</summary>
        public static string Image(FipsVersion target, string kubernetesImageRepository) =>
            kubernetesImageRepository.TrimEnd('/') + "/kube-proxy:" + target.ToImageTag();

        /// <summary><c>kubectl set image daemonset/kube-proxy kube-proxy=IMAGE -n kube-system</c> against the workload cluster.</summary>
        public static CommandPlan Command(string kubectl, FipsVersion target, string kubernetesImageRepository, string? kubeconfig, string? context)
        {
            var arguments = new List<string> { "set", "image", "daemonset/kube-proxy", "kube-proxy=" + Image(target, kubernetesImageRepository), "--namespace=kube-system" };
            if (!string.IsNullOrEmpty(kubeconfig))
            {
                arguments.Add("--kubeconfig=" + kubeconfig);
            }

            if (!string.IsNullOrEmpty(context))
            {
                arguments.Add("--context=" + context);
            }

            return new CommandPlan(kubectl, arguments);
        }
    }
}
