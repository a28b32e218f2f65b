using System;
using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Catalog;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// The catalog a command sees: built-in rows, then files named by DKPFIPS_CATALOG_PATH, then
    /// files given with -CatalogPath (later files win). Shared by cmdlets and completers so both
    /// always agree on what exists.
    /// </summary>
    internal static class CatalogSession
    {
        public static CatalogLoadResult Load(IEnumerable<string>? explicitFiles) => FipsCatalog.Load(Files(explicitFiles));

        /// <summary>The user catalog files in force, in load order: DKPFIPS_CATALOG_PATH's, then the explicit ones.</summary>
        public static IReadOnlyList<string> Files(IEnumerable<string>? explicitFiles) =>
            FipsCatalog.SplitPathList(Environment.GetEnvironmentVariable(FipsCatalog.PathEnvironmentVariable))
                .Concat(explicitFiles ?? Enumerable.Empty<string>())
                .ToArray();
    }
}
