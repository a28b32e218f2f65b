using System;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Catalog
{
    /// <summary>
    /// A found build that cannot become a catalog row. Its kind says why: RegistryImageNotFound
    /// (not every Kubernetes component image carries the build's tag), EtcdVersionRequired (the
    /// registry has no FIPS etcd build, or several, and none was given), EtcdVersionNotFound (the
    /// etcd version given is not among the registry's) or InvalidCatalogRow (a value the user gave
    /// is not valid in a catalog row).
    /// </summary>
    public sealed class CatalogRowException : DkpFipsException
    {
        public CatalogRowException(ErrorKind kind, string message, Exception? inner = null)
            : base(kind, message, null, null, inner)
        {
        }
    }
}
