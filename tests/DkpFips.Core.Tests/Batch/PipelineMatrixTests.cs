using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Batch;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using Xunit;

namespace DkpFips.Core.Tests.Batch
{
    public class PipelineMatrixTests
    {
        [Theory]
        [InlineData("fips-east-1", "fips_east_1")]
        [InlineData("1st-cluster", "c_1st_cluster")]
        [InlineData("a", "a")]
        public void Leg_names_are_valid_matrix_names(string cluster, string leg)
        {
            var name = new MatrixLegName().Next(cluster);

            Assert.Equal(leg, name);
            Assert.True(MatrixLegName.IsValid(name));
        }

        [Fact]
        public void Colliding_leg_names_get_deterministic_suffixes()
        {
            var names = new MatrixLegName();

            var legs = new[] { "a-b", "a_b", "a-b-2", "A_B" }.Select(names.Next).ToArray();

            Assert.Equal(new[] { "a_b", "a_b_2", "a_b_2_2", "A_B_3" }, legs);
            Assert.Equal(legs.Length, legs.Select(l => l.ToLowerInvariant()).Distinct().Count());
        }

        [Fact]
        public void Long_names_stay_within_100_characters_even_with_a_suffix()
        {
            var names = new MatrixLegName();
            var first = names.Next(new string('x', 120));
            var second = names.Next(new string('x', 130));

            Assert.Equal(100, first.Length);
            Assert.Equal(100, second.Length);
            Assert.EndsWith("_2", second);
            Assert.True(MatrixLegName.IsValid(second));
        }

        [Theory]
        [InlineData("_a", false)]
        [InlineData("9a", false)]
        [InlineData("a-b", false)]
        [InlineData("", false)]
        [InlineData("Ab_9", true)]
        public void Validity_follows_the_azure_pipelines_rule(string name, bool valid)
        {
            Assert.Equal(valid, MatrixLegName.IsValid(name));
        }

        [Fact]
        public void Json_is_compact_ordered_and_carries_only_given_fields()
        {
            var matrix = StrategyMatrix.Build(new[]
            {
                new ClusterOptions { ClusterName = "fips-a", Provider = "aws", KubernetesVersion = "1.23", AmiId = "ami-0123456789abcdef0", ArgumentList = new[] { "--x=\"q\"", "a;b" } },
                new ClusterOptions { ClusterName = "fips-b", Provider = "vsphere", VmTemplate = "t", Region = "" },
            }, maxParallel: 2);

            Assert.Equal(2, matrix.MaxParallel);
            Assert.Equal(
                "{\"fips_a\":{\"DKPFIPS_CLUSTERNAME\":\"fips-a\",\"DKPFIPS_PROVIDER\":\"aws\",\"DKPFIPS_KUBERNETESVERSION\":\"1.23\",\"DKPFIPS_AMIID\":\"ami-0123456789abcdef0\",\"DKPFIPS_ARGUMENTLIST\":\"[\\\"--x=\\\\\\\"q\\\\\\\"\\\",\\\"a;b\\\"]\"},"
                + "\"fips_b\":{\"DKPFIPS_CLUSTERNAME\":\"fips-b\",\"DKPFIPS_PROVIDER\":\"vsphere\",\"DKPFIPS_VMTEMPLATE\":\"t\"}}",
                matrix.ToJson());
        }

        [Fact]
        public void Only_a_forced_spec_marks_its_leg_and_an_equal_spec_is_not_forced()
        {
            var forced = new ClusterOptions { ClusterName = "fips-a", Provider = "vsphere", VmTemplate = "t" };
            var twin = new ClusterOptions { ClusterName = "fips-b", Provider = "vsphere", VmTemplate = "t" };

            var matrix = StrategyMatrix.Build(new[] { forced, twin }, 0, new HashSet<ClusterOptions> { forced });

            Assert.Contains(new KeyValuePair<string, string>(StrategyMatrix.ForceVariable, "true"), matrix.Legs[0].Variables);
            Assert.DoesNotContain(matrix.Legs[1].Variables, v => v.Key == StrategyMatrix.ForceVariable);
            Assert.DoesNotContain(StrategyMatrix.Build(new[] { forced }, 0).Legs[0].Variables, v => v.Key == StrategyMatrix.ForceVariable);
        }

        [Fact]
        public void The_batch_planner_refuses_a_second_cluster_of_the_same_name()
        {
            var planner = new ClusterBatchPlanner(new ClusterPlanBuilder(FipsCatalog.BuiltIn));
            var spec = new ClusterOptions { ClusterName = "a", AmiId = "ami-0123456789abcdef0", KubernetesVersion = "1.23" };

            planner.Plan(new ClusterCreateRequest(spec));
            var ex = Assert.Throws<ClusterPlanException>(() => planner.Plan(new ClusterCreateRequest(spec)));

            Assert.Equal(ErrorKind.DuplicateClusterName, ex.Kind);
            Assert.True(planner.IsDuplicate("a"));
            Assert.False(planner.IsDuplicate("b"));
        }
    }
}
