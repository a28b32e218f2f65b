using System.IO;
using System.Linq;
using DkpFips.Core.Batch;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using Xunit;

namespace DkpFips.Core.Tests.Cluster
{
    /// <summary>
    /// The create request composes the cluster spec (one home for its fields) with the run
    /// options: every field of a spec file entry reaches dkp's argv without a copy in between.
    /// </summary>
    public class ClusterCreateRequestTests
    {
        private static ClusterOptions Entry() => ClusterSpecReader.Read(new StringReader(@"clusters:
  - name: fips-east
    provider: aws
    kubernetesVersion: '1.23'
    etcdVersion: 3.4.13+fips.0
    amiId: ami-0123456789abcdef0
    region: us-east-1
    imageRepository: mirror.example/mesosphere
    managementKubeconfig: /etc/dkp/management.conf
    namespace: fleet
    registryMirrorUrl: https://mirror.example
    argumentList: [--control-plane-replicas=3, --worker-replicas=4]
    dkpPath: /opt/dkp/dkp
"), "clusters.yaml").Single();

        [Fact]
        public void Every_field_of_a_spec_entry_reaches_the_create_argv()
        {
            var plan = new ClusterPlanBuilder(FipsCatalog.BuiltIn).Build(new ClusterCreateRequest(Entry()) { Executable = "/opt/dkp/dkp" });

            Assert.Equal(new[]
            {
                "create", "cluster", "aws",
                "--cluster-name=fips-east",
                "--kubernetes-version=v1.23.7+fips.0",
                "--etcd-version=3.4.13+fips.0",
                "--kubernetes-image-repository=mirror.example/mesosphere",
                "--etcd-image-repository=mirror.example/mesosphere",
                "--ami=ami-0123456789abcdef0",
                "--region=us-east-1",
                "--namespace=fleet",
                "--kubeconfig=/etc/dkp/management.conf",
                "--registry-mirror-url=https://mirror.example",
                "--control-plane-replicas=3",
                "--worker-replicas=4",
            }, plan.Command.DisplayArguments);
            Assert.Equal("/opt/dkp/dkp", plan.Command.Executable);
        }

        [Fact]
        public void The_run_options_stay_with_the_request_and_leave_the_spec_unchanged()
        {
            var spec = Entry();
            var request = new ClusterCreateRequest(spec) { RegistryMirrorUsername = "robot", RegistryMirrorPassword = "pw-canary", DryRun = true };

            var plan = new ClusterPlanBuilder(FipsCatalog.BuiltIn).Build(request);

            Assert.Same(spec, request.Spec);
            Assert.Contains("--registry-mirror-username=robot", plan.Command.DisplayArguments);
            Assert.Contains("--dry-run", plan.Command.DisplayArguments);
            Assert.DoesNotContain(plan.Command.DisplayArguments, a => a.Contains("pw-canary"));
            Assert.Equal("fips-east", spec.ClusterName);
            Assert.Equal(new[] { "--control-plane-replicas=3", "--worker-replicas=4" }, spec.ArgumentList);
        }

        [Fact]
        public void A_request_without_a_spec_is_refused()
        {
            Assert.Throws<System.ArgumentNullException>(() => new ClusterCreateRequest(null!));
        }
    }
}
