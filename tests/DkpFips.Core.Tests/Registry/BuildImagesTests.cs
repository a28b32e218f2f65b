using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Registry;
using DkpFips.Core.Versioning;
using Xunit;

namespace DkpFips.Core.Tests.Registry
{
    public sealed class BuildImagesTests
    {
        private static FipsBuildDefinition Build(string dkp) => FipsCatalog.BuiltIn.Builds.Single(b => b.DkpVersion == dkp);

        [Fact]
        public void A_build_pulls_four_kubernetes_images_and_etcd_with_their_fips_tags()
        {
            var images = Build("2.3").GetImages(includeUpstream: false);
            Assert.Equal(
                new[] { "kube-apiserver:v1.23.7_fips.0", "kube-controller-manager:v1.23.7_fips.0", "kube-scheduler:v1.23.7_fips.0", "kube-proxy:v1.23.7_fips.0", "etcd:v3.4.13_fips.0" },
                images.Select(i => i.Name + ":" + i.Tag));
            Assert.All(images, i => Assert.Equal("docker.io/mesosphere", i.Repository));
            Assert.All(images, i => Assert.False(i.IsUpstream));
            Assert.Equal("docker.io/mesosphere/etcd:v3.4.13_fips", Build("2.0").GetImages(false).Last().ToString());
        }

        [Theory]
        [InlineData("2.1", "3.4.1", "v1.8.0")]
        [InlineData("2.2", "3.5", "v1.8.4")]
        [InlineData("2.3", "3.6", "v1.8.6")]
        [InlineData("2.4", "3.7", "v1.8.6")]
        [InlineData("2.5", "3.8", "v1.9.3")]
        [InlineData("2.8", "3.9", "v1.10.1")]
        public void Upstream_pause_and_coredns_follow_kubeadm_per_release(string dkp, string pause, string coredns)
        {
            var images = Build(dkp).GetImages(includeUpstream: true);
            Assert.Equal(7, images.Count);
            Assert.Equal("pause:" + pause, images[5].Name + ":" + images[5].Tag);
            Assert.Equal("coredns:" + coredns, images[6].Name + ":" + images[6].Tag);
            Assert.True(images[5].IsUpstream && images[6].IsUpstream);
        }

        [Theory]
        [InlineData("1.30.4", "v1.11.1")]
        [InlineData("1.30.5", "v1.11.3")]
        [InlineData("1.31.0", "v1.11.1")]
        [InlineData("1.31.4", "v1.11.3")]
        [InlineData("1.33.2", "v1.12.0")]
        public void CoreDns_moves_within_a_minor_where_kubeadm_moved_it(string version, string coredns)
        {
            Assert.Equal(coredns, UpstreamImageVersions.For(FipsVersion.Parse(version))!.Value.Value);
        }

        [Fact]
        public void A_minor_newer_than_the_table_checks_only_the_fips_images()
        {
            Assert.Null(UpstreamImageVersions.For(FipsVersion.Parse("1.40.1")));
        }

        [Fact]
        public void Every_built_in_build_knows_its_upstream_images()
        {
            Assert.All(FipsCatalog.BuiltIn.Builds, b => Assert.Equal(7, b.GetImages(true).Count));
        }

        [Fact]
        public void A_mirror_replaces_the_repository_and_keeps_the_tags()
        {
            var located = FipsBuildRegistryChecker.Locate(Build("2.3"), RegistryReference.Parse("mirror.local:5000/site/mesosphere"), includeUpstream: true);
            Assert.Equal("mirror.local:5000/site/mesosphere/kube-proxy:v1.23.7_fips.0", located[3].Location.Reference);
            Assert.Equal("site/mesosphere/coredns", located[6].Location.Repository);
        }
    }
}
