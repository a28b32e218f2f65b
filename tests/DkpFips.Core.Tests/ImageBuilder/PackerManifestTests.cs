using System;
using System.IO;
using DkpFips.Core.Errors;
using DkpFips.Core.ImageBuilder;
using DkpFips.Core.Versioning;
using Xunit;

namespace DkpFips.Core.Tests.ImageBuilder
{
    public sealed class PackerManifestTests : IDisposable
    {
        private readonly string path = Path.Combine(Path.GetTempPath(), "dkpfips-manifest-" + Guid.NewGuid().ToString("N") + ".json");

        public void Dispose() => File.Delete(path);

        private static string Build(string artifact, string run, string version = "1.23.7+fips.0", string builder = "amazon-ebs") => $@"{{
      ""name"": ""kib_image"",
      ""builder_type"": ""{builder}"",
      ""build_time"": 1656000000,
      ""files"": null,
      ""artifact_id"": ""{artifact}"",
      ""packer_run_uuid"": ""{run}"",
      ""custom_data"": {{
        ""containerd_version"": ""1.6.28+fips"",
        ""distribution"": ""rhel"",
        ""distribution_version"": ""8.4"",
        ""kubernetes_cni_version"": ""1.3.0"",
        ""kubernetes_version"": ""{version}""
      }}
    }}";

        private void Write(string lastRun, params string[] builds) =>
            File.WriteAllText(path, $"{{\n  \"builds\": [\n    {string.Join(",\n    ", builds)}\n  ],\n  \"last_run_uuid\": \"{lastRun}\"\n}}\n");

        [Fact]
        public void TakesOnlyTheBuildOfTheLastRunOneImagePerRegion()
        {
            Write("run-2",
                Build("us-west-2:ami-0aaaaaaaaaaaaaaa1", "run-1"),
                Build("us-west-2:ami-0123456789abcdef0,us-east-1:ami-0fedcba9876543210", "run-2"));
            var images = PackerManifest.Read(path, FipsVersion.Parse("1.23.7+fips.0"), "run-1");
            Assert.Equal(2, images.Count);
            Assert.Equal(("ami-0123456789abcdef0", "us-west-2"), (images[0].ImageId, images[0].Region));
            Assert.Equal(("ami-0fedcba9876543210", "us-east-1"), (images[1].ImageId, images[1].Region));
            Assert.Equal("RHEL 8.4", images[0].OperatingSystem);
            Assert.Equal("1.6.28+fips", images[0].ContainerdVersion);
            Assert.Equal("v1.23.7+fips.0", images[0].KubernetesVersion.ToKubernetesFlag());
            Assert.Equal("run-2", PackerManifest.LastRunUuid(path));
        }

        [Fact]
        public void AcceptsTheKibTagFormOfOlderReleases()
        {
            Write("r", Build("us-west-2:ami-0123456789abcdef0", "r", "1.22.8-fips.0"));
            Assert.Equal("v1.22.8+fips.0", PackerManifest.Read(path)[0].KubernetesVersion.ToKubernetesFlag());
        }

        [Fact]
        public void ReadsAVsphereTemplate()
        {
            Write("r", Build("konvoy-rhel-84-fips-1.23.7+fips.0-20240301141207", "r", builder: "vsphere-clone"));
            var image = Assert.Single(PackerManifest.Read(path));
            Assert.Equal("konvoy-rhel-84-fips-1.23.7+fips.0-20240301141207", image.ImageId);
            Assert.Null(image.Region);
        }

        [Fact]
        public void RefusesANonFipsImage()
        {
            Write("r", Build("us-west-2:ami-0123456789abcdef0", "r", "1.23.7"));
            Assert.Equal(ErrorKind.ImageNotFips, Assert.Throws<KibException>(() => PackerManifest.Read(path)).Kind);
        }

        [Fact]
        public void RefusesAnImageOfAnotherVersion()
        {
            Write("r", Build("us-west-2:ami-0123456789abcdef0", "r", "1.22.8+fips.0"));
            Assert.Equal(ErrorKind.ImageVersionMismatch, Assert.Throws<KibException>(() => PackerManifest.Read(path, FipsVersion.Parse("1.23.7+fips.0"))).Kind);
        }

        [Fact]
        public void RefusesARunWithoutAnImage()
        {
            Write("r2", Build("us-west-2:ami-0123456789abcdef0", "r1"), Build(string.Empty, "r2"));
            Assert.Equal(ErrorKind.NoImageBuilt, Assert.Throws<KibException>(() => PackerManifest.Read(path)).Kind);
            Write("r1", Build("us-west-2:ami-0123456789abcdef0", "r1"));
            Assert.Equal(ErrorKind.NoImageBuilt, Assert.Throws<KibException>(() => PackerManifest.Read(path, null, "r1")).Kind);
        }

        [Theory]
        [InlineData("not json at all")]
        [InlineData("{\"last_run_uuid\": \"r\"}")]
        public void RefusesAFileThatIsNoManifest(string text)
        {
            File.WriteAllText(path, text);
            Assert.Equal(ErrorKind.PackerManifestInvalid, Assert.Throws<KibException>(() => PackerManifest.Read(path)).Kind);
        }

        [Fact]
        public void RefusesAMalformedArtifactAndAMissingFile()
        {
            Write("r", Build("ami-0123456789abcdef0", "r"));
            Assert.Equal(ErrorKind.PackerManifestInvalid, Assert.Throws<KibException>(() => PackerManifest.Read(path)).Kind);
            File.Delete(path);
            Assert.Equal(ErrorKind.PackerManifestNotFound, Assert.Throws<KibException>(() => PackerManifest.Read(path)).Kind);
            Assert.Null(PackerManifest.LastRunUuid(path));
        }
    }
}
