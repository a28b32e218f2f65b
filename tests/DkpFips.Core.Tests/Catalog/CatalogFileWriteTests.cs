using System;
using System.IO;
using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Versioning;
using Xunit;

namespace DkpFips.Core.Tests.Catalog
{
    /// <summary>CatalogWriter.WriteFile (all or nothing) and CatalogAdditions (which rows an export writes).</summary>
    public sealed class CatalogFileWriteTests : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "dkpfips-catalogwrite-" + Guid.NewGuid().ToString("N"));

        public CatalogFileWriteTests() => Directory.CreateDirectory(folder);

        public void Dispose() => Directory.Delete(folder, recursive: true);

        private static FipsBuildDefinition Row(string dkpVersion, string notes = "n") => CatalogWriterTests.NewRow(notes, "s", "RHEL 8.10", dkpVersion);

        private string[] LeftOver(string keep) => Directory.GetFiles(folder).Where(f => f != keep).ToArray();

        [Fact]
        public void WritesANewFileInUtf8WithLfThatReadsBackAndLeavesNothingElse()
        {
            var path = Path.Combine(folder, "fips-catalog.yaml");
            CatalogWriter.WriteFile(path, new[] { Row("2.17"), Row("2.18") }, new[] { "a header" });

            var bytes = File.ReadAllBytes(path);
            Assert.Equal((byte)'#', bytes[0]);
            Assert.DoesNotContain((byte)'\r', bytes);
            Assert.Equal(new[] { "2.17", "2.18" }, CatalogReader.ReadFile(path).Select(r => r.DkpVersion));
            Assert.Empty(LeftOver(path));
        }

        [Fact]
        public void ReplacesAnExistingFile()
        {
            var path = Path.Combine(folder, "fips-catalog.yaml");
            CatalogWriter.WriteFile(path, new[] { Row("2.17", "old") });
            CatalogWriter.WriteFile(path, new[] { Row("2.17", "new"), Row("2.18") });

            Assert.Equal(new[] { "new", "n" }, CatalogReader.ReadFile(path).Select(r => r.Notes));
            Assert.Empty(LeftOver(path));
        }

        [Fact]
        public void RowsTheReaderRefusesLeaveTheFileAsItWasAndNoTemporaryFile()
        {
            var path = Path.Combine(folder, "fips-catalog.yaml");
            CatalogWriter.WriteFile(path, new[] { Row("2.16") });
            var before = File.ReadAllText(path);

            // The same release and Kubernetes version twice: the catalog reader refuses the file.
            var refused = Assert.Throws<CatalogFileException>(() => CatalogWriter.WriteFile(path, new[] { Row("2.17"), Row("2.17") }));

            Assert.Contains("listed twice", refused.Message);
            Assert.Equal(before, File.ReadAllText(path));
            Assert.Empty(LeftOver(path));
        }

        [Fact]
        public void AMissingFolderIsAnIOException()
        {
            var path = Path.Combine(folder, "no-such-folder", "fips-catalog.yaml");
            Assert.ThrowsAny<IOException>(() => CatalogWriter.WriteFile(path, new[] { Row("2.17") }));
            Assert.False(File.Exists(path));
        }

        [Fact]
        public void ARowTheCatalogOrTheFileHasIsKnownInAnyCaseAndANewOneIsNot()
        {
            var builtIn = FipsCatalog.BuiltIn.Builds.First();
            var inFile = Row("2.99");
            var additions = new CatalogAdditions(FipsCatalog.BuiltIn.Builds, new[] { inFile });

            Assert.Same(builtIn, additions.Known(builtIn));
            Assert.Same(inFile, additions.Known(Row("2.99", "other notes")));
            Assert.Null(additions.Known(Row("2.98")));
        }

        [Fact]
        public void ARowIsAddedOnceAndTheFileIsTheExistingRowsThenTheAddedOnes()
        {
            var additions = new CatalogAdditions(FipsCatalog.BuiltIn.Builds, new[] { Row("2.99") });

            Assert.True(additions.TryAdd(Row("2.97")));
            Assert.False(additions.TryAdd(Row("2.97", "again")));
            Assert.True(additions.TryAdd(Row("2.98")));

            Assert.Equal(new[] { "2.97", "2.98" }, additions.Added.Select(r => r.DkpVersion));
            Assert.Equal(new[] { "2.99", "2.97", "2.98" }, additions.All.Select(r => r.DkpVersion));
            Assert.True(additions.IsAdded(Row("2.98", "read back")));
            Assert.False(additions.IsAdded(Row("2.99")));
        }

        [Fact]
        public void RowsOfAnotherKubernetesVersionAreNotTheSame()
        {
            var additions = new CatalogAdditions(FipsCatalog.BuiltIn.Builds, Array.Empty<FipsBuildDefinition>());
            var row = Row("2.97");
            var other = new FipsBuildDefinition(row.Product, row.DkpVersion, FipsVersion.Parse("1.33.3+fips.0"), row.EtcdVersion, row.KubernetesImageRepository,
                row.EtcdImageRepository, row.Support, row.Unconfirmed, row.Basis, row.Source, row.Notes, "test");

            Assert.True(additions.TryAdd(row));
            Assert.True(additions.TryAdd(other));
        }
    }
}
