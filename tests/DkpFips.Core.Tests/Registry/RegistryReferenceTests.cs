using DkpFips.Core.Registry;
using Xunit;

namespace DkpFips.Core.Tests.Registry
{
    public sealed class RegistryReferenceTests
    {
        [Theory]
        [InlineData("docker.io/mesosphere", "docker.io", null, "mesosphere", "https://registry-1.docker.io/")]
        [InlineData("registry.example.internal:5000/mirror/mesosphere", "registry.example.internal", 5000, "mirror/mesosphere", "https://registry.example.internal:5000/")]
        [InlineData("127.0.0.1:5000", "127.0.0.1", 5000, "", "http://127.0.0.1:5000/")]
        [InlineData("localhost:5000/mesosphere/", "localhost", 5000, "mesosphere", "http://localhost:5000/")]
        [InlineData("[::1]:5000/m", "[::1]", 5000, "m", "http://[::1]:5000/")]
        [InlineData("https://127.0.0.1:8443/m", "127.0.0.1", 8443, "m", "https://127.0.0.1:8443/")]
        [InlineData("http://mirror.local/m", "mirror.local", null, "m", "http://mirror.local/")]
        [InlineData("quay.io/my_org/sub-path.x", "quay.io", null, "my_org/sub-path.x", "https://quay.io/")]
        public void Parses_host_port_and_path(string text, string host, int? port, string path, string baseUri)
        {
            var reference = RegistryReference.Parse(text);
            Assert.Equal(host, reference.Host);
            Assert.Equal(port, reference.Port);
            Assert.Equal(path, reference.Path);
            Assert.Equal(baseUri, reference.BaseUri.AbsoluteUri);
        }

        [Fact]
        public void Docker_hub_is_served_by_registry_1_and_keeps_its_name_in_references()
        {
            var reference = RegistryReference.Parse("docker.io/mesosphere");
            Assert.Equal("registry-1.docker.io", reference.ApiHost);
            Assert.Equal("docker.io/mesosphere", reference.ToString());
            Assert.Equal("mesosphere/kube-apiserver", reference.RepositoryOf("kube-apiserver"));
            var image = new ImageLocation(reference, reference.RepositoryOf("etcd"), "v3.4.13_fips.0");
            Assert.Equal("docker.io/mesosphere/etcd:v3.4.13_fips.0", image.Reference);
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("   ", "empty")]
        [InlineData("ftp://host/x", "scheme")]
        [InlineData("host:0/x", "port")]
        [InlineData("host:70000", "port")]
        [InlineData("host:abc", "port")]
        [InlineData("host:/x", "port")]
        [InlineData("-bad-.com/x", "host name")]
        [InlineData("host/UpperCase", "path component")]
        [InlineData("host//x", "path component")]
        [InlineData("host/x?y=1", "character")]
        [InlineData("exa mple.com", "character")]
        [InlineData("[zz::1]:5000", "IPv6")]
        [InlineData("/mesosphere", "no host")]
        public void Refuses_malformed_references_with_a_specific_reason(string text, string reason)
        {
            var ex = Assert.Throws<RegistryReferenceFormatException>(() => RegistryReference.Parse(text));
            Assert.Contains(reason, ex.Message);
            Assert.False(RegistryReference.TryParse(text, out _));
        }

        [Fact]
        public void Refuses_credentials_in_the_reference_without_echoing_them()
        {
            var ex = Assert.Throws<RegistryReferenceFormatException>(() => RegistryReference.Parse("https://bob:CANARY-in-url@mirror.local/m"));
            Assert.DoesNotContain("CANARY-in-url", ex.Message);
            Assert.DoesNotContain("CANARY-in-url", ex.Text);
            Assert.Contains("-Credential", ex.Message);
        }

        [Theory]
        [InlineData("localhost", true)]
        [InlineData("127.0.0.1", true)]
        [InlineData("127.1.2.3", true)]
        [InlineData("[::1]", true)]
        [InlineData("10.0.0.1", false)]
        [InlineData("registry.local", false)]
        public void Knows_loopback_hosts(string host, bool loopback) => Assert.Equal(loopback, RegistryReference.IsLoopbackHost(host));
    }
}
