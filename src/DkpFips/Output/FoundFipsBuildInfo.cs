using System.Linq;
using DkpFips.Core.Registry;

namespace DkpFips
{
    /// <summary>One FIPS Kubernetes build a registry has (Find-FipsBuild).</summary>
    public sealed class FoundFipsBuildInfo
    {
        internal FoundFipsBuildInfo(FoundFipsBuild found)
        {
            Registry = found.Registry.ToString();
            KubernetesVersion = found.KubernetesVersion.ToKubernetesFlag();
            KubernetesImageTag = found.KubernetesVersion.ToImageTag();
            IsComplete = found.IsComplete;
            MissingComponents = found.ComponentsMissing.ToArray();
            InCatalog = found.InCatalog;
            CatalogRelease = found.CatalogBuilds.Select(b => b.Product + " " + b.DkpVersion).ToArray();
            CatalogEtcdVersion = found.CatalogBuilds.Select(b => b.EtcdVersion.ToEtcdFlag()).Distinct().ToArray();
            EtcdVersions = found.EtcdVersions.Select(v => v.ToEtcdFlag()).ToArray();
            CatalogEtcdPresent = found.InCatalog && found.CatalogBuilds.All(b => found.EtcdVersions.Contains(b.EtcdVersion));
        }

        /// <summary>The registry listed (host[:port]/namespace).</summary>
        public string Registry { get; }

        /// <summary>Flag form, e.g. v1.23.7+fips.0: pipes into Test-FipsBuild and Copy-FipsBuild.</summary>
        public string KubernetesVersion { get; }

        /// <summary>The tag the component images carry, e.g. v1.23.7_fips.0.</summary>
        public string KubernetesImageTag { get; }

        /// <summary>True when kube-apiserver, kube-controller-manager, kube-scheduler and kube-proxy all carry the tag.</summary>
        public bool IsComplete { get; }

        /// <summary>The Kubernetes component images that lack the tag.</summary>
        public string[] MissingComponents { get; }

        /// <summary>True when a catalog row has this Kubernetes version.</summary>
        public bool InCatalog { get; }

        /// <summary>The catalog releases of this version, e.g. "DKP 2.3".</summary>
        public string[] CatalogRelease { get; }

        /// <summary>The etcd version(s) the catalog rows of this build name.</summary>
        public string[] CatalogEtcdVersion { get; }

        /// <summary>True when the registry has the etcd image every catalog row of this build names.</summary>
        public bool CatalogEtcdPresent { get; }

        /// <summary>Every FIPS etcd version the registry's etcd repository has.</summary>
        public string[] EtcdVersions { get; }

        public override string ToString() => KubernetesVersion + " at " + Registry + (IsComplete ? string.Empty : " (incomplete)");
    }
}
