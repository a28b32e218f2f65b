using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Errors;
using DkpFips.Core.ImageBuilder;
using Xunit;

namespace DkpFips.Core.Tests.ImageBuilder
{
    public class KibPlanBuilderTests
    {
        private readonly KibPlanBuilder builder = new KibPlanBuilder(FipsCatalog.BuiltIn);

        private static KibBuildRequest Rhel(string version = "1.23") => new KibBuildRequest { ImageDefinition = "images/ami/rhel-84.yaml", KubernetesVersion = version };

        private ErrorKind Refused(KibBuildRequest request) => Assert.ThrowsAny<DkpFipsException>(() => builder.Build(request)).Kind;

        [Fact]
        public void PlansTheDocumentedFipsAmiBuild()
        {
            var request = Rhel();
            request.Region = "us-west-2";
            request.SourceAmi = "ami-0123456789abcdef0";
            request.AmiRegions = new[] { "us-east-1", "eu-west-1" };
            request.InstanceType = "m5.xlarge";
            var plan = builder.Build(request);
            Assert.Equal(new[]
            {
                "build", "aws", "images/ami/rhel-84.yaml", "--overrides=overrides/fips.yaml", "--kubernetes-version=1.23.7",
                "--region=us-west-2", "--source-ami=ami-0123456789abcdef0", "--ami-regions=us-east-1,eu-west-1", "--instance-type=m5.xlarge",
            }, plan.Command.DisplayArguments);
            Assert.Equal("konvoy-image", plan.Command.Executable);
            Assert.Equal("v1.23.7+fips.0", plan.KubernetesVersion.ToKubernetesFlag());
            Assert.Equal("RHEL 8.4", plan.Image.OperatingSystem);
            Assert.Equal("2.3", plan.Build!.DkpVersion);
        }

        [Fact]
        public void AirGappedAddsTheOfflineFipsOverrideThenExtraOverridesOnce()
        {
            var request = Rhel();
            request.AirGapped = true;
            request.ExtraOverrides = new[] { "overrides/fips.yaml", " my/overrides.yaml ", "" };
            var overrides = builder.Build(request).Command.DisplayArguments.Where(a => a.StartsWith("--overrides")).ToArray();
            Assert.Equal(new[] { "--overrides=overrides/fips.yaml", "--overrides=overrides/offline-fips.yaml", "--overrides=my/overrides.yaml" }, overrides);
        }

        [Theory]
        [InlineData("rhel-8.4", "images/ami/rhel-84.yaml", "RHEL 8.4")]
        [InlineData("RHEL 8.10", "images/ami/rhel-810.yaml", "RHEL 8.10")]
        [InlineData("Red Hat Enterprise Linux 7.9", "images/ami/rhel-79.yaml", "RHEL 7.9")]
        [InlineData("centos-79", "images/ami/centos-79.yaml", "CentOS 7.9")]
        [InlineData("Oracle Linux RHCK 7.9", "images/ami/oracle-79.yaml", "Oracle Linux 7.9")]
        public void ResolvesAnOperatingSystemToItsImageDefinition(string os, string path, string display)
        {
            // Name resolution only: -Force goes past the release's OS list (DKP 2.3 has no RHEL 8.10).
            var plan = builder.Build(new KibBuildRequest { OperatingSystem = os, KubernetesVersion = "1.23", Force = true });
            Assert.Equal(path, plan.Image.Path);
            Assert.Equal(display, plan.Image.OperatingSystem);
        }

        [Fact]
        public void VsphereUsesTheOvaFolderAndBuildVsphere()
        {
            var plan = builder.Build(new KibBuildRequest { OperatingSystem = "rhel-8.4", Platform = "vsphere", KubernetesVersion = "1.22" });
            Assert.Equal(new[] { "build", "vsphere", "images/ova/rhel-84.yaml", "--overrides=overrides/fips.yaml", "--kubernetes-version=1.22.8" }, plan.Command.DisplayArguments);
            Assert.Equal("vsphere", builder.Build(new KibBuildRequest { ImageDefinition = "images/ova/rhel-79.yaml", KubernetesVersion = "1.22" }).Platform);
        }

        [Theory]
        [InlineData("images/ami/ubuntu-2004.yaml")]
        [InlineData("images/ami/flatcar.yaml")]
        [InlineData("images/ami/rocky-91.yaml")]
        [InlineData("images/ami/sles-15.yaml")]
        [InlineData("images/ami/amazon-linux-2.yaml")]
        [InlineData("images/ami/windows-2019.yaml")]
        public void RefusesOperatingSystemsWithoutFipsBuilds(string path)
        {
            var ex = Assert.Throws<KibException>(() => builder.Build(new KibBuildRequest { ImageDefinition = path, KubernetesVersion = "1.23" }));
            Assert.Equal(ErrorKind.OperatingSystemNotFipsCapable, ex.Kind);
            Assert.Contains("has no FIPS builds", ex.Message);
        }

        [Fact]
        public void RefusesUnknownVersionsUnlessForced()
        {
            Assert.Equal(ErrorKind.FipsBuildNotFound, Refused(Rhel("1.19.4")));
            var forced = Rhel("1.19.4");
            forced.Force = true;
            var plan = builder.Build(forced);
            Assert.Null(plan.Build);
            Assert.Contains("--kubernetes-version=1.19.4", plan.Command.DisplayArguments);
            Assert.Equal("v1.19.4+fips.0", plan.KubernetesVersion.ToKubernetesFlag());
            var line = Rhel("1.19");
            line.Force = true;
            Assert.Equal(ErrorKind.FipsBuildNotFound, Refused(line));
        }

        [Fact]
        public void TakesAFipsBuildAndRefusesAConflictingVersion()
        {
            var build = FipsCatalog.BuiltIn.Find(DkpFips.Core.Versioning.FipsVersion.Parse("1.22")).Last();
            Assert.Contains("--kubernetes-version=1.22.8", builder.Build(new KibBuildRequest { OperatingSystem = "rhel-8.4", FipsBuild = build }).Command.DisplayArguments);
            Assert.Equal(ErrorKind.FipsBuildConflict, Refused(new KibBuildRequest { OperatingSystem = "rhel-8.4", FipsBuild = build, KubernetesVersion = "1.23" }));
        }

        [Theory]
        [MemberData(nameof(BadRequests))]
        public void GivesASpecificErrorForBadInput(KibBuildRequest request, ErrorKind kind) => Assert.Equal(kind, Refused(request));

        public static IEnumerable<object[]> BadRequests() => new[]
        {
            new object[] { new KibBuildRequest { KubernetesVersion = "1.23" }, ErrorKind.ImageDefinitionRequired },
            new object[] { new KibBuildRequest { OperatingSystem = "rhel-8.4" }, ErrorKind.KubernetesVersionRequired },
            new object[] { new KibBuildRequest { OperatingSystem = "rhel-8.4", KubernetesVersion = "latest" }, ErrorKind.InvalidKubernetesVersion },
            new object[] { new KibBuildRequest { OperatingSystem = "rhel", KubernetesVersion = "1.23" }, ErrorKind.UnknownOperatingSystem },
            new object[] { new KibBuildRequest { OperatingSystem = "debian-12", KubernetesVersion = "1.23" }, ErrorKind.UnknownOperatingSystem },
            new object[] { new KibBuildRequest { OperatingSystem = "ubuntu-20.04", KubernetesVersion = "1.23" }, ErrorKind.OperatingSystemNotFipsCapable },
            new object[] { new KibBuildRequest { OperatingSystem = "rhel-8.4", KubernetesVersion = "1.23", Platform = "azure" }, ErrorKind.UnknownPlatform },
            new object[] { new KibBuildRequest { OperatingSystem = "rhel-8.4", KubernetesVersion = "1.23", Platform = "vsphere", Region = "us-west-2" }, ErrorKind.ParameterNotForPlatform },
            new object[] { new KibBuildRequest { OperatingSystem = "rhel-8.4", KubernetesVersion = "1.23", SourceAmi = "ami-0123456789abcdef0", SourceAmiFilterName = "RHEL-8.4*" }, ErrorKind.SourceAmiConflict },
            new object[] { new KibBuildRequest { OperatingSystem = "rhel-8.4", KubernetesVersion = "1.23", SourceAmi = "ami-XYZ" }, ErrorKind.InvalidAmiId },
            new object[] { new KibBuildRequest { OperatingSystem = "centos-7.9", ImageDefinition = "images/ami/rhel-84.yaml", KubernetesVersion = "1.23" }, ErrorKind.InvalidArgument },
        };

        [Fact]
        public void KeepsAwsSecretsOutOfTheArgumentsAndMasksThemInOutput()
        {
            var request = Rhel();
            request.Environment = new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "AKIACANARY", ["AWS_SECRET_ACCESS_KEY"] = "canary-secret-42" };
            var plan = builder.Build(request);
            Assert.DoesNotContain(plan.Command.DisplayArguments, a => a.Contains("canary"));
            Assert.Equal(new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY" }, plan.Command.EnvironmentNames);
            Assert.Equal("key=***", plan.Command.Masker.Apply("key=canary-secret-42"));
        }
    }
}
