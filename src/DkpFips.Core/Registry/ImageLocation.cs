using System.Globalization;

namespace DkpFips.Core.Registry
{
    /// <summary>One manifest to check: a registry, a repository in it and a tag.</summary>
    public sealed class ImageLocation
    {
        public ImageLocation(RegistryReference registry, string repository, string tag)
        {
            Registry = registry;
            Repository = repository;
            Tag = tag;
        }

        public RegistryReference Registry { get; }

        /// <summary>Full repository name in the registry: <c>mesosphere/kube-apiserver</c>.</summary>
        public string Repository { get; }

        public string Tag { get; }

        /// <summary><c>host[:port]/repository:tag</c>, as people write image references.</summary>
        public string Reference =>
            Registry.Host + (Registry.Port is null ? string.Empty : ":" + Registry.Port.Value.ToString(CultureInfo.InvariantCulture)) + "/" + Repository + ":" + Tag;

        /// <summary>Same key, same request: identical images of several builds are checked once.</summary>
        internal string Key => Registry.BaseUri + Repository + ":" + Tag;

        public override string ToString() => Reference;
    }
}
