using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Catalog;
using DkpFips.Core.Registry;
using DkpFips.TestRegistry;
using Xunit;

namespace DkpFips.Core.Tests.Registry
{
    /// <summary>The client and the build checker against real CNCF distribution registries.</summary>
    [Collection(RealRegistryCollection.Name)]
    public sealed class RealRegistryClientTests
    {
        private readonly RealRegistryFixture registries;

        public RealRegistryClientTests(RealRegistryFixture registries)
        {
            this.registries = registries;
        }

        private static FipsBuildDefinition Build(string dkp) => FipsCatalog.BuiltIn.Builds.Single(b => b.DkpVersion == dkp);

        private RegistryReference Mirror(LocalRegistry registry) => RegistryReference.Parse(registry.Address + "/" + FipsScenario.Path);

        private static async Task<BuildRegistryCheck> CheckAsync(RegistryReference mirror, string dkp, bool upstream = false, RegistryCredential? credential = null)
        {
            using var client = new RegistryClient(new RegistryClientOptions { Credential = credential });
            return (await new FipsBuildRegistryChecker(client).CheckAsync(new[] { Build(dkp) }, mirror, upstream, CancellationToken.None)).Single();
        }

        [Fact]
        public async Task A_complete_build_is_present_with_the_digests_the_registry_stored()
        {
            var check = await CheckAsync(Mirror(registries.Open), "2.3", upstream: true);
            Assert.True(check.IsComplete);
            Assert.Equal(7, check.Images.Count);
            Assert.All(check.Images, i => Assert.Equal(ImageCheckStatus.Present, i.Result.Status));
            foreach (var image in check.Images)
            {
                Assert.Equal(registries.OpenDigests[image.Image.Name + ":" + image.Image.Tag], image.Result.Digest);
            }

            var scheduler = check.Images.Single(i => i.Image.Name == "kube-scheduler").Result;
            Assert.Equal(ManifestMediaTypes.OciManifest, scheduler.MediaType);
            Assert.Null(scheduler.HasLinuxAmd64);
            var etcd = check.Images.Single(i => i.Image.Name == "etcd").Result;
            Assert.Equal(ManifestMediaTypes.OciIndex, etcd.MediaType);
            Assert.Equal(new[] { "linux/amd64", "linux/arm64" }, etcd.Platforms);
            Assert.True(etcd.HasLinuxAmd64);
        }

        [Fact]
        public async Task A_build_with_one_image_missing_lists_it_first()
        {
            var check = await CheckAsync(Mirror(registries.Open), "2.2");
            Assert.False(check.IsComplete);
            Assert.Equal("kube-scheduler", check.Images[0].Image.Name);
            Assert.Equal(ImageCheckStatus.Missing, check.Images[0].Result.Status);
            Assert.Null(check.Images[0].Result.Digest);
            Assert.All(check.Images.Skip(1), i => Assert.Equal(ImageCheckStatus.Present, i.Result.Status));
        }

        [Fact]
        public async Task An_index_without_linux_amd64_is_platform_missing()
        {
            var check = await CheckAsync(Mirror(registries.Open), "2.4");
            Assert.False(check.IsComplete);
            var proxy = check.Images[0];
            Assert.Equal("kube-proxy", proxy.Image.Name);
            Assert.Equal(ImageCheckStatus.PlatformMissing, proxy.Result.Status);
            Assert.Equal(ManifestMediaTypes.DockerManifestList, proxy.Result.MediaType);
            Assert.Equal(new[] { "linux/arm64", "linux/ppc64le" }, proxy.Result.Platforms);
            Assert.False(proxy.Result.HasLinuxAmd64);
            Assert.Equal(registries.OpenDigests["kube-proxy:v1.24.6_fips.0"], proxy.Result.Digest);
        }

        [Fact]
        public async Task Basic_auth_with_the_right_credential_sees_the_build()
        {
            var check = await CheckAsync(Mirror(registries.Auth), "2.3", upstream: true, credential: new RegistryCredential(RealRegistryFixture.User, RealRegistryFixture.Password));
            Assert.True(check.IsComplete);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task A_wrong_or_missing_credential_is_unauthorized_and_never_echoed(bool withCredential)
        {
            var credential = withCredential ? new RegistryCredential(RealRegistryFixture.User, "CANARY-wrong-91c2") : null;
            var check = await CheckAsync(Mirror(registries.Auth), "2.3", credential: credential);
            Assert.False(check.IsComplete);
            Assert.All(check.Images, i => Assert.Equal(ImageCheckStatus.Unauthorized, i.Result.Status));
            var text = string.Join("\n", check.Images.Select(i => i.Result.Message + " " + i.Result));
            Assert.DoesNotContain("CANARY", text);
            Assert.Contains(withCredential ? "refused the given credential" : "requires credentials", text);
        }

        [Fact]
        public async Task Shared_images_of_several_builds_are_requested_once()
        {
            using var client = new RegistryClient(new RegistryClientOptions { MaxConcurrency = 3 });
            var builds = new[] { Build("2.1"), Build("2.2"), Build("2.3"), Build("2.4") };
            var checks = await new FipsBuildRegistryChecker(client).CheckAsync(builds, Mirror(registries.Open), false, CancellationToken.None);
            Assert.Equal(4, checks.Count);
            Assert.Equal(new[] { false, false, true, false }, checks.Select(c => c.IsComplete));

            // 4 builds x 5 images, etcd v3.4.13_fips.0 shared by all four: 17 distinct images;
            // plus one GET for each index (etcd once, the 2.4 kube-proxy once).
            Assert.Equal(17 + 2, client.RequestCount);
        }

        [Fact]
        public async Task A_registry_that_is_not_listening_is_an_error_naming_the_host()
        {
            using var stopped = LocalRegistry.Start();
            var mirror = Mirror(stopped);
            stopped.Dispose();
            var check = await CheckAsync(mirror, "2.3");
            Assert.All(check.Images, i => Assert.Equal(ImageCheckStatus.Error, i.Result.Status));
            Assert.Contains("Cannot reach " + mirror.BaseUri.Authority, check.Images[0].Result.Message);
        }
    }
}
