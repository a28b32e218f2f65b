using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Versioning;
using Xunit;

namespace DkpFips.Core.Tests.Cluster
{
    public class ClusterPlanBuilderTests
    {
        private const string Ami = "ami-03dcaa75d45aca36f";
        private readonly ClusterPlanBuilder builder = new ClusterPlanBuilder(FipsCatalog.BuiltIn);

        private static ClusterCreateRequest Aws(string version = "1.23") => new ClusterCreateRequest { Spec = { ClusterName = "fips-1", Provider = "aws", KubernetesVersion = version, AmiId = Ami } };

        private static ErrorKind Refused(ClusterPlanBuilder builder, ClusterCreateRequest request) =>
            Assert.ThrowsAny<DkpFipsException>(() => builder.Build(request)).Kind;

        [Fact]
        public void MapsTheDocumentedDkp23ExampleToTheExactArguments()
        {
            var plan = builder.Build(new ClusterCreateRequest { Spec = { ClusterName = "myfipscluster", Provider = "aws", KubernetesVersion = "1.23.7+fips.0", AmiId = Ami } });
            Assert.Equal(new[]
            {
                "create", "cluster", "aws", "--cluster-name=myfipscluster",
                "--kubernetes-version=v1.23.7+fips.0", "--etcd-version=3.4.13+fips.0",
                "--kubernetes-image-repository=docker.io/mesosphere", "--etcd-image-repository=docker.io/mesosphere",
                "--ami=" + Ami,
            }, plan.Command.DisplayArguments);
            Assert.Equal("2.3", plan.Build.DkpVersion);
        }

        [Theory]
        [InlineData("1.23", "v1.23.7+fips.0")]
        [InlineData("v1.22.8", "v1.22.8+fips.0")]
        [InlineData("v1.21.6_fips.0", "v1.21.6+fips.0")]
        [InlineData("1.22.8-fips.0", "v1.22.8+fips.0")]
        public void ResolvesAnyVersionFormThroughTheCatalog(string typed, string expected)
        {
            Assert.Equal(expected, builder.Build(Aws(typed)).KubernetesVersion.ToKubernetesFlag());
        }

        [Fact]
        public void EveryProviderGetsItsMachineImageFlagAndAllFourFipsFlags()
        {
            var vsphere = builder.Build(new ClusterCreateRequest { Spec = { ClusterName = "v", KubernetesVersion = "1.22", VmTemplate = "konvoy-rhel-84-fips" } });
            var pre = builder.Build(new ClusterCreateRequest { Spec = { ClusterName = "p", Provider = "preprovisioned", KubernetesVersion = "1.22", OverrideSecretName = "fips-overrides" } });
            Assert.Equal("vsphere", vsphere.Provider);
            Assert.Contains("--vm-template=konvoy-rhel-84-fips", vsphere.Command.DisplayArguments);
            Assert.Contains("--override-secret-name=fips-overrides", pre.Command.DisplayArguments);
            foreach (var plan in new[] { vsphere, pre })
            {
                foreach (var flag in DkpFlags.Fips)
                {
                    Assert.Single(plan.Command.DisplayArguments, a => a.StartsWith(flag + "="));
                }
            }
        }

        [Fact]
        public void AMirrorReplacesBothRepositoriesAndKeepsTheTags()
        {
            var request = Aws();
            request.Spec.ImageRepository = "registry.example.internal:5000/mirror/mesosphere";
            var plan = builder.Build(request);
            Assert.Contains("--kubernetes-image-repository=registry.example.internal:5000/mirror/mesosphere", plan.Command.DisplayArguments);
            Assert.Contains("--etcd-image-repository=registry.example.internal:5000/mirror/mesosphere", plan.Command.DisplayArguments);
            Assert.Equal("v3.4.13_fips.0", plan.EtcdVersion.ToImageTag());
        }

        [Theory]
        [InlineData("Fips")]
        [InlineData("fips_1")]
        [InlineData("-fips")]
        [InlineData("fips-")]
        [InlineData("")]
        [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
        public void RefusesNamesThatAreNotDns1123(string name)
        {
            var request = Aws();
            request.Spec.ClusterName = name;
            Assert.Equal(ErrorKind.InvalidClusterName, Refused(builder, request));
        }

        [Theory]
        [InlineData("azure")]
        [InlineData("gcp")]
        [InlineData("eks")]
        [InlineData("aks")]
        public void RefusesProvidersWithoutFipsImages(string provider)
        {
            var request = Aws();
            request.Spec.Provider = provider;
            var ex = Assert.Throws<ClusterPlanException>(() => builder.Build(request));
            Assert.Equal(ErrorKind.ProviderNotFipsCapable, ex.Kind);
            Assert.Contains("no FIPS operating system image", ex.Message);
        }

        [Theory]
        [InlineData("ami-1234567")]
        [InlineData("ami-123456789")]
        [InlineData("ami-03DCAA75D45ACA36F")]
        [InlineData("ami-03dcaa75d45aca36g")]
        [InlineData("03dcaa75d45aca36f")]
        public void RefusesMalformedAmiIds(string ami)
        {
            var request = Aws();
            request.Spec.AmiId = ami;
            Assert.Equal(ErrorKind.InvalidAmiId, Refused(builder, request));
        }

        [Fact]
        public void AcceptsBothAmiIdLengths()
        {
            var request = Aws();
            request.Spec.AmiId = "ami-0a1b2c3d";
            Assert.Contains("--ami=ami-0a1b2c3d", builder.Build(request).Command.DisplayArguments);
        }

        [Fact]
        public void RequiresTheProvidersMachineImage()
        {
            Assert.Equal(ErrorKind.MachineImageRequired, Refused(builder, new ClusterCreateRequest { Spec = { ClusterName = "a", Provider = "aws", KubernetesVersion = "1.23" } }));
            Assert.Equal(ErrorKind.ProviderRequired, Refused(builder, new ClusterCreateRequest { Spec = { ClusterName = "a", KubernetesVersion = "1.23" } }));
            Assert.Equal(ErrorKind.ParameterNotForProvider, Refused(builder, new ClusterCreateRequest { Spec = { ClusterName = "a", Provider = "vsphere", VmTemplate = "t", AmiId = Ami, KubernetesVersion = "1.23" } }));
        }

        [Theory]
        [InlineData("--kubernetes-version=v1.23.7")]
        [InlineData("--kubernetes-version")]
        [InlineData("--etcd-version=3.4.13")]
        [InlineData("--ETCD-VERSION")]
        [InlineData("-kubernetes-image-repository=docker.io/library")]
        [InlineData("--etcd-image-repository")]
        public void RefusesExtraArgumentsThatOverrideAFipsFlag(string argument)
        {
            var request = Aws();
            request.Spec.ArgumentList = new[] { "--worker-replicas=3", argument, "value" };
            Assert.Equal(ErrorKind.FipsFlagOverride, Refused(builder, request));
        }

        [Theory]
        [InlineData("--ami=ami-12345678")]
        [InlineData("--cluster-name")]
        [InlineData("--dry-run")]
        public void RefusesExtraArgumentsThatAParameterOwns(string argument)
        {
            var request = Aws();
            request.Spec.ArgumentList = new[] { argument };
            Assert.Equal(ErrorKind.ReservedArgument, Refused(builder, request));
        }

        [Fact]
        public void DropsEmptyExtraArguments()
        {
            // What an empty ArgumentList cell of Import-Csv binds: one empty string.
            var request = Aws();
            request.Spec.ArgumentList = new[] { string.Empty, " ", "--worker-replicas=3" };
            var arguments = builder.Build(request).Command.DisplayArguments;
            Assert.DoesNotContain(arguments, a => string.IsNullOrWhiteSpace(a));
            Assert.Equal("--worker-replicas=3", arguments[arguments.Count - 1]);
        }

        [Fact]
        public void PassesOtherExtraArgumentsThroughLast()
        {
            var request = Aws();
            request.Spec.ArgumentList = new[] { "--control-plane-replicas", "3", "--self-managed" };
            var arguments = builder.Build(request).Command.DisplayArguments;
            Assert.Equal(new[] { "--control-plane-replicas", "3", "--self-managed" }, arguments.Skip(arguments.Count - 3));
        }

        [Theory]
        [InlineData("3.4.13", ErrorKind.InvalidEtcdVersion)]
        [InlineData("3.4", ErrorKind.InvalidEtcdVersion)]
        [InlineData("bogus", ErrorKind.InvalidEtcdVersion)]
        public void RefusesNonFipsEtcdVersions(string etcd, ErrorKind kind)
        {
            var request = Aws();
            request.Spec.EtcdVersion = etcd;
            Assert.Equal(kind, Refused(builder, request));
        }

        [Fact]
        public void AnExplicitFipsEtcdVersionWins()
        {
            var request = Aws();
            request.Spec.EtcdVersion = "v3.4.14+fips.1";
            Assert.Contains("--etcd-version=3.4.14+fips.1", builder.Build(request).Command.DisplayArguments);
        }

        [Fact]
        public void UnknownOrConflictingVersionsAreRefused()
        {
            Assert.Equal(ErrorKind.FipsBuildNotFound, Refused(builder, Aws("1.19")));
            Assert.Equal(ErrorKind.InvalidKubernetesVersion, Refused(builder, Aws("latest")));
            Assert.Equal(ErrorKind.KubernetesVersionRequired, Refused(builder, Aws(null!)));
            var request = Aws("1.22");
            request.FipsBuild = FipsCatalog.BuiltIn.Builds.Single(b => b.DkpVersion == "2.3");
            Assert.Equal(ErrorKind.FipsBuildConflict, Refused(builder, request));
        }

        [Fact]
        public void ABuildWithoutAFipsBuildNumberCannotBeUsedWithoutAnEtcdVersion()
        {
            // A row built in code (not from a catalog file, which refuses it) whose etcd is 3.4.13+fips, with no .N.
            var unnumbered = new FipsBuildDefinition("DKP", "2.0", FipsVersion.Parse("1.21.3+fips.0"), FipsVersion.Parse("3.4.13+fips"),
                "docker.io/mesosphere", "docker.io/mesosphere", new[] { "RHEL 7.9" }, new[] { "aws" }, CatalogBasis.Custom, string.Empty, string.Empty, "test");
            var refused = Aws(null!);
            refused.FipsBuild = unnumbered;
            Assert.Equal(ErrorKind.InvalidEtcdVersion, Refused(builder, refused));
            var request = Aws(null!);
            request.FipsBuild = unnumbered;
            request.Spec.EtcdVersion = "3.4.13+fips.0";
            Assert.Contains("--etcd-version=3.4.13+fips.0", builder.Build(request).Command.DisplayArguments);
        }

        [Fact]
        public void EveryBuiltInBuildYieldsAllFourFipsFlags()
        {
            foreach (var build in FipsCatalog.BuiltIn.Builds.Where(b => b.EtcdVersion.FipsBuildNumber is not null))
            {
                var request = Aws();
                request.FipsBuild = build;
                request.Spec.KubernetesVersion = null;
                var plan = builder.Build(request);
                FipsInvariant.Verify(plan.Command.DisplayArguments);
            }
        }

        [Fact]
        public void TheInvariantRejectsACommandMissingAFlag()
        {
            Assert.Throws<System.InvalidOperationException>(() => FipsInvariant.Verify(new List<string> { "create", "cluster", "aws", "--kubernetes-version=v1.23.7+fips.0" }));
            Assert.Throws<System.InvalidOperationException>(() => FipsInvariant.Verify(new List<string>
            {
                "--kubernetes-version=v1.23.7", "--etcd-version=3.4.13+fips.0", "--kubernetes-image-repository=a/b", "--etcd-image-repository=a/b",
            }));
        }

        [Fact]
        public void SecretsAreMaskedInTheDisplayedArguments()
        {
            var request = Aws();
            request.RegistryMirrorPassword = " canary pw ";
            request.Spec.ArgumentList = new[] { "--some-token", "tok-canary" };
            var plan = builder.Build(request);
            Assert.Contains("--registry-mirror-password=***", plan.Command.DisplayArguments);
            Assert.DoesNotContain(plan.Command.DisplayArguments, a => a.Contains("canary"));
            Assert.Equal("*** / ***", plan.Command.Masker.Apply(" canary pw  / tok-canary"));
        }
    }
}
