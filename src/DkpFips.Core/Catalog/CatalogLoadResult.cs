using System.Collections.Generic;

namespace DkpFips.Core.Catalog
{
    /// <summary>A catalog plus the files that could not be applied to it.</summary>
    public sealed class CatalogLoadResult
    {
        public CatalogLoadResult(FipsCatalog catalog, IReadOnlyList<CatalogFileException> errors)
        {
            Catalog = catalog;
            Errors = errors;
        }

        public FipsCatalog Catalog { get; }

        public IReadOnlyList<CatalogFileException> Errors { get; }
    }
}
