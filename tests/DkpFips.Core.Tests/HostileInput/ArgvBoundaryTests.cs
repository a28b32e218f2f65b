using System.Collections.Generic;
using System.IO;
using System.Linq;
using DkpFips.Core.Batch;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.ImageBuilder;
using DkpFips.Core.Process;
using DkpFips.Core.Upgrade;
using Xunit;

namespace DkpFips.Core.Tests.HostileInput
{
    /// <summary>Findings 1, 9, 10 and issue 13 item 4: nothing reaches dkp that was not checked.</summary>
    public class ArgvBoundaryTests
    {
        private const string Ami = "ami-03dcaa75d45aca36f";
        private readonly ClusterPlanBuilder builder = new ClusterPlanBuilder(FipsCatalog.BuiltIn);

        private static ClusterCreateRequest Aws(params string[] extra) =>
            new ClusterCreateRequest { Spec = { ClusterName = "fips-1", Provider = "aws", KubernetesVersion = "1.23", AmiId = Ami, ArgumentList = extra } };

        private ClusterPlanException Refused(ClusterCreateRequest request) => Assert.Throws<ClusterPlanException>(() => builder.Build(request));

        [Theory]
        [InlineData("--kubernetes-version\0=ignored", "v1.22.0")]
        [InlineData("--etcd-version\0", "3.4.13")]
        [InlineData("--worker-replicas=3\n--kubernetes-version=v1.22.0")]
        [InlineData("--self-managed\r")]
        [InlineData("\n")]
        [InlineData("--x=\u001b[2J")]
        public void An_extra_argument_with_a_control_character_is_refused(params string[] extra)
        {
            var ex = Refused(Aws(extra));
            Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
            Assert.Contains("control character", ex.Message);
            Assert.DoesNotContain(ex.Message, c => c == (char)0);
        }

        [Fact]
        public void A_double_dash_is_a_specific_refusal_not_an_internal_error()
        {
            var ex = Refused(Aws("--", "--kubernetes-version=1.22.0"));
            Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
            Assert.Contains("'--'", ex.Message);
        }

        [Theory]
        [InlineData("--registry-mirror-url=b")]
        [InlineData("--registry-mirror-url", "b")]
        [InlineData("--REGISTRY-MIRROR-URL=b")]
        [InlineData("--registry-mirror-username=u")]
        [InlineData("--registry-mirror-password=p")]
        [InlineData("-n", "b")]
        [InlineData("-nb")]
        [InlineData("-n=b")]
        [InlineData("--namespace=b")]
        [InlineData("-o", "json")]
        [InlineData("--output=json")]
        [InlineData("-c", "other")]
        [InlineData("--cluster-name=other")]
        public void A_flag_a_parameter_owns_is_refused_in_long_and_short_form(params string[] extra)
        {
            var ex = Refused(Aws(extra));
            Assert.Equal(ErrorKind.ReservedArgument, ex.Kind);
            Assert.DoesNotContain("=p'", ex.Message);
        }

        [Fact]
        public void Harmless_extra_flags_still_pass_through()
        {
            var plan = builder.Build(Aws("--self-managed", "--worker-replicas=3", "--control-plane-instance-type", "m5.xlarge"));
            Assert.Equal(new[] { "--self-managed", "--worker-replicas=3", "--control-plane-instance-type", "m5.xlarge" }, plan.Command.DisplayArguments.Skip(plan.Command.DisplayArguments.Count - 4));
        }

        [Fact]
        public void A_parameter_value_with_a_control_character_is_refused_before_a_plan_exists()
        {
            var request = Aws();
            request.Spec.Namespace = "ns\0x";
            Assert.Equal(ErrorKind.InvalidArgument, Refused(request).Kind);
            request = Aws();
            request.Spec.RegistryMirrorUrl = "https://mirror.example\n--kubernetes-version=v1.22.0";
            Assert.Equal(ErrorKind.InvalidArgument, Refused(request).Kind);
        }

        [Fact]
        public void A_nul_in_a_cluster_name_is_an_invalid_cluster_name()
        {
            Assert.NotNull(ClusterName.Problem("fips\0x"));
            Assert.NotNull(ClusterName.Problem("\0"));
            var request = Aws();
            request.Spec.ClusterName = "fips\0x";
            var ex = Refused(request);
            Assert.Equal(ErrorKind.InvalidClusterName, ex.Kind);
            Assert.Contains("\\u0000", ex.Message);
            Assert.DoesNotContain(ex.Message, c => c == (char)0);
        }

        [Fact]
        public void A_nul_in_a_node_pool_name_refuses_the_whole_upgrade_before_any_step()
        {
            var request = new UpgradeRequest(new ClusterOptions { ClusterName = "fips-1", KubernetesVersion = "1.23", AmiId = Ami }) { CurrentVersion = "v1.22.8+fips.0", NodePools = new[] { "md-0\0-other" } };
            var ex = Assert.Throws<UpgradePlanException>(() => new UpgradePlanBuilder(FipsCatalog.BuiltIn).Build(request));
            Assert.Equal(ErrorKind.InvalidNodePoolName, ex.Kind);
        }

        [Fact]
        public void A_kib_value_with_a_control_character_is_refused()
        {
            var request = new KibBuildRequest { OperatingSystem = "rhel-8.4", Platform = "aws", KubernetesVersion = "1.23", Region = "us-west-2\0x" };
            var ex = Assert.Throws<KibException>(() => new KibPlanBuilder(FipsCatalog.BuiltIn).Build(request));
            Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        }

        [Fact]
        public void A_command_plan_never_carries_a_control_character()
        {
            Assert.Throws<System.InvalidOperationException>(() => new CommandPlan("dkp", new[] { "a\0b" }));
        }

        [Fact]
        public void A_spec_file_refuses_a_nul_in_an_argument_and_a_secret_flag_with_line_and_column()
        {
            var nul = Assert.Throws<ClusterSpecFileException>(() => ClusterSpecReader.Read(new StringReader("clusters:\n  - clusterName: a\n    argumentList: [\"--kubernetes-version\\0\", \"v1.22.0\"]\n"), "c.yaml"));
            Assert.Contains("control character", nul.Message);
            Assert.Contains("(3,", nul.Message);
            var secret = Assert.Throws<ClusterSpecFileException>(() => ClusterSpecReader.Read(new StringReader("clusters:\n  - clusterName: a\n    argumentList: [--registry-mirror-password=SpecFileSecret9]\n"), "c.yaml"));
            Assert.Contains("--registry-mirror-password", secret.Message);
            Assert.DoesNotContain("SpecFileSecret9", secret.Message);
            var url = Assert.Throws<ClusterSpecFileException>(() => ClusterSpecReader.Read(new StringReader("clusters:\n  - clusterName: a\n    registryMirrorUrl: https://u:SpecUrlPass@mirror.example\n"), "c.yaml"));
            Assert.DoesNotContain("SpecUrlPass", url.Message);
            var name = Assert.Throws<ClusterSpecFileException>(() => ClusterSpecReader.Read(new StringReader("clusters:\n  - clusterName: \"a\\0b\"\n"), "c.yaml"));
            Assert.Contains("control character", name.Message);
        }

        [Fact]
        public void A_matrix_refuses_secret_flags_and_url_passwords()
        {
            var flag = new ClusterOptions { ClusterName = "v-1", ArgumentList = new[] { "--registry-mirror-password", "MatrixSecret2" } };
            var ex = Assert.Throws<ClusterPlanException>(() => StrategyMatrix.RefuseSecrets(flag));
            Assert.Equal(ErrorKind.SecretNotAllowed, ex.Kind);
            Assert.DoesNotContain("MatrixSecret2", ex.Message);
            var url = new ClusterOptions { ClusterName = "v-2", RegistryMirrorUrl = "https://u:MirrorPass@mirror.example" };
            var urlEx = Assert.Throws<ClusterPlanException>(() => StrategyMatrix.RefuseSecrets(url));
            Assert.DoesNotContain("MirrorPass", urlEx.Message);
            StrategyMatrix.RefuseSecrets(new ClusterOptions { ClusterName = "v-3", ArgumentList = new[] { "--with-aws-bootstrap-credentials=true", "--self-managed" } });
        }
    }
}
