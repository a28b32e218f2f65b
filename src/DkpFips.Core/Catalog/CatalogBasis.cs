namespace DkpFips.Core.Catalog
{
    /// <summary>How much a catalog row can be trusted: users must always be able to tell.</summary>
    public enum CatalogBasis
    {
        /// <summary>Taken from a FIPS table D2iQ published (DKP 2.1 to 2.3).</summary>
        Documented,

        /// <summary>Derived from KIB defaults and kubeadm's etcd table; not published by the vendor.</summary>
        Inferred,

        /// <summary>Added or overridden by the user through a catalog file.</summary>
        Custom,
    }
}
