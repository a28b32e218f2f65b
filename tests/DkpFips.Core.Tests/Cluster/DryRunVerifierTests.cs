using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using Xunit;

namespace DkpFips.Core.Tests.Cluster
{
    public class DryRunVerifierTests
    {
        private static ClusterCreatePlan Plan() => new ClusterPlanBuilder(FipsCatalog.BuiltIn).Build(new ClusterCreateRequest
        {
            Spec = { ClusterName = "c1", Provider = "aws", KubernetesVersion = "1.23", AmiId = "ami-03dcaa75d45aca36f" }, DryRun = true,
        });

        internal static string Yaml(string version = "v1.23.7+fips.0", string repo = "docker.io/mesosphere", string etcdTag = "v3.4.13_fips.0", string mdVersion = "v1.23.7+fips.0", string ami = "ami-03dcaa75d45aca36f") => $@"apiVersion: controlplane.cluster.x-k8s.io/v1beta1
kind: KubeadmControlPlane
metadata:
  name: c1-control-plane
spec:
  version: {version}
  kubeadmConfigSpec:
    clusterConfiguration:
      imageRepository: {repo}
      etcd:
        local:
          imageRepository: docker.io/mesosphere
          imageTag: {etcdTag}
---
apiVersion: infrastructure.cluster.x-k8s.io/v1beta2
kind: AWSMachineTemplate
metadata:
  name: c1-md-0
spec:
  template:
    spec:
      ami:
        id: {ami}
---
apiVersion: cluster.x-k8s.io/v1beta1
kind: MachineDeployment
metadata:
  name: c1-md-0
spec:
  template:
    spec:
      version: {mdVersion}
";

        [Fact]
        public void PassesCorrectManifests()
        {
            var checks = DryRunVerifier.Verify(Yaml(), Plan());
            Assert.Equal(6, checks.Count);
            Assert.All(checks, c => Assert.True(c.Passed, c.ToString()));
        }

        [Theory]
        [InlineData("version", "KubeadmControlPlane", "spec.version")]
        [InlineData("repo", "KubeadmControlPlane", "spec.kubeadmConfigSpec.clusterConfiguration.imageRepository")]
        [InlineData("etcdTag", "KubeadmControlPlane", "spec.kubeadmConfigSpec.clusterConfiguration.etcd.local.imageTag")]
        [InlineData("mdVersion", "MachineDeployment", "spec.template.spec.version")]
        [InlineData("ami", "AWSMachineTemplate", "spec.template.spec.ami.id")]
        public void NamesTheObjectAndFieldOfAMismatch(string wrong, string kind, string field)
        {
            var yaml = wrong switch
            {
                "version" => Yaml(version: "v1.23.7"),
                "repo" => Yaml(repo: "registry.k8s.io"),
                "etcdTag" => Yaml(etcdTag: "3.4.13-0"),
                "mdVersion" => Yaml(mdVersion: "v1.23.7"),
                _ => Yaml(ami: "ami-0fffffff"),
            };
            var failed = Assert.Single(DryRunVerifier.Verify(yaml, Plan()), c => !c.Passed);
            Assert.Equal(kind, failed.Kind);
            Assert.Equal(field, failed.Field);
        }

        [Fact]
        public void OutputWithoutAControlPlaneOrUnparsableFails()
        {
            Assert.Contains(DryRunVerifier.Verify("kind: Cluster\n", Plan()), c => !c.Passed && c.Kind == "KubeadmControlPlane");
            Assert.Contains(DryRunVerifier.Verify("a: [unclosed\n", Plan()), c => !c.Passed && c.Field == "YAML");
        }
    }
}
