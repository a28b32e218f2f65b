namespace DkpFips.Core.Catalog
{
    /// <summary>
    /// One container image a FIPS build pulls: <c>kube-apiserver:v1.23.7_fips.0</c> from the build's
    /// Kubernetes repository, <c>etcd:v3.4.13_fips.0</c> from its etcd repository, or an upstream
    /// (not FIPS-rebuilt) image such as <c>pause:3.6</c>.
    /// </summary>
    public sealed class BuildImage
    {
        public BuildImage(string name, string tag, string repository, bool isUpstream)
        {
            Name = name;
            Tag = tag;
            Repository = repository;
            IsUpstream = isUpstream;
        }

        /// <summary>Image name below the repository: <c>kube-apiserver</c>, <c>etcd</c>, <c>pause</c>, <c>coredns</c>.</summary>
        public string Name { get; }

        public string Tag { get; }

        /// <summary>Where the build's flags point kubeadm for this image, e.g. <c>docker.io/mesosphere</c>.</summary>
        public string Repository { get; }

        /// <summary>True for pause and CoreDNS: upstream images DKP does not rebuild for FIPS.</summary>
        public bool IsUpstream { get; }

        public override string ToString() => Repository + "/" + Name + ":" + Tag;
    }
}
