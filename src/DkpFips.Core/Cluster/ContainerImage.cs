using System;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// An image reference split the way the checks compare it: repository (registry and path,
    /// e.g. <c>docker.io/mesosphere</c>), component name (<c>kube-apiserver</c>) and tag.
    /// Docker Hub's implicit forms (<c>mesosphere/etcd</c>, <c>index.docker.io/...</c>) become
    /// <c>docker.io/...</c> so that a mirror and the default compare as written.
    /// </summary>
    public sealed class ContainerImage
    {
        private ContainerImage(string repository, string name, string? tag, string? digest)
        {
            Repository = repository;
            Name = name;
            Tag = tag;
            Digest = digest;
        }

        public string Repository { get; }

        public string Name { get; }

        public string? Tag { get; }

        public string? Digest { get; }

        public static ContainerImage Parse(string reference)
        {
            var text = reference.Trim();
            string? digest = null;
            var at = text.IndexOf('@');
            if (at >= 0)
            {
                digest = text.Substring(at + 1);
                text = text.Substring(0, at);
            }

            string? tag = null;
            var lastSlash = text.LastIndexOf('/');
            var colon = text.LastIndexOf(':');
            if (colon > lastSlash)
            {
                tag = text.Substring(colon + 1);
                text = text.Substring(0, colon);
            }

            lastSlash = text.LastIndexOf('/');
            var name = lastSlash >= 0 ? text.Substring(lastSlash + 1) : text;
            var repository = lastSlash >= 0 ? text.Substring(0, lastSlash) : string.Empty;
            return new ContainerImage(NormalizeRepository(repository), name, tag, digest);
        }

        /// <summary>
        /// <c>mesosphere</c> and <c>index.docker.io/mesosphere</c> become <c>docker.io/mesosphere</c>;
        /// a trailing slash and case of the registry host are ignored.
        /// </summary>
        public static string NormalizeRepository(string repository)
        {
            var text = repository.Trim().TrimEnd('/');
            if (text.Length == 0)
            {
                return "docker.io/library";
            }

            var slash = text.IndexOf('/');
            var first = slash >= 0 ? text.Substring(0, slash) : text;
            var looksLikeHost = first.IndexOf('.') >= 0 || first.IndexOf(':') >= 0 || string.Equals(first, "localhost", StringComparison.OrdinalIgnoreCase);
            if (!looksLikeHost)
            {
                return "docker.io/" + text;
            }

            var rest = slash >= 0 ? text.Substring(slash) : string.Empty;
            var host = first.ToLowerInvariant();
            if (host == "index.docker.io" || host == "registry-1.docker.io")
            {
                host = "docker.io";
            }

            return host + rest;
        }

        public static bool SameRepository(string left, string right) =>
            string.Equals(NormalizeRepository(left), NormalizeRepository(right), StringComparison.Ordinal);

        public override string ToString() => Repository + "/" + Name + (Tag is null ? string.Empty : ":" + Tag) + (Digest is null ? string.Empty : "@" + Digest);
    }
}
