using System;
using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Evidence;
using DkpFips.Core.Upgrade;
using DkpFips.Core.Versioning;
using Xunit;

namespace DkpFips.Core.Tests.Upgrade
{
    public class UpgradePlanBuilderTests
    {
        private const string Ami = "ami-0a1b2c3d4e5f60718";
        private readonly UpgradePlanBuilder builder = new UpgradePlanBuilder(FipsCatalog.BuiltIn);

        private static UpgradeRequest Aws(string target = "1.23", string? current = "v1.22.8+fips.0", params string[] pools) =>
            new UpgradeRequest(new ClusterOptions { ClusterName = "fips-1", Provider = "aws", KubernetesVersion = target, AmiId = Ami })
            {
                CurrentVersion = current,
                NodePools = pools.Length == 0 ? new[] { "fips-1-md-0" } : pools,
            };

        private ErrorKind Refused(UpgradeRequest request, ManagementClusterState? management = null, ClusterComplianceReport? state = null) =>
            Assert.Throws<UpgradePlanException>(() => builder.Build(request, management, state)).Kind;

        private static ManagementClusterState Management(string? version, params string[] pools) => new ManagementClusterState(
            "fips-1",
            new ControlPlaneSpec("fips-1-control-plane", version, "docker.io/mesosphere", "docker.io/mesosphere", "v3.4.13_fips.0", null),
            pools.Select(p => new MachineDeploymentSpec(p, version, null)).ToArray(),
            Array.Empty<MachineTemplateInfo>(),
            3);

        [Fact]
        public void PlansTheControlPlaneThenEveryNodePoolWithTheFipsVersionAndAmi()
        {
            var plan = builder.Build(Aws("1.23", "v1.22.8+fips.0", "md-0", "md-1"));
            Assert.Equal(new[] { "update", "controlplane", "aws", "--cluster-name=fips-1", "--kubernetes-version=v1.23.7+fips.0", "--ami=" + Ami }, plan.Steps[0].Command.DisplayArguments);
            Assert.Equal(new[] { "update", "nodepool", "aws", "md-0", "--cluster-name=fips-1", "--kubernetes-version=v1.23.7+fips.0", "--ami=" + Ami }, plan.Steps[1].Command.DisplayArguments);
            Assert.Equal(new[] { "update", "nodepool", "aws", "md-1", "--cluster-name=fips-1", "--kubernetes-version=v1.23.7+fips.0", "--ami=" + Ami }, plan.Steps[2].Command.DisplayArguments);
            Assert.Equal(new[] { UpgradeStepKind.ControlPlane, UpgradeStepKind.NodePool, UpgradeStepKind.NodePool }, plan.Steps.Select(s => s.Kind));
            Assert.Equal("2.3", plan.Build!.DkpVersion);
            Assert.Equal("v1.22.8+fips.0", plan.CurrentVersion.ToKubernetesFlag());
            Assert.Equal(Ami, plan.MachineImage);
        }

        [Fact]
        public void VsphereTakesTheVmTemplateAndPassesNamespaceAndKubeconfig()
        {
            var request = Aws("v1.23.7+fips.0");
            request.Spec.Provider = null;
            request.Spec.AmiId = null;
            request.Spec.VmTemplate = "konvoy-rhel-84-fips-1.23.7+fips.0-20220701";
            request.Spec.Namespace = "team-a";
            request.Spec.ManagementKubeconfig = "/tmp/mgmt.conf";
            var plan = builder.Build(request);
            Assert.Equal("vsphere", plan.Provider);
            Assert.Equal(new[] { "update", "controlplane", "vsphere", "--cluster-name=fips-1", "--kubernetes-version=v1.23.7+fips.0", "--vm-template=konvoy-rhel-84-fips-1.23.7+fips.0-20220701", "--namespace=team-a", "--kubeconfig=/tmp/mgmt.conf" }, plan.Steps[0].Command.DisplayArguments);
        }

        [Fact]
        public void ReadsTheCurrentVersionAndNodePoolsFromTheManagementCluster()
        {
            var request = Aws("1.22", null);
            request.NodePools = null;
            var plan = builder.Build(request, Management("v1.21.6+fips.0", "fips-1-md-0", "fips-1-md-1"));
            Assert.Equal("v1.21.6+fips.0", plan.CurrentVersion.ToKubernetesFlag());
            Assert.Equal(new[] { "controlplane", "fips-1-md-0", "fips-1-md-1" }, plan.Steps.Select(s => s.Name));
            Assert.Equal("--kubernetes-version=v1.22.8+fips.0", plan.Steps[2].Command.DisplayArguments[5]);
        }

        [Fact]
        public void AnEmptyNodePoolListUpgradesTheControlPlaneOnly()
        {
            var request = Aws();
            request.NodePools = Array.Empty<string>();
            Assert.Single(builder.Build(request).Steps);
        }

        [Theory]
        [InlineData("v1.23.7", ErrorKind.TargetNotFips)]
        [InlineData("1.23.7+fips", ErrorKind.TargetNotFips)]
        [InlineData("v1.21.6+fips.0", ErrorKind.Downgrade)]
        [InlineData("v1.22.8+fips.0", ErrorKind.AlreadyAtTargetVersion)]
        [InlineData("1.24", ErrorKind.MinorVersionSkip)]
        [InlineData("2.23.0+fips.0", ErrorKind.TargetNotInCatalog)]
        [InlineData("v1.23.99+fips.0", ErrorKind.TargetNotInCatalog)]
        [InlineData("1.99", ErrorKind.TargetNotInCatalog)]
        [InlineData("not-a-version", ErrorKind.InvalidKubernetesVersion)]
        [InlineData("", ErrorKind.KubernetesVersionRequired)]
        public void RefusesEveryUnsafeTarget(string target, ErrorKind expected)
        {
            Assert.Equal(expected, Refused(Aws(target)));
        }

        [Fact]
        public void ANonFipsTargetNamesTheFipsVersionToUse()
        {
            var ex = Assert.Throws<UpgradePlanException>(() => builder.Build(Aws("1.23.7")));
            Assert.Contains("v1.23.7+fips.0", ex.Message);
        }

        [Fact]
        public void ForcePlansAFipsTargetTheCatalogLacksButNotAVersionLine()
        {
            var request = Aws("v1.23.15+fips.0");
            request.Force = true;
            var plan = builder.Build(request);
            Assert.Null(plan.Build);
            Assert.Equal("--kubernetes-version=v1.23.15+fips.0", plan.Steps[0].Command.DisplayArguments[4]);

            var line = Aws("1.99");
            line.Force = true;
            Assert.Equal(ErrorKind.TargetNotInCatalog, Refused(line));

            var skip = Aws("v1.25.4+fips.0");
            skip.Force = true;
            Assert.Equal(ErrorKind.MinorVersionSkip, Refused(skip));
        }

        [Fact]
        public void RefusesAClusterThatIsNotFips()
        {
            Assert.Equal(ErrorKind.ClusterNotFips, Refused(Aws("1.23", "v1.22.8")));
            var request = Aws("1.23", null);
            request.NodePools = null;
            Assert.Equal(ErrorKind.ClusterNotFips, Refused(request, Management("v1.22.8", "fips-1-md-0")));
        }

        [Fact]
        public void RefusesAClusterWhoseComplianceReportFails()
        {
            var state = new ClusterComplianceReport("fips-1", "v1.22.8+fips.0", "3.4.13+fips.0", 2, new[]
            {
                new CheckResult("KubeletVersion", CheckStatus.Passed, "ok", "node/a"),
                new CheckResult("KubeletVersion", CheckStatus.Failed, "v1.22.8 is not FIPS", "node/worker-2"),
            });
            var ex = Assert.Throws<UpgradePlanException>(() => builder.Build(Aws(), null, state));
            Assert.Equal(ErrorKind.ClusterNotFips, ex.Kind);
            Assert.Contains("KubeletVersion node/worker-2", ex.Message);

            var compliant = new ClusterComplianceReport("fips-1", "v1.22.8+fips.0", "3.4.13+fips.0", 1, new[] { new CheckResult("KubeletVersion", CheckStatus.Passed, "ok", "node/a") });
            Assert.Equal(2, builder.Build(Aws(), null, compliant).Steps.Count);
        }

        [Fact]
        public void NeedsTheCurrentVersionAndTheNodePoolsFromSomewhere()
        {
            Assert.Equal(ErrorKind.CurrentVersionUnknown, Refused(Aws("1.23", null)));
            Assert.Equal(ErrorKind.CurrentVersionUnknown, Refused(Aws("1.23", "1.22")));
            var request = Aws();
            request.NodePools = null;
            Assert.Equal(ErrorKind.NodePoolsUnknown, Refused(request));
            Assert.Equal(ErrorKind.InvalidNodePoolName, Refused(Aws("1.23", "v1.22.8+fips.0", "Bad_Pool")));
        }

        [Fact]
        public void ReusesTheClusterCreationRulesForNameProviderAndMachineImage()
        {
            var noAmi = Aws();
            noAmi.Spec.AmiId = null;
            Assert.Equal(ErrorKind.MachineImageRequired, Assert.Throws<ClusterPlanException>(() => builder.Build(noAmi)).Kind);
            var badAmi = Aws();
            badAmi.Spec.AmiId = "ami-xyz";
            Assert.Equal(ErrorKind.InvalidAmiId, Assert.Throws<ClusterPlanException>(() => builder.Build(badAmi)).Kind);
            var azure = Aws();
            azure.Spec.Provider = "azure";
            Assert.Equal(ErrorKind.ProviderNotFipsCapable, Assert.Throws<ClusterPlanException>(() => builder.Build(azure)).Kind);
            var name = Aws();
            name.Spec.ClusterName = "Fips_1";
            Assert.Equal(ErrorKind.InvalidClusterName, Assert.Throws<ClusterPlanException>(() => builder.Build(name)).Kind);
            var pre = Aws();
            pre.Spec.Provider = "preprovisioned";
            pre.Spec.AmiId = null;
            Assert.Equal(ErrorKind.ProviderNotUpgradable, Refused(pre));
        }

        [Fact]
        public void AwsCredentialsStayInTheEnvironmentAndAreNeverShown()
        {
            const string canary = "CANARY-secret-7f3a9";
            var request = Aws();
            request.Environment = new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "AKIA", ["AWS_SECRET_ACCESS_KEY"] = canary };
            var plan = builder.Build(request);
            Assert.All(plan.Steps, s => Assert.DoesNotContain(s.Command.DisplayArguments, a => a.Contains(canary)));
            Assert.Equal("line ***", plan.Steps[0].Command.Masker.Apply("line " + canary));
        }

        [Fact]
        public void KubeProxyLeftBehindIsFoundAndTheFixNamesTheNewFipsImage()
        {
            var target = FipsVersion.Parse("v1.22.8+fips.0");
            PodInfo Proxy(string name, string tag) => new PodInfo(name, "n", new Dictionary<string, string> { ["k8s-app"] = "kube-proxy" }, new[] { new ContainerInfo("kube-proxy", "docker.io/mesosphere/kube-proxy:" + tag) });
            var state = new WorkloadClusterState("c", "v1.22.8+fips.0", Array.Empty<NodeInfo>(), new[] { Proxy("kube-proxy-a", "v1.21.6_fips.0"), Proxy("kube-proxy-b", "v1.22.8_fips.0") }, 1);
            var left = KubeProxyRepair.LeftBehind(state, target, "docker.io/mesosphere");
            Assert.Equal("pod/kube-proxy-a", Assert.Single(left).Target);

            var current = new WorkloadClusterState("c", "v1.22.8+fips.0", Array.Empty<NodeInfo>(), new[] { Proxy("kube-proxy-b", "v1.22.8_fips.0") }, 1);
            Assert.Empty(KubeProxyRepair.LeftBehind(current, target, "docker.io/mesosphere"));

            var fix = KubeProxyRepair.Command("kubectl", target, "registry.example.internal:5000/mesosphere", "/k/conf", null);
            Assert.Equal(new[] { "set", "image", "daemonset/kube-proxy", "kube-proxy=registry.example.internal:5000/mesosphere/kube-proxy:v1.22.8_fips.0", "--namespace=kube-system", "--kubeconfig=/k/conf" }, fix.DisplayArguments);
        }
    }
}
