using System.Text;
using DkpFips.Core.Errors;
using DkpFips.Core.Registry;
using Xunit;

namespace DkpFips.Core.Tests.Registry
{
    public sealed class ManifestDocumentTests
    {
        private const string Layer = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
        private const string Config = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

        [Fact]
        public void An_image_manifest_keeps_its_exact_bytes_and_lists_config_then_layers()
        {
            // Odd spacing on purpose: the bytes, not a re-serialization, are what gets copied.
            var text = "{ \"schemaVersion\":2,  \"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\n" +
                "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"" + Config + "\",\"size\":7}," +
                "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"digest\":\"" + Layer + "\",\"size\":12345678901}]}";
            var bytes = Encoding.UTF8.GetBytes(text);
            var manifest = ManifestDocument.Read(bytes, ManifestMediaTypes.DockerManifest, "test");
            Assert.Same(bytes, manifest.Content);
            Assert.Equal(Digests.Sha256(bytes), manifest.Digest);
            Assert.False(manifest.IsIndex);
            Assert.Equal(new[] { Config, Layer }, new[] { manifest.Blobs[0].Digest, manifest.Blobs[1].Digest });
            Assert.Equal(12345678901L, manifest.Blobs[1].Size);
        }

        [Fact]
        public void An_index_lists_its_platforms_and_takes_its_type_from_the_document_when_the_server_gives_none()
        {
            var text = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" +
                "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + Layer + "\",\"size\":10,\"platform\":{\"os\":\"linux\",\"architecture\":\"arm\",\"variant\":\"v7\"}}]}";
            var index = ManifestDocument.Read(Encoding.UTF8.GetBytes(text), null, "test");
            Assert.True(index.IsIndex);
            Assert.Equal(ManifestMediaTypes.OciIndex, index.MediaType);
            Assert.Equal("linux/arm/v7", Assert.Single(index.Manifests).Platform);
        }

        [Theory]
        [InlineData("not json", "not valid JSON")]
        [InlineData("[1,2]", "not a JSON object")]
        [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}", "no config descriptor")]
        [InlineData("{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"digest\":\"sha256:abc\",\"size\":1}]}", "is not a sha256 digest")]
        [InlineData("{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"digest\":\"" + Layer + "\"}]}", "lacks its digest or size")]
        public void A_document_that_is_not_a_manifest_is_a_specific_error(string text, string expected)
        {
            var ex = Assert.Throws<RegistryTransferException>(() => ManifestDocument.Read(Encoding.UTF8.GetBytes(text), null, "The manifest of x"));
            Assert.Contains(expected, ex.Message);
            Assert.StartsWith("The manifest of x", ex.Message);
        }

        [Fact]
        public void A_media_type_that_is_no_manifest_is_refused()
        {
            var ex = Assert.Throws<RegistryTransferException>(() => ManifestDocument.Read(Encoding.UTF8.GetBytes("{}"), "application/vnd.docker.distribution.manifest.v1+prettyjws", "m"));
            Assert.Contains("is not an OCI or Docker v2 manifest", ex.Message);
        }
    }

    public sealed class OciLayoutTests
    {
        [Theory]
        [InlineData("docker.io/mesosphere/kube-apiserver:v1.23.7_fips.0", "kube-apiserver", "v1.23.7_fips.0")]
        [InlineData("registry.example.internal:5000/a/b/etcd:v3.4.13_fips", "etcd", "v3.4.13_fips")]
        public void A_reference_splits_into_image_name_and_tag(string reference, string name, string tag)
        {
            Assert.Equal((name, tag), OciLayout.SplitReference(reference));
        }

        [Theory]
        [InlineData("registry.example.internal:5000/mesosphere/etcd")]
        [InlineData("docker.io/mesosphere/etcd:")]
        public void A_reference_without_a_tag_is_an_invalid_archive(string reference)
        {
            Assert.Equal(ErrorKind.ImageArchiveInvalid, Assert.Throws<RegistryTransferException>(() => OciLayout.SplitReference(reference)).Kind);
        }

        [Fact]
        public void The_index_round_trips_with_ref_name_annotations()
        {
            var descriptor = new Descriptor(ManifestMediaTypes.OciManifest, "sha256:" + new string('a', 64), 42);
            var bytes = OciLayout.WriteIndex(new[] { (descriptor, "docker.io/mesosphere/pause:3.6") });
            var (read, reference) = Assert.Single(OciLayout.ReadIndex(bytes));
            Assert.Equal(descriptor.Digest, read.Digest);
            Assert.Equal(42, read.Size);
            Assert.Equal("docker.io/mesosphere/pause:3.6", reference);
        }

        [Fact]
        public void An_index_entry_without_a_reference_is_an_invalid_archive()
        {
            var text = "{\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + new string('a', 64) + "\",\"size\":1}]}";
            var ex = Assert.Throws<RegistryTransferException>(() => OciLayout.ReadIndex(Encoding.UTF8.GetBytes(text)));
            Assert.Equal(ErrorKind.ImageArchiveInvalid, ex.Kind);
            Assert.Contains("org.opencontainers.image.ref.name", ex.Message);
        }

        [Theory]
        [InlineData("[]")]
        [InlineData("\"index\"")]
        [InlineData("{\"manifests\":{}}")]
        public void An_index_json_that_is_not_an_object_with_a_manifests_list_is_an_invalid_archive(string text)
        {
            var ex = Assert.Throws<RegistryTransferException>(() => OciLayout.ReadIndex(Encoding.UTF8.GetBytes(text)));
            Assert.Equal(ErrorKind.ImageArchiveInvalid, ex.Kind);
            Assert.Contains("no manifests list", ex.Message);
        }
    }
}
