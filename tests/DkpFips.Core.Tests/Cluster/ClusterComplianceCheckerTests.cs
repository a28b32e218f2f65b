using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Evidence;
using DkpFips.Core.Versioning;
using Xunit;

namespace DkpFips.Core.Tests.Cluster
{
    /// <summary>The checks alone, over plain models (no server).</summary>
    public class ClusterComplianceCheckerTests
    {
        private const string Repo = "docker.io/mesosphere";

        private static WorkloadClusterState Cluster(
            string version = "v1.23.7+fips.0",
            string? kubeProxyTag = null,
            string? etcdImage = null,
            string repository = Repo,
            IEnumerable<NodeInfo>? extraNodes = null,
            bool withScheduler = true)
        {
            var tag = version.Replace('+', '_');
            var nodes = new List<NodeInfo>
            {
                new NodeInfo("cp-0", version, "Red Hat Enterprise Linux 8.4 (Ootpa)", true),
                new NodeInfo("worker-0", version, "CentOS Linux 7 (Core)", false),
            };
            nodes.AddRange(extraNodes ?? Enumerable.Empty<NodeInfo>());
            var labels = new Dictionary<string, string>();
            var pods = new List<PodInfo>
            {
                Pod("kube-apiserver-cp-0", $"{repository}/kube-apiserver:{tag}"),
                Pod("kube-controller-manager-cp-0", $"{repository}/kube-controller-manager:{tag}"),
                Pod("etcd-cp-0", etcdImage ?? $"{repository}/etcd:v3.4.13_fips.0"),
                Pod("kube-proxy-a", $"{repository}/kube-proxy:{kubeProxyTag ?? tag}"),
                Pod("kube-proxy-b", $"{repository}/kube-proxy:{kubeProxyTag ?? tag}"),
                Pod("coredns-1", "k8s.gcr.io/coredns/coredns:v1.8.6"),
            };
            if (withScheduler)
            {
                pods.Add(Pod("kube-scheduler-cp-0", $"{repository}/kube-scheduler:{tag}"));
            }

            return new WorkloadClusterState("fips-cluster", version, nodes, pods, 3);
        }

        private static PodInfo Pod(string name, string image) =>
            new PodInfo(name, "cp-0", new Dictionary<string, string>(), new[] { new ContainerInfo(name.Split('-')[0], image) });

        private static FipsExpectations Expect(WorkloadClusterState state, string? repository = null, object? expected = null)
        {
            FipsBuildDefinition? build = expected as FipsBuildDefinition;
            FipsVersion? version = expected is string text ? FipsVersion.Parse(text) : null;
            return FipsExpectations.Resolve(FipsCatalog.BuiltIn, state.ServerVersion, build, version, repository, null);
        }

        private static ClusterComplianceReport Check(WorkloadClusterState state, FipsExpectations? expected = null, ManagementClusterState? management = null) =>
            ClusterComplianceChecker.Check(state, management, expected ?? Expect(state));

        [Fact]
        public void A_FIPS_cluster_passes_every_check()
        {
            var report = Check(Cluster());
            Assert.True(report.IsFipsCompliant, string.Join("\n", report.Checks));
            Assert.All(report.Checks, c => Assert.Equal(CheckStatus.Passed, c.Status));
            Assert.Equal("3.4.13+fips.0", report.EtcdVersion);
            Assert.Equal(2, report.NodeCount);
            Assert.Equal(2, report.Checks.Count(c => c.Name == "KubeProxyImage"));
        }

        [Fact]
        public void A_node_on_a_plain_kubelet_and_Ubuntu_fails_on_both_counts()
        {
            var report = Check(Cluster(extraNodes: new[] { new NodeInfo("worker-2", "v1.23.7", "Ubuntu 20.04.4 LTS", false) }));
            Assert.False(report.IsFipsCompliant);
            var failures = report.Checks.TakeWhile(c => c.Status == CheckStatus.Failed).ToList();
            Assert.Equal(2, failures.Count);
            Assert.Contains(failures, c => c.Name == "KubeletVersion" && c.Target == "node/worker-2" && c.Message.Contains("not a FIPS build"));
            Assert.Contains(failures, c => c.Name == "NodeOperatingSystem" && c.Target == "node/worker-2" && c.Message.Contains("Ubuntu"));
        }

        [Fact]
        public void A_FIPS_kubelet_of_another_version_fails()
        {
            var report = Check(Cluster(extraNodes: new[] { new NodeInfo("worker-9", "v1.22.8+fips.0", "Red Hat Enterprise Linux 8.4 (Ootpa)", false) }));
            var failure = Assert.Single(report.Checks, c => c.Status == CheckStatus.Failed);
            Assert.Equal("KubeletVersion", failure.Name);
            Assert.Contains("the control plane runs v1.23.7+fips.0", failure.Message);
        }

        [Fact]
        public void A_kube_proxy_left_on_the_old_FIPS_image_after_an_upgrade_fails_for_each_pod()
        {
            var report = Check(Cluster(version: "v1.22.8+fips.0", kubeProxyTag: "v1.21.6_fips.0"));
            var failures = report.Checks.Where(c => c.Status == CheckStatus.Failed).ToList();
            Assert.Equal(2, failures.Count);
            Assert.All(failures, f => Assert.Equal("KubeProxyImage", f.Name));
            Assert.Contains("tagged v1.21.6_fips.0, but the control plane's version is v1.22.8_fips.0", failures[0].Message);
            Assert.Equal(new[] { "pod/kube-proxy-a", "pod/kube-proxy-b" }, failures.Select(f => f.Target));
        }

        [Fact]
        public void An_upstream_etcd_fails_and_is_reported_as_such()
        {
            var report = Check(Cluster(etcdImage: "k8s.gcr.io/etcd:3.5.1-0"));
            var failure = Assert.Single(report.Checks, c => c.Status == CheckStatus.Failed);
            Assert.Equal("EtcdImage", failure.Name);
            Assert.Contains("no _fips marker", failure.Message);
            Assert.Equal("3.5.1-0", report.EtcdVersion);
        }

        [Fact]
        public void A_mirror_passes_only_when_named()
        {
            const string mirror = "registry.example.internal:5000/mesosphere";
            var state = Cluster(repository: mirror);
            var unnamed = Check(state);
            Assert.False(unnamed.IsFipsCompliant);
            Assert.Equal(6, unnamed.Checks.Count(c => c.Status == CheckStatus.Failed && c.Message.Contains("not the FIPS repository docker.io/mesosphere")));

            Assert.True(Check(state, Expect(state, mirror)).IsFipsCompliant);
        }

        [Fact]
        public void A_component_that_cannot_be_found_cannot_be_proven()
        {
            var report = Check(Cluster(withScheduler: false));
            var failure = Assert.Single(report.Checks, c => c.Status == CheckStatus.Failed);
            Assert.Equal(ComponentImageChecks.ComponentPresent, failure.Name);
            Assert.Equal("component/kube-scheduler", failure.Target);
        }

        [Fact]
        public void A_non_FIPS_API_server_version_fails()
        {
            var report = Check(Cluster(version: "v1.23.7"));
            Assert.Contains(report.Checks, c => c.Name == "ControlPlaneVersion" && c.Status == CheckStatus.Failed);
            Assert.False(report.IsFipsCompliant);
        }

        [Fact]
        public void An_expected_build_must_match_the_running_one()
        {
            var state = Cluster();
            var build23 = FipsCatalog.BuiltIn.Find(FipsVersion.Parse("1.23.7+fips.0")).Last();
            var build22 = FipsCatalog.BuiltIn.Find(FipsVersion.Parse("1.22")).Last();

            Assert.True(Check(state, Expect(state, expected: build23)).IsFipsCompliant);
            Assert.True(Check(state, Expect(state, expected: "1.23")).IsFipsCompliant);

            var wrong = Check(state, Expect(state, expected: build22));
            Assert.False(wrong.IsFipsCompliant);
            Assert.Contains(wrong.Checks, c => c.Name == "ExpectedBuild" && c.Status == CheckStatus.Failed && c.Message.Contains("not the expected v1.22.8+fips.0"));
        }

        [Fact]
        public void Cluster_API_objects_that_would_build_non_FIPS_machines_fail()
        {
            var state = Cluster();
            var template = new ObjectReference("infrastructure.cluster.x-k8s.io/v1beta1", "VSphereMachineTemplate", "md-0", "default");
            var management = new ManagementClusterState(
                "fips-cluster",
                new ControlPlaneSpec("fips-cluster-control-plane", "v1.23.7", "k8s.gcr.io", null, "3.5.1-0", null),
                new[] { new MachineDeploymentSpec("md-0", "v1.23.7", template), new MachineDeploymentSpec("md-1", "v1.22.8+fips.0", template) },
                new[] { new MachineTemplateInfo(template, "konvoy-rhel-84-1.23.7-20220701", "VM template") },
                5);
            var report = Check(state, management: management);
            var failed = report.Checks.Where(c => c.Status == CheckStatus.Failed).Select(c => c.Name + " " + c.Target).ToList();
            Assert.Equal(
                new[]
                {
                    "ClusterApiControlPlane kubeadmcontrolplane/fips-cluster-control-plane",
                    "ClusterApiImageRepository kubeadmcontrolplane/fips-cluster-control-plane",
                    "ClusterApiEtcd kubeadmcontrolplane/fips-cluster-control-plane",
                    "ClusterApiEtcd kubeadmcontrolplane/fips-cluster-control-plane",
                    "ClusterApiMachineDeployment machinedeployment/md-0",
                    "ClusterApiMachineImage vspheremachinetemplate/md-0",
                },
                failed);
            Assert.Contains(report.Checks, c => c.Name == "ClusterApiMachineDeployment" && c.Target == "machinedeployment/md-1" && c.Status == CheckStatus.Passed);
        }

        [Fact]
        public void FIPS_Cluster_API_objects_pass_and_an_AMI_id_is_a_warning()
        {
            var state = Cluster();
            var aws = new ObjectReference("infrastructure.cluster.x-k8s.io/v1beta2", "AWSMachineTemplate", "cp", "default");
            var vsphere = new ObjectReference("infrastructure.cluster.x-k8s.io/v1beta1", "VSphereMachineTemplate", "md-0", "default");
            var management = new ManagementClusterState(
                "fips-cluster",
                new ControlPlaneSpec("cp", "v1.23.7+fips.0", Repo, Repo, "v3.4.13_fips.0", aws),
                new[] { new MachineDeploymentSpec("md-0", "v1.23.7+fips.0", vsphere) },
                new[] { new MachineTemplateInfo(aws, "ami-03dcaa75d45aca36f", "AMI"), new MachineTemplateInfo(vsphere, "konvoy-rhel-84-fips-1.23.7+fips.0-20220701", "VM template") },
                5);
            var report = Check(state, management: management);
            Assert.True(report.IsFipsCompliant, string.Join("\n", report.Checks));
            var warning = Assert.Single(report.Checks, c => c.Status == CheckStatus.Warning);
            Assert.Equal("awsmachinetemplate/cp", warning.Target);
            Assert.Equal(CheckStatus.Warning, report.Checks[0].Status);
        }

        [Fact]
        public void Failures_come_first_and_an_error_check_is_never_compliant()
        {
            var report = Check(Cluster(kubeProxyTag: "v1.22.8_fips.0"));
            Assert.Equal(CheckStatus.Failed, report.Checks[0].Status);
            Assert.Equal(CheckStatus.Passed, report.Checks[report.Checks.Count - 1].Status);

            var partial = Check(Cluster()).With(new[] { new CheckResult("ClusterApiRead", CheckStatus.Error, "403", "cluster/x") });
            Assert.False(partial.IsFipsCompliant);
            Assert.Equal("ClusterApiRead", partial.Checks[0].Name);
        }

        [Fact]
        public void A_cluster_that_lists_no_nodes_is_not_compliant()
        {
            var state = new WorkloadClusterState("x", "v1.23.7+fips.0", new NodeInfo[0], Cluster().KubeSystemPods, 3);
            Assert.False(Check(state).IsFipsCompliant);
        }

        [Fact]
        public void The_catalog_supplies_the_repository_and_etcd_tag_of_the_running_version()
        {
            var expected = FipsExpectations.Resolve(FipsCatalog.BuiltIn, "v1.23.7+fips.0", null, null, null, null);
            Assert.Equal("docker.io/mesosphere", expected.KubernetesImageRepository);
            Assert.Equal("v3.4.13_fips.0", expected.CatalogBuild!.EtcdImageTag);

            var mirror = FipsExpectations.Resolve(FipsCatalog.BuiltIn, "v1.23.7+fips.0", null, null, "mirror.local/fips", null);
            Assert.Equal("mirror.local/fips", mirror.EtcdImageRepository);
        }
    }
}
