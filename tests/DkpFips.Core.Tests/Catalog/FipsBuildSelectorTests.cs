using System;
using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.ImageBuilder;
using DkpFips.Core.Upgrade;
using DkpFips.Core.Versioning;
using Xunit;

namespace DkpFips.Core.Tests.Catalog
{
    public class FipsBuildSelectorTests
    {
        private const string NotFound120 = "No FIPS build in the catalog matches Kubernetes 1.20. Nearest supported: v1.21.3+fips.0, v1.21.6+fips.0, v1.22.8+fips.0.";

        private readonly FipsBuildSelector selector = new FipsBuildSelector(FipsCatalog.BuiltIn);

        private static FipsBuildDefinition Row(string dkp) => FipsCatalog.BuiltIn.Builds.Single(b => b.DkpVersion == dkp);

        [Fact]
        public void A_line_resolves_to_the_documented_build_not_the_newer_inferred_one()
        {
            var selection = selector.Resolve(" 1.23 ", null);

            Assert.Equal("2.3", selection.Build!.DkpVersion);
            Assert.Equal("v1.23.7+fips.0", selection.Version.ToKubernetesFlag());
        }

        [Fact]
        public void A_chosen_build_wins_and_a_version_given_with_it_must_match()
        {
            var chosen = Row("2.2");

            Assert.Same(chosen, selector.Resolve(null, chosen).Build);
            Assert.Same(chosen, selector.Resolve("1.22", chosen).Build);
            var conflict = Assert.Throws<BuildSelectionException>(() => selector.Resolve("1.23", chosen));
            Assert.Equal(ErrorKind.FipsBuildConflict, conflict.Kind);
            Assert.Equal("1.23", conflict.Text);
            Assert.Contains("does not match the FIPS build given", conflict.Message);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("  ")]
        public void Nothing_given_is_refused_as_required(string? text)
        {
            var error = Assert.Throws<BuildSelectionException>(() => selector.Resolve(text, null));
            Assert.Equal(ErrorKind.KubernetesVersionRequired, error.Kind);
            Assert.Null(error.Text);
        }

        [Theory]
        [InlineData("latest")]
        [InlineData("1.23+fips.0")]
        public void Text_that_is_no_version_is_refused_with_the_accepted_forms(string text)
        {
            var error = Assert.Throws<BuildSelectionException>(() => selector.Resolve(text, null));
            Assert.Equal(ErrorKind.InvalidKubernetesVersion, error.Kind);
            Assert.Equal($"'{text}' is not a Kubernetes version. Accepted forms: {FipsVersion.AcceptedForms}.", error.Message);
            Assert.IsType<FipsVersionFormatException>(error.InnerException);
            Assert.Throws<BuildSelectionException>(() => FipsBuildSelector.Parse("  "));
        }

        [Fact]
        public void A_version_the_catalog_lacks_names_the_nearest_versions()
        {
            var error = Assert.Throws<BuildSelectionException>(() => selector.Resolve("1.20", null));

            Assert.Equal(ErrorKind.FipsBuildNotFound, error.Kind);
            Assert.Equal(NotFound120, error.Message);
            Assert.Equal("1.20", error.Text);
            Assert.Equal(BuildSelectionException.NotFoundAction, error.RecommendedAction);
        }

        [Fact]
        public void Uncatalogued_builds_pass_only_as_full_versions_when_allowed()
        {
            var selection = selector.Resolve("1.99.2+fips.0", null, allowUncatalogued: true);
            Assert.Null(selection.Build);
            Assert.Equal("v1.99.2+fips.0", selection.Version.ToKubernetesFlag());

            Assert.Equal(ErrorKind.FipsBuildNotFound, Assert.Throws<BuildSelectionException>(() => selector.Resolve("1.99", null, allowUncatalogued: true)).Kind);
            Assert.Equal(ErrorKind.FipsBuildNotFound, Assert.Throws<BuildSelectionException>(() => selector.Resolve("1.99.2+fips.0", null)).Kind);
        }

        [Fact]
        public void The_callers_check_sees_the_version_before_the_catalog_does()
        {
            string? seen = null;
            var error = Assert.Throws<InvalidOperationException>(() =>
                selector.Resolve(" 1.20.1 ", null, checkWanted: (wanted, text) => { seen = text + "|" + wanted.ToEtcdFlag(); throw new InvalidOperationException("refused"); }));

            Assert.Equal("refused", error.Message);
            Assert.Equal("1.20.1|1.20.1", seen);
        }

        [Fact]
        public void FindAll_gives_every_match_or_for_a_line_the_planners_pick()
        {
            Assert.True(selector.FindAll("1.23").Count > 1);
            Assert.Equal("2.3", selector.FindAll("1.23", lineSelectsOne: true).Single().DkpVersion);
            Assert.Equal(selector.FindAll("v1.22.8_fips.0").Single(), selector.FindAll("1.22.8-fips.0", lineSelectsOne: true).Single());
            Assert.Equal(NotFound120, Assert.Throws<BuildSelectionException>(() => selector.FindAll("1.20")).Message);
            Assert.Equal(ErrorKind.InvalidKubernetesVersion, Assert.Throws<BuildSelectionException>(() => selector.FindAll("x")).Kind);
        }

        [Fact]
        public void Every_planner_refuses_a_missing_build_in_the_same_words()
        {
            var cluster = Assert.Throws<BuildSelectionException>(() => new ClusterPlanBuilder(FipsCatalog.BuiltIn).Build(
                new ClusterCreateRequest { Spec = { ClusterName = "fips-1", Provider = "aws", KubernetesVersion = "1.20", AmiId = "ami-0a1b2c3d4e5f60718" } }));
            var kib = Assert.Throws<KibException>(() => new KibPlanBuilder(FipsCatalog.BuiltIn).Build(
                new KibBuildRequest { ImageDefinition = "images/ami/rhel-84.yaml", KubernetesVersion = "1.20" }));
            var upgrade = Assert.Throws<UpgradePlanException>(() => new UpgradePlanBuilder(FipsCatalog.BuiltIn).Build(
                new UpgradeRequest(new ClusterOptions { ClusterName = "fips-1", Provider = "aws", KubernetesVersion = "1.20", AmiId = "ami-0a1b2c3d4e5f60718" }) { CurrentVersion = "v1.19.16+fips.0", NodePools = new[] { "fips-1-md-0" } }));

            Assert.Equal(ErrorKind.FipsBuildNotFound, cluster.Kind);
            Assert.Equal(ErrorKind.FipsBuildNotFound, kib.Kind);
            Assert.Equal(ErrorKind.TargetNotInCatalog, upgrade.Kind);
            Assert.All(new Exception[] { cluster, kib, upgrade }, e => Assert.Equal(NotFound120, e.Message));
        }

        [Fact]
        public void Each_version_form_has_its_formatter()
        {
            var version = FipsVersion.Parse("1.23.7-fips.0");

            Assert.Equal("v1.23.7+fips.0", version.ToKubernetesFlag());
            Assert.Equal("1.23.7+fips.0", version.ToEtcdFlag());
            Assert.Equal("v1.23.7_fips.0", version.ToImageTag());
            Assert.Equal("1.23.7-fips.0", version.ToKibTagString());
            Assert.Equal("3.4.13+fips", FipsVersion.Parse("v3.4.13_fips").ToEtcdFlag());
            Assert.Equal("1.23", FipsVersion.Parse("v1.23").ToEtcdFlag());
        }
    }
}
