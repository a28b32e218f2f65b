using System;
using DkpFips.Core.Aws;
using DkpFips.Core.Evidence;
using Xunit;

namespace DkpFips.Core.Tests.Aws
{
    /// <summary>Reading the OS and the baked Kubernetes version from what EC2 says about an image.</summary>
    public class AmiReadingTests
    {
        private static AmiImage Image(string? name = null, string? description = null, string? platformDetails = null, string? platform = null, params (string Key, string Value)[] tags)
        {
            var image = new AmiImage("ami-12345678") { Name = name, Description = description, PlatformDetails = platformDetails, Platform = platform };
            foreach (var (key, value) in tags)
            {
                image.Tags[key] = value;
            }

            return image;
        }

        [Theory]
        [InlineData("RHEL-8.6.0_HVM-20220503-x86_64-2-Hourly2-GP2", OperatingSystemFamily.Rhel, "8.6")]
        [InlineData("konvoy-ami-rhel-8.4-fips-1.23.7-fips.0-1656000000", OperatingSystemFamily.Rhel, "8.4")]
        [InlineData("konvoy-rhel-88-fips-kernel-1.27.6+fips.0-20240301141207", OperatingSystemFamily.Rhel, "8.8")]
        [InlineData("CentOS Linux 7 x86_64 HVM EBS ENA 2002_01", OperatingSystemFamily.CentOS, "7")]
        [InlineData("OL8.9-x86_64-HVM-2024-02-02", OperatingSystemFamily.OracleLinux, "8.9")]
        [InlineData("ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20231207", OperatingSystemFamily.Ubuntu, "22.04")]
        [InlineData("amzn2-ami-kernel-5.10-hvm-2.0.20231206.0-x86_64-gp2", OperatingSystemFamily.AmazonLinux, "2")]
        [InlineData("Flatcar-stable-3602.2.3-hvm", OperatingSystemFamily.Flatcar, "3602.2")]
        [InlineData("Rocky-8-EC2-Base-8.9-20231119.0.x86_64", OperatingSystemFamily.Rocky, "8")]
        [InlineData("Windows_Server-2022-English-Full-Base-2023.12.13", OperatingSystemFamily.Windows, "2022")]
        public void The_name_tells_the_operating_system(string name, OperatingSystemFamily family, string version)
        {
            var os = OperatingSystemDetector.Detect(Image(name))!;

            Assert.Equal(family, os.Family);
            Assert.Equal(version, os.Version);
            Assert.Equal("the name", os.Source);
        }

        [Fact]
        public void Kib_tags_are_trusted_before_the_name()
        {
            var os = OperatingSystemDetector.Detect(Image("ubuntu-lookalike", tags: new[] { ("distribution", "rhel"), ("distribution_version", "8.10") }))!;

            Assert.Equal(OperatingSystemFamily.Rhel, os.Family);
            Assert.Equal("8.10", os.Version);
            Assert.Equal("RHEL 8.10", os.DisplayName);
        }

        [Fact]
        public void Platform_details_are_the_last_resort()
        {
            Assert.Equal(OperatingSystemFamily.Rhel, OperatingSystemDetector.Detect(Image("my-golden-image", platformDetails: "Red Hat Enterprise Linux"))!.Family);
            Assert.Equal(OperatingSystemFamily.Windows, OperatingSystemDetector.Detect(Image("my-golden-image", platform: "windows", platformDetails: "Windows"))!.Family);
            Assert.Null(OperatingSystemDetector.Detect(Image("my-golden-image", platformDetails: "Linux/UNIX")));
        }

        [Theory]
        [InlineData("rhel", "7.9", CheckStatus.Passed)]
        [InlineData("rhel", "7.6", CheckStatus.Failed)]
        [InlineData("rhel", "9.4", CheckStatus.Passed)]
        [InlineData("rhel", "6.10", CheckStatus.Failed)]
        [InlineData("centos", "7.9", CheckStatus.Passed)]
        [InlineData("centos", "8.5", CheckStatus.Failed)]
        [InlineData("oracle", "8.9", CheckStatus.Passed)]
        [InlineData("rhel", "", CheckStatus.Warning)]
        [InlineData("flatcar", "3602.2.3", CheckStatus.Failed)]
        public void The_fips_policy_knows_families_and_versions(string distribution, string version, CheckStatus expected)
        {
            var image = Image("x", tags: new[] { ("distribution", distribution), ("distribution_version", version) });

            Assert.Equal(expected, FipsOperatingSystemPolicy.Evaluate(OperatingSystemDetector.Detect(image), image).Status);
        }

        [Fact]
        public void Oracle_linux_with_the_unbreakable_kernel_fails()
        {
            var image = Image("OL8.9-x86_64-HVM-uek-2024-02-02");

            var check = FipsOperatingSystemPolicy.Evaluate(OperatingSystemDetector.Detect(image), image);

            Assert.Equal(CheckStatus.Failed, check.Status);
            Assert.Contains("RHCK", check.Message);
        }

        [Theory]
        [InlineData("1.23.7-fips.0", "v1.23.7+fips.0", true)]
        [InlineData("1.25.4+fips.0", "v1.25.4+fips.0", true)]
        [InlineData("v1.27.6+fips.1", "v1.27.6+fips.1", true)]
        [InlineData("1.23.7", "v1.23.7", false)]
        public void The_kubernetes_version_tag_is_read_in_both_forms(string tag, string flag, bool isFips)
        {
            var baked = BakedKubernetesVersion.Read(Image("x", tags: new[] { ("kubernetes_version", tag) }))!;

            Assert.Equal(flag, baked.Version!.ToKubernetesFlag());
            Assert.Equal(isFips, baked.IsFips);
            Assert.StartsWith("the kubernetes_version tag", baked.Source);
        }

        [Theory]
        [InlineData("konvoy-ami-rhel-8.4-fips-1.23.7-fips.0-1656000000", null, "v1.23.7+fips.0", "the name")]
        [InlineData("golden", "Konvoy base for Kubernetes 1.25.4+fips.0 on rhel-8.6", "v1.25.4+fips.0", "the description")]
        [InlineData("konvoy-ami-rhel-8.4-1.23.7-1656000000", null, "v1.23.7", "the name")]
        public void Without_tags_the_kib_name_and_description_are_read(string name, string? description, string flag, string source)
        {
            var baked = BakedKubernetesVersion.Read(Image(name, description))!;

            Assert.Equal(flag, baked.Version!.ToKubernetesFlag());
            Assert.Equal(source, baked.Source);
        }

        [Fact]
        public void An_image_with_no_kubernetes_at_all_has_no_baked_version()
        {
            Assert.Null(BakedKubernetesVersion.Read(Image("RHEL-8.4.0_HVM-20210504-x86_64-2-Hourly2-GP2", "Provided by Red Hat, Inc.")));
        }

        [Fact]
        public void Error_messages_name_whole_ids_only()
        {
            var named = Ec2ImageFetcher.IdsNamedIn("The image ids '[ami-12345678, ami-0123456789abcdef0]' do not exist",
                new[] { "ami-12345678", "ami-12345678abcdef012", "ami-0123456789abcdef0", "ami-87654321" });

            Assert.Equal(new[] { "ami-0123456789abcdef0", "ami-12345678" }, new System.Collections.Generic.SortedSet<string>(named, StringComparer.Ordinal));
        }
    }
}
