using System;
using System.IO;

namespace DkpFips.Core.Tests.Catalog
{
    /// <summary>A catalog file in a temp folder that is deleted after the test.</summary>
    internal sealed class TempCatalogFile : IDisposable
    {
        public TempCatalogFile(string yaml)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dkpfips-" + Guid.NewGuid().ToString("N") + ".yaml");
            File.WriteAllText(Path, yaml);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
