using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Errors;
using Xunit;

namespace DkpFips.Core.Tests.Catalog
{
    /// <summary>A build a registry has, written as a user catalog row: what the registry confirms, what the user states, what stays unconfirmed.</summary>
    public class FoundBuildRowTests
    {
        private const string Registry = "127.0.0.1:5000/mesosphere";
        private static readonly DateTimeOffset FoundOn = new DateTimeOffset(2026, 12, 6, 23, 59, 0, TimeSpan.FromHours(-5));

        [Fact]
        public void The_registry_gives_version_repositories_and_its_only_etcd_build_which_stays_unconfirmed()
        {
            var row = Create(new[] { "3.6.9+fips.0" }, Statement());

            Assert.Equal("NKP", row.Product);
            Assert.Equal("2.99", row.DkpVersion);
            Assert.Equal("v1.99.1+fips.0", row.KubernetesVersion.ToKubernetesFlag());
            Assert.Equal("v3.6.9_fips.0", row.EtcdImageTag);
            Assert.Equal(Registry, row.KubernetesImageRepository);
            Assert.Equal(Registry, row.EtcdImageRepository);
            Assert.Equal(CatalogBasis.Custom, row.Basis);
            Assert.Equal("found at 127.0.0.1:5000/mesosphere by Find-FipsBuild on 2026-12-07 (UTC)", row.Source);
            Assert.Equal(new[] { "etcdVersion", "operatingSystems", "providers" }, row.Unconfirmed);
            Assert.Equal(new[] { "aws", "vsphere", "preprovisioned" }, row.Providers);
            Assert.Empty(row.OperatingSystems);
        }

        [Fact]
        public void What_the_user_states_is_confirmed_and_provider_names_are_normalized()
        {
            var support = new[] { Support("pre-provisioned", "RHEL 8.10"), Support("AWS", "RHEL 8.10", "Oracle Linux 8.9") };
            var row = Create(new[] { "3.6.8+fips.0", "3.6.9+fips.0" }, Statement(support, providers: true, systems: true, etcd: "v3.6.9+fips.0", notes: " From the NKP 2.99 release notes: 'FIPS' # table. "));

            Assert.Empty(row.Unconfirmed);
            Assert.Equal("v3.6.9_fips.0", row.EtcdImageTag);
            Assert.Equal(new[] { "preprovisioned: RHEL 8.10", "aws: RHEL 8.10, Oracle Linux 8.9" }, row.DescribeSupport());
            Assert.Equal("From the NKP 2.99 release notes: 'FIPS' # table.", row.Notes);
        }

        [Fact]
        public void Providers_without_operating_systems_leave_only_those_unconfirmed()
        {
            var row = Create(new[] { "3.6.9+fips.0" }, Statement(new[] { Support("vsphere") }, providers: true, systems: false));

            Assert.Equal(new[] { "etcdVersion", "operatingSystems" }, row.Unconfirmed);
            Assert.Equal(new[] { "vsphere" }, row.Providers);
        }

        [Fact]
        public void An_incomplete_build_is_refused_by_name()
        {
            var ex = Assert.Throws<CatalogRowException>(() => FoundBuildRow.Create(Registry, "v1.99.1+fips.0", false, new[] { "kube-scheduler" }, new[] { "3.6.9+fips.0" }, Statement()));

            Assert.Equal(ErrorKind.RegistryImageNotFound, ex.Kind);
            Assert.Contains("Kubernetes v1.99.1+fips.0 at 127.0.0.1:5000/mesosphere is incomplete", ex.Message);
            Assert.Contains("lacks kube-scheduler", ex.Message);
        }

        [Theory]
        [InlineData(new string[0], "no FIPS etcd build")]
        [InlineData(new[] { "3.6.8+fips.0", "3.6.9+fips.0" }, "2 FIPS etcd builds (3.6.8+fips.0, 3.6.9+fips.0)")]
        public void Several_or_no_etcd_builds_need_EtcdVersion_and_the_error_names_them(string[] etcd, string expected)
        {
            var ex = Assert.Throws<CatalogRowException>(() => Create(etcd, Statement()));

            Assert.Equal(ErrorKind.EtcdVersionRequired, ex.Kind);
            Assert.Contains(expected, ex.Message);
            Assert.Contains("-EtcdVersion", ex.Message);
        }

        [Fact]
        public void An_etcd_version_the_registry_lacks_is_refused_naming_what_it_has()
        {
            var ex = Assert.Throws<CatalogRowException>(() => Create(new[] { "3.6.9+fips.0" }, Statement(etcd: "3.6.7+fips.0")));

            Assert.Equal(ErrorKind.EtcdVersionNotFound, ex.Kind);
            Assert.Contains("has no etcd 3.6.7+fips.0 (tag v3.6.7_fips.0)", ex.Message);
            Assert.Contains("its FIPS etcd builds: 3.6.9+fips.0", ex.Message);
        }

        [Theory]
        [InlineData("3.6.9", null, null, "-EtcdVersion '3.6.9' is not a full FIPS etcd build")]
        [InlineData("3.6.9+fips", null, null, "-EtcdVersion '3.6.9+fips' is not a full FIPS etcd build")]
        [InlineData(null, "azure", "RHEL 8.10", "provider 'azure' cannot carry a FIPS build")]
        [InlineData(null, "aws", "Windows 2022", "'Windows 2022' in support.aws is not a FIPS operating system")]
        [InlineData(null, "aws", "RHEL", "'RHEL' in support.aws is not a FIPS operating system with its version")]
        public void A_value_the_catalog_would_refuse_is_refused_with_the_readers_reason(string? etcd, string? provider, string? system, string expected)
        {
            var support = provider is null ? null : new[] { Support(provider, system!) };
            var ex = Assert.Throws<CatalogRowException>(() => Create(new[] { "3.6.9+fips.0" }, Statement(support, support is not null, support is not null, etcd)));

            Assert.Equal(ErrorKind.InvalidCatalogRow, ex.Kind);
            Assert.Contains(expected, ex.Message);
        }

        [Theory]
        [InlineData("NKP", "two", "dkpVersion 'two' is not a release number")]
        [InlineData("Rancher", "2.99", "product 'Rancher' is not one of Konvoy, DKP, NKP")]
        public void A_bad_release_or_product_is_refused(string product, string release, string expected)
        {
            var statement = new FoundBuildStatement(product, release, null, false, false, null, null, FoundOn);
            var ex = Assert.Throws<CatalogRowException>(() => Create(new[] { "3.6.9+fips.0" }, statement));

            Assert.Equal(ErrorKind.InvalidCatalogRow, ex.Kind);
            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public void The_row_written_and_read_back_from_a_file_is_the_row()
        {
            var row = Create(new[] { "3.6.9+fips.0" }, Statement(new[] { Support("aws", "RHEL 8.10") }, true, true, notes: "line one\nline two: \"quoted\""));
            using var file = new TempCatalogFile(CatalogWriter.ToYaml(new[] { row }, new[] { "header" }));

            CatalogWriterTests.AssertSameRow(row, CatalogReader.ReadFile(file.Path).Single());
        }

        private static FipsBuildDefinition Create(string[] etcd, FoundBuildStatement statement)
            => FoundBuildRow.Create(Registry, "v1.99.1+fips.0", true, Array.Empty<string>(), etcd, statement);

        private static FoundBuildStatement Statement(
            IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>>? support = null, bool providers = false, bool systems = false, string? etcd = null, string? notes = null)
            => new FoundBuildStatement("NKP", "2.99", support, providers, systems, etcd, notes, FoundOn);

        private static KeyValuePair<string, IReadOnlyList<string>> Support(string provider, params string[] systems)
            => new KeyValuePair<string, IReadOnlyList<string>>(provider, systems);
    }
}
