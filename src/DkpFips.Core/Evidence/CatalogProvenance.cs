using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using DkpFips.Core.Catalog;

namespace DkpFips.Core.Evidence
{
    /// <summary>
    /// Names the catalog a verdict rests on, for a report: the built-in rows and each user file with
    /// a SHA-256 of its content, so an auditor can tell later which file was in force.
    /// </summary>
    public static class CatalogProvenance
    {
        public static IReadOnlyList<string> Describe(string moduleVersion, IEnumerable<string> userFiles)
        {
            var sources = new List<string> { $"built-in (DkpFips {moduleVersion}, {FipsCatalog.BuiltIn.Builds.Count} builds)" };
            foreach (var file in userFiles.Distinct())
            {
                sources.Add(File.Exists(file) ? $"{file} (sha256 {Sha256(file)})" : $"{file} (not found)");
            }

            return sources;
        }

        private static string Sha256(string file)
        {
            using var sha = SHA256.Create();
            using var stream = File.OpenRead(file);
            return string.Concat(sha.ComputeHash(stream).Select(b => b.ToString("x2")));
        }
    }
}
