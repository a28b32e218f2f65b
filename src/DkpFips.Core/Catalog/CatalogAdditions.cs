using System;
using System.Collections.Generic;
using System.Linq;

namespace DkpFips.Core.Catalog
{
    /// <summary>
    /// The rows a user catalog file is written with: the rows it already has (kept, first), then
    /// new rows, none of which a catalog or the file already has and none twice. Rows are the same
    /// when their <see cref="FipsBuildDefinition.Key"/> (release and Kubernetes version) is, in any case.
    /// </summary>
    public sealed class CatalogAdditions
    {
        private readonly IReadOnlyList<FipsBuildDefinition> catalog;
        private readonly List<FipsBuildDefinition> added = new List<FipsBuildDefinition>();

        /// <param name="catalog">The rows of the catalog in use (built-in, DKPFIPS_CATALOG_PATH, -CatalogPath): known already.</param>
        /// <param name="existing">The rows of the file being added to; none when it is replaced.</param>
        public CatalogAdditions(IReadOnlyList<FipsBuildDefinition> catalog, IReadOnlyList<FipsBuildDefinition> existing)
        {
            this.catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
            Existing = existing ?? throw new ArgumentNullException(nameof(existing));
        }

        public IReadOnlyList<FipsBuildDefinition> Existing { get; }

        public IReadOnlyList<FipsBuildDefinition> Added => added;

        /// <summary>Every row of the file to write: the existing rows, then the added ones.</summary>
        public IReadOnlyList<FipsBuildDefinition> All => Existing.Concat(added).ToList();

        /// <summary>The row the catalog (else the existing file) already has for this row's release and Kubernetes version; null when none.</summary>
        public FipsBuildDefinition? Known(FipsBuildDefinition row) =>
            catalog.FirstOrDefault(b => SameKey(b, row)) ?? Existing.FirstOrDefault(b => SameKey(b, row));

        /// <summary>Adds the row; false (and nothing added) when an added row has its release and Kubernetes version.</summary>
        public bool TryAdd(FipsBuildDefinition row)
        {
            if (IsAdded(row))
            {
                return false;
            }

            added.Add(row);
            return true;
        }

        /// <summary>True when an added row has this row's release and Kubernetes version (e.g. a row of the file read back).</summary>
        public bool IsAdded(FipsBuildDefinition row) => added.Any(r => SameKey(r, row));

        private static bool SameKey(FipsBuildDefinition a, FipsBuildDefinition b) => string.Equals(a.Key, b.Key, StringComparison.OrdinalIgnoreCase);
    }
}
