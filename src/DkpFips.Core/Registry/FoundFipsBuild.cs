using System.Collections.Generic;
using DkpFips.Core.Catalog;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Registry
{
    /// <summary>One FIPS Kubernetes build a registry has: the components carrying its tag, and what the catalog says of it.</summary>
    public sealed class FoundFipsBuild
    {
        public FoundFipsBuild(
            RegistryReference registry,
            FipsVersion kubernetesVersion,
            IReadOnlyList<string> componentsPresent,
            IReadOnlyList<string> componentsMissing,
            IReadOnlyList<FipsBuildDefinition> catalogBuilds,
            IReadOnlyList<FipsVersion> etcdVersions)
        {
            Registry = registry;
            KubernetesVersion = kubernetesVersion;
            ComponentsPresent = componentsPresent;
            ComponentsMissing = componentsMissing;
            CatalogBuilds = catalogBuilds;
            EtcdVersions = etcdVersions;
        }

        public RegistryReference Registry { get; }

        public FipsVersion KubernetesVersion { get; }

        /// <summary>The Kubernetes component images (of the four) that carry the build's tag.</summary>
        public IReadOnlyList<string> ComponentsPresent { get; }

        public IReadOnlyList<string> ComponentsMissing { get; }

        /// <summary>True when kube-apiserver, kube-controller-manager, kube-scheduler and kube-proxy all carry the tag.</summary>
        public bool IsComplete => ComponentsMissing.Count == 0;

        /// <summary>Catalog rows of this Kubernetes version (several releases may share one).</summary>
        public IReadOnlyList<FipsBuildDefinition> CatalogBuilds { get; }

        public bool InCatalog => CatalogBuilds.Count > 0;

        /// <summary>Every FIPS etcd version the registry's etcd repository has (the same for every build found).</summary>
        public IReadOnlyList<FipsVersion> EtcdVersions { get; }
    }
}
