using System;

namespace DkpFips.Core.Catalog
{
    /// <summary>Why a found build cannot be written as a catalog row.</summary>
    public enum CatalogRowProblem
    {
        /// <summary>Not every Kubernetes component image carries the build's tag.</summary>
        Incomplete,

        /// <summary>The registry has no FIPS etcd build, or several, and none was given.</summary>
        EtcdVersionRequired,

        /// <summary>The etcd version given is not among those the registry has.</summary>
        EtcdVersionNotFound,

        /// <summary>A value the user gave (release, product, provider, operating system, ...) is not valid in a catalog row.</summary>
        InvalidValue,
    }

    /// <summary>A found build that cannot become a catalog row, with the reason.</summary>
    public sealed class CatalogRowException : Exception
    {
        public CatalogRowException(CatalogRowProblem problem, string message, Exception? inner = null)
            : base(message, inner)
        {
            Problem = problem;
        }

        public CatalogRowProblem Problem { get; }
    }
}
