using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Evidence;
using Xunit;

namespace DkpFips.Core.Tests.HostileInput
{
    /// <summary>Finding 4: a component is what it is (container name, component/k8s-app label), not what its image is called.</summary>
    public class ComponentIdentityTests
    {
        private const string Repo = "docker.io/mesosphere";
        private const string Tag = "v1.23.7_fips.0";

        private static PodInfo Pod(string name, string container, string image, string? component = null, string? app = null)
        {
            var labels = new Dictionary<string, string>();
            if (component is not null)
            {
                labels["component"] = component;
            }

            if (app is not null)
            {
                labels["k8s-app"] = app;
            }

            return new PodInfo(name, "cp-0", labels, new[] { new ContainerInfo(container, image) });
        }

        private static List<PodInfo> FipsPods() => new List<PodInfo>
        {
            Pod("kube-apiserver-cp-0", "kube-apiserver", $"{Repo}/kube-apiserver:{Tag}", "kube-apiserver"),
            Pod("kube-controller-manager-cp-0", "kube-controller-manager", $"{Repo}/kube-controller-manager:{Tag}", "kube-controller-manager"),
            Pod("kube-scheduler-cp-0", "kube-scheduler", $"{Repo}/kube-scheduler:{Tag}", "kube-scheduler"),
            Pod("etcd-cp-0", "etcd", $"{Repo}/etcd:v3.4.13_fips.0", "etcd"),
            Pod("kube-proxy-a", "kube-proxy", $"{Repo}/kube-proxy:{Tag}", app: "kube-proxy"),
        };

        private static ClusterComplianceReport Check(IReadOnlyList<PodInfo> pods)
        {
            var state = new WorkloadClusterState("c", "v1.23.7+fips.0", new[] { new NodeInfo("cp-0", "v1.23.7+fips.0", "Red Hat Enterprise Linux 8.4 (Ootpa)", true) }, pods, 1);
            return ClusterComplianceChecker.Check(state, null, FipsExpectations.Resolve(FipsCatalog.BuiltIn, state.ServerVersion, null, null, null, null));
        }

        [Fact]
        public void The_fips_pods_alone_pass()
        {
            var report = Check(FipsPods());
            Assert.True(report.IsFipsCompliant, string.Join("\n", report.Checks));
        }

        [Theory]
        [InlineData("kube-apiserver", "k8s.gcr.io/kube-apiserver-amd64:v1.23.7", "kube-apiserver", null)]
        [InlineData("kube-apiserver", "k8s.gcr.io/hyperkube:v1.23.7", null, null)]
        [InlineData("apiserver", "k8s.gcr.io/hyperkube:v1.23.7", "kube-apiserver", null)]
        [InlineData("proxy", "registry.example/mirror/kp:v1.23.7", null, "kube-proxy")]
        [InlineData("etcd", "quay.io/coreos/etcd-amd64:v3.4.13", null, null)]
        public void A_component_running_another_image_is_checked_and_fails(string container, string image, string? component, string? app)
        {
            var pods = FipsPods();
            pods.Add(Pod("extra-cp-2", container, image, component, app));
            var report = Check(pods);
            Assert.False(report.IsFipsCompliant);
            Assert.Contains(report.Checks, c => c.Status == CheckStatus.Failed && c.Target == "pod/extra-cp-2" && c.Message.Contains(image));
        }

        [Fact]
        public void A_sidecar_in_a_labelled_pod_is_not_taken_for_the_component()
        {
            var pods = FipsPods();
            pods[0] = new PodInfo("kube-apiserver-cp-0", "cp-0", new Dictionary<string, string> { ["component"] = "kube-apiserver" },
                new[] { new ContainerInfo("kube-apiserver", $"{Repo}/kube-apiserver:{Tag}"), new ContainerInfo("log-shipper", "fluent/fluent-bit:2.0") });
            Assert.True(Check(pods).IsFipsCompliant);
        }
    }
}
