using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Errors;
using DkpFips.Core.Registry;
using DkpFips.TestRegistry;
using Xunit;

namespace DkpFips.Core.Tests.Registry
{
    /// <summary>The copier against a real CNCF distribution registry.</summary>
    [Collection(RealRegistryCollection.Name)]
    public sealed class ImageCopierTests
    {
        private readonly RealRegistryFixture registries;

        public ImageCopierTests(RealRegistryFixture registries)
        {
            this.registries = registries;
        }

        [Fact]
        public async Task Within_one_registry_blobs_are_mounted_from_the_source_repository_and_a_second_copy_is_skipped()
        {
            var registry = RegistryReference.Parse(registries.Open.Address);
            var from = new ImageLocation(registry, FipsScenario.Path + "/etcd", "v3.4.13_fips.0");
            var to = new ImageLocation(registry, "copier-test/etcd", "v3.4.13_fips.0");
            using var client = new RegistryClient(new RegistryClientOptions());
            var copier = new ImageCopier(client, client);

            var first = await copier.CopyAsync(from, to, CancellationToken.None);
            Assert.Equal(ImageCopyStatus.Copied, first.Status);
            Assert.Equal(registries.OpenDigests["etcd:v3.4.13_fips.0"], first.Digest);
            Assert.Equal(new[] { "linux/amd64", "linux/arm64" }, first.Platforms);
            Assert.Equal(0, first.BlobsCopied);
            Assert.True(first.BlobsMounted > 0);
            Assert.Equal(0, first.BytesCopied);
            Assert.Equal(first.Digest, await client.GetManifestDigestAsync(to, CancellationToken.None));

            var second = await new ImageCopier(client, client).CopyAsync(from, to, CancellationToken.None);
            Assert.Equal(ImageCopyStatus.Skipped, second.Status);
        }

        [Fact]
        public async Task A_missing_source_image_is_a_named_NotFound_failure_and_writes_nothing()
        {
            var registry = RegistryReference.Parse(registries.Open.Address);
            var from = new ImageLocation(registry, FipsScenario.Path + "/kube-scheduler", "v1.22.8_fips.0");
            var to = new ImageLocation(registry, "copier-missing/kube-scheduler", "v1.22.8_fips.0");
            using var client = new RegistryClient(new RegistryClientOptions());
            var result = await new ImageCopier(client, client).CopyAsync(from, to, CancellationToken.None);
            Assert.Equal(ImageCopyStatus.Failed, result.Status);
            Assert.Equal(ErrorKind.RegistryImageNotFound, result.Failure);
            Assert.Contains("kube-scheduler:v1.22.8_fips.0", result.Message);
            Assert.Null(await client.GetManifestDigestAsync(to, CancellationToken.None));
        }
    }
}
