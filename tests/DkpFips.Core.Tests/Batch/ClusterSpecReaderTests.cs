using System;
using System.IO;
using System.Linq;
using DkpFips.Core.Batch;
using DkpFips.Core.Cluster;
using Xunit;

namespace DkpFips.Core.Tests.Batch
{
    public class ClusterSpecReaderTests
    {
        private const string Origin = "clusters.yaml";

        private static ClusterSpecFileException Fails(string yaml) =>
            Assert.Throws<ClusterSpecFileException>(() => ClusterSpecReader.Read(new StringReader(yaml), Origin));

        private static ClusterOptions[] Read(string yaml) => ClusterSpecReader.Read(new StringReader(yaml), Origin).ToArray();

        [Fact]
        public void Reads_every_field_of_each_cluster_in_file_order()
        {
            var specs = Read(@"clusters:
  - name: fips-east
    provider: aws
    kubernetesVersion: 1.30
    etcdVersion: 3.5.15+fips.0
    amiId: ami-0123456789abcdef0
    region: us-east-1
    imageRepository: mirror.example/mesosphere
    managementKubeconfig: ./management.conf
    namespace: fleet
    registryMirrorUrl: https://mirror.example
    argumentList: [--control-plane-replicas=3, --worker-replicas=4]
    dkpPath: /opt/dkp/dkp
  - name: fips-lab
    provider: vsphere
    kubernetesVersion: '1.23'
    vmTemplate: rhel-8-fips
");

            Assert.Equal(2, specs.Length);
            var east = specs[0];
            Assert.Equal("fips-east", east.ClusterName);
            Assert.Equal("aws", east.Provider);
            Assert.Equal("1.30", east.KubernetesVersion); // as written: YAML keeps the trailing zero
            Assert.Equal("3.5.15+fips.0", east.EtcdVersion);
            Assert.Equal("ami-0123456789abcdef0", east.AmiId);
            Assert.Equal("us-east-1", east.Region);
            Assert.Equal("mirror.example/mesosphere", east.ImageRepository);
            Assert.Equal("./management.conf", east.ManagementKubeconfig);
            Assert.Equal("fleet", east.Namespace);
            Assert.Equal("https://mirror.example", east.RegistryMirrorUrl);
            Assert.Equal(new[] { "--control-plane-replicas=3", "--worker-replicas=4" }, east.ArgumentList);
            Assert.Equal("/opt/dkp/dkp", east.DkpPath);
            Assert.Equal(Origin, east.SourcePath);
            Assert.Equal(2, east.SourceLine);
            Assert.Equal("rhel-8-fips", specs[1].VmTemplate);
            Assert.Null(specs[1].AmiId);
            Assert.Empty(specs[1].ArgumentList);
            Assert.Equal(14, specs[1].SourceLine);
        }

        [Fact]
        public void Cluster_values_override_defaults_and_null_clears_one()
        {
            var specs = Read(@"defaults:
  provider: aws
  kubernetesVersion: '1.23'
  region: us-west-2
  argumentList: [--dry-run-is-not-this]
clusters:
  - name: a
    amiId: ami-0123456789abcdef0
  - name: b
    region: eu-central-1
    amiId: ami-0123456789abcdef1
    argumentList: [--worker-replicas=2]
  - name: c
    provider: vsphere
    region: ~
    amiId:
    vmTemplate: rhel-fips
    argumentList: []
");

            Assert.Equal(new[] { "aws", "aws", "vsphere" }, specs.Select(s => s.Provider));
            Assert.Equal(new[] { "1.23", "1.23", "1.23" }, specs.Select(s => s.KubernetesVersion));
            Assert.Equal(new[] { "us-west-2", "eu-central-1", null }, specs.Select(s => s.Region));
            Assert.Equal(new[] { "--dry-run-is-not-this" }, specs[0].ArgumentList);
            Assert.Equal(new[] { "--worker-replicas=2" }, specs[1].ArgumentList);
            Assert.Empty(specs[2].ArgumentList);
            Assert.Null(specs[2].AmiId);
        }

        [Fact]
        public void Keys_are_the_parameter_names_or_aliases_in_any_case()
        {
            var spec = Read("clusters:\n- ClusterName: a\n  IMAGEID: ami-0123456789abcdef0\n  KubernetesVersion: '1.23'\n").Single();

            Assert.Equal("a", spec.ClusterName);
            Assert.Equal("ami-0123456789abcdef0", spec.AmiId);
        }

        [Fact]
        public void A_quoted_null_is_text_not_null()
        {
            Assert.Equal("null", Read("clusters:\n- name: a\n  namespace: 'null'\n").Single().Namespace);
        }

        [Fact]
        public void Bad_yaml_names_the_file_line_and_column()
        {
            var ex = Fails("clusters:\n  - name: a\n    provider: [aws\n");

            Assert.Equal(Origin, ex.Path);
            Assert.True(ex.Line >= 3, $"line {ex.Line}");
            Assert.True(ex.Column > 0);
            Assert.StartsWith($"{Origin}({ex.Line},{ex.Column}): the file is not valid YAML", ex.Message);
        }

        [Fact]
        public void An_unknown_key_is_an_error_at_the_key()
        {
            var ex = Fails("clusters:\n  - name: a\n    kubernetesVersoin: '1.23'\n");

            Assert.Equal(3, ex.Line);
            Assert.Equal(5, ex.Column);
            Assert.Contains("unknown key 'kubernetesVersoin'", ex.Problem);
            Assert.Contains("kubernetesVersion", ex.Problem);
        }

        [Fact]
        public void An_unknown_key_in_defaults_and_at_the_top_is_an_error()
        {
            Assert.Equal(2, Fails("defaults:\n  colour: blue\nclusters:\n- name: a\n").Line);
            var top = Fails("clusters:\n- name: a\ncluster:\n- name: b\n");
            Assert.Equal(3, top.Line);
            Assert.Contains("unknown top-level key 'cluster'", top.Problem);
        }

        [Theory]
        [InlineData("awsCredential", "credentials never go in a spec file")]
        [InlineData("RegistryMirrorCredential", "credentials never go in a spec file")]
        [InlineData("sessionToken", "credentials never go in a spec file")]
        [InlineData("SESSIONTOKEN", "credentials never go in a spec file")]
        [InlineData("profileName", "give -ProfileName to the cmdlet on the agent")]
        [InlineData("throttleLimit", "an option of the run")]
        [InlineData("kubeconfig", "is now the key 'managementKubeconfig'")]
        public void Parameters_that_are_not_spec_fields_are_refused_with_the_reason(string key, string reason)
        {
            var ex = Fails($"clusters:\n- name: a\n  {key}: x\n");

            Assert.Equal(3, ex.Line);
            Assert.Contains(reason, ex.Problem);
        }

        [Fact]
        public void Duplicate_cluster_names_are_an_error_at_the_second_one()
        {
            var ex = Fails("clusters:\n- name: a\n- name: b\n- name: ' a'\n");

            Assert.Equal(4, ex.Line);
            Assert.Contains("'a' is listed twice (first at line 2)", ex.Problem);
        }

        [Fact]
        public void A_field_given_twice_in_one_entry_is_an_error()
        {
            var ex = Fails("clusters:\n- name: a\n  clusterName: b\n");

            Assert.Equal(3, ex.Line);
            Assert.Contains("sets ClusterName a second time", ex.Problem);
        }

        [Fact]
        public void A_cluster_without_a_name_and_a_name_in_defaults_are_errors()
        {
            Assert.Contains("has no name", Fails("clusters:\n- provider: aws\n").Problem);
            Assert.Contains("cannot hold a name", Fails("defaults:\n  name: x\nclusters:\n- name: a\n").Problem);
        }

        [Theory]
        [InlineData("")]
        [InlineData("# only a comment\n")]
        [InlineData("   \n\n")]
        public void An_empty_file_is_an_error(string yaml)
        {
            var ex = Fails(yaml);

            Assert.Equal(1, ex.Line);
            Assert.Contains("the file is empty", ex.Problem);
        }

        [Theory]
        [InlineData("defaults:\n  provider: aws\n", "missing 'clusters'")]
        [InlineData("clusters: []\n", "lists no clusters")]
        [InlineData("clusters:\n  name: a\n", "'clusters' must be a list")]
        [InlineData("- name: a\n", "top level must be a mapping")]
        [InlineData("clusters:\n- name: a\n---\nclusters:\n- name: b\n", "expected one YAML document")]
        [InlineData("schemaVersion: 2\nclusters:\n- name: a\n", "schemaVersion 2 is not supported")]
        [InlineData("clusters:\n- name: a\n  region: [a, b]\n", "must be a single value")]
        public void Structural_problems_are_errors(string yaml, string problem)
        {
            var ex = Fails(yaml);

            Assert.Contains(problem, ex.Problem);
            Assert.True(ex.Line > 0);
        }

        [Fact]
        public void A_missing_file_is_marked_as_missing()
        {
            var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".yaml");

            var ex = Assert.Throws<ClusterSpecFileException>(() => ClusterSpecReader.ReadFile(path));

            Assert.True(ex.IsMissingFile);
            Assert.Equal(path, ex.Path);
        }

        [Fact]
        public void Every_field_has_a_distinct_variable_named_after_it()
        {
            var variables = ClusterSpecField.All.Select(f => f.VariableName).ToArray();

            Assert.Equal(variables.Length, variables.Distinct().Count());
            Assert.Contains("DKPFIPS_CLUSTERNAME", variables);
            Assert.Contains("DKPFIPS_KUBERNETESVERSION", variables);
            Assert.All(ClusterSpecField.All, f => Assert.Equal("DKPFIPS_" + f.Name.ToUpperInvariant(), f.VariableName));
        }
    }
}
