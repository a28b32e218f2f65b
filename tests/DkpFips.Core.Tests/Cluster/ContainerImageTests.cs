using DkpFips.Core.Cluster;
using Xunit;

namespace DkpFips.Core.Tests.Cluster
{
    public class ContainerImageTests
    {
        [Theory]
        [InlineData("docker.io/mesosphere/kube-proxy:v1.23.7_fips.0", "docker.io/mesosphere", "kube-proxy", "v1.23.7_fips.0")]
        [InlineData("mesosphere/etcd:v3.4.13_fips.0", "docker.io/mesosphere", "etcd", "v3.4.13_fips.0")]
        [InlineData("index.docker.io/mesosphere/kube-apiserver:v1.24.4_fips.0", "docker.io/mesosphere", "kube-apiserver", "v1.24.4_fips.0")]
        [InlineData("registry.example.internal:5000/mesosphere/kube-scheduler:v1.23.7_fips.0", "registry.example.internal:5000/mesosphere", "kube-scheduler", "v1.23.7_fips.0")]
        [InlineData("k8s.gcr.io/etcd:3.5.1-0", "k8s.gcr.io", "etcd", "3.5.1-0")]
        [InlineData("localhost:5000/kube-proxy", "localhost:5000", "kube-proxy", null)]
        [InlineData("busybox", "docker.io/library", "busybox", null)]
        public void Splits_repository_name_and_tag(string reference, string repository, string name, string? tag)
        {
            var image = ContainerImage.Parse(reference);
            Assert.Equal(repository, image.Repository);
            Assert.Equal(name, image.Name);
            Assert.Equal(tag, image.Tag);
        }

        [Fact]
        public void Keeps_the_digest_apart_from_the_tag()
        {
            var image = ContainerImage.Parse("docker.io/mesosphere/etcd:v3.4.13_fips.0@sha256:0f3a2c1d");
            Assert.Equal("v3.4.13_fips.0", image.Tag);
            Assert.Equal("sha256:0f3a2c1d", image.Digest);
        }

        [Theory]
        [InlineData("docker.io/mesosphere", "mesosphere", true)]
        [InlineData("docker.io/mesosphere/", "registry-1.docker.io/mesosphere", true)]
        [InlineData("docker.io/mesosphere", "registry.k8s.io", false)]
        [InlineData("Registry.Example.Internal:5000/mesosphere", "registry.example.internal:5000/mesosphere", true)]
        public void Compares_repositories_in_their_normal_form(string left, string right, bool same)
        {
            Assert.Equal(same, ContainerImage.SameRepository(left, right));
        }

        [Theory]
        [InlineData("Red Hat Enterprise Linux 8.4 (Ootpa)", "Red Hat Enterprise Linux")]
        [InlineData("CentOS Linux 7 (Core)", "CentOS Linux 7")]
        [InlineData("Oracle Linux Server 8.9", "Oracle Linux")]
        [InlineData("Ubuntu 20.04.4 LTS", null)]
        [InlineData("Flatcar Container Linux by Kinvolk 3139.2.0", null)]
        [InlineData("Rocky Linux 8.6 (Green Obsidian)", null)]
        [InlineData("", null)]
        public void Knows_the_FIPS_operating_system_families(string osImage, string? family)
        {
            Assert.Equal(family, OperatingSystemFamily.FipsFamilyOf(osImage));
        }
    }
}
