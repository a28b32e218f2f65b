using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCheck;
using DkpFips.Core.Catalog;
using DkpFips.Core.Versioning;
using Xunit;

namespace DkpFips.Core.Tests.Catalog
{
    /// <summary>CatalogWriter's text read back by CatalogReader gives the same rows, whatever text they hold.</summary>
    public class CatalogWriterTests
    {
        // What breaks YAML written by hand: quotes, ': ', ' #', a leading '-', '[', '{', '&', '*',
        // '!', '%', '@', '`', line breaks, tabs, a BOM-like or non-ASCII letter, control characters.
        private static readonly Gen<string> OddText = Gen.String[Gen.OneOf(
            Gen.Char["'\":#-[]{},&*!%@`|>?\\ \t\n\r"],
            Gen.Char['a', 'z'],
            Gen.Char["é日\u00a0\u2028\u0001\u007f\ufeff"]), 0, 24];

        [Fact]
        public void The_whole_built_in_catalog_round_trips_field_for_field()
        {
            var rows = FipsCatalog.BuiltIn.Builds;

            var read = CatalogReader.Read(new StringReader(CatalogWriter.ToYaml(rows)), "written", CatalogBasis.Custom);

            Assert.Equal(rows.Count, read.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                AssertSameRow(rows[i], read[i]);
            }

            // Konvoy 2.0 keeps its bare etcd marker (unconfirmed), not an invented build number.
            Assert.Equal("v3.4.13_fips", read.First(r => r.Product == "Konvoy").EtcdImageTag);
        }

        [Fact]
        public void Odd_text_in_every_free_field_round_trips()
        {
            Gen.Select(OddText, OddText, OddText).Sample((notes, source, system) =>
            {
                var row = NewRow(notes, source, "RHEL 8." + (system.Length % 10));
                var read = CatalogReader.Read(new StringReader(CatalogWriter.ToYaml(new[] { row })), "written", CatalogBasis.Custom).Single();
                AssertSameRow(row, read);
            }, iter: 400, threads: 1);
        }

        [Fact]
        public void A_release_that_reads_as_a_number_stays_text()
        {
            var yaml = CatalogWriter.ToYaml(new[] { NewRow("n", "s", "RHEL 8.10", dkpVersion: "2.10") });

            Assert.Contains("dkpVersion: '2.10'", yaml);
            Assert.Equal("2.10", CatalogReader.Read(new StringReader(yaml), "written", CatalogBasis.Custom).Single().DkpVersion);
        }

        [Fact]
        public void A_header_line_break_cannot_start_a_line_of_yaml()
        {
            var yaml = CatalogWriter.ToYaml(new[] { NewRow("n", "s", "RHEL 8.10") }, new[] { "first\nbuilds: []" });

            Assert.StartsWith("# first builds: []\n", yaml);
            Assert.Single(CatalogReader.Read(new StringReader(yaml), "written", CatalogBasis.Custom));
        }

        internal static void AssertSameRow(FipsBuildDefinition expected, FipsBuildDefinition actual)
        {
            Assert.Equal(expected.Product, actual.Product);
            Assert.Equal(expected.DkpVersion, actual.DkpVersion);
            Assert.Equal(expected.KubernetesVersion.ToKubernetesFlag(), actual.KubernetesVersion.ToKubernetesFlag());
            Assert.Equal(expected.EtcdVersion.ToEtcdFlag(), actual.EtcdVersion.ToEtcdFlag());
            Assert.Equal(expected.KubernetesImageRepository, actual.KubernetesImageRepository);
            Assert.Equal(expected.EtcdImageRepository, actual.EtcdImageRepository);
            Assert.Equal(expected.DescribeSupport(), actual.DescribeSupport());
            Assert.Equal(expected.Unconfirmed, actual.Unconfirmed);
            Assert.Equal(expected.Basis, actual.Basis);
            Assert.Equal(expected.Source.Trim(), actual.Source);
            Assert.Equal(expected.Notes.Trim(), actual.Notes);
        }

        internal static FipsBuildDefinition NewRow(string notes, string source, string system, string dkpVersion = "2.17")
            => new FipsBuildDefinition(
                "NKP",
                dkpVersion,
                FipsVersion.Parse("1.33.2+fips.0"),
                FipsVersion.Parse("3.5.21+fips.0"),
                "registry.example.com:5000/mirror/mesosphere",
                "registry.example.com:5000/mirror/mesosphere",
                new[] { new KeyValuePair<string, IReadOnlyList<string>>("aws", new[] { system }), new KeyValuePair<string, IReadOnlyList<string>>("vsphere", Array.Empty<string>()) },
                new[] { "etcdVersion" },
                CatalogBasis.Custom,
                source,
                notes,
                "test");
    }
}
