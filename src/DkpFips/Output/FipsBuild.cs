using System.Linq;
using DkpFips.Core.Catalog;

namespace DkpFips
{
    /// <summary>
    /// One supported FIPS build, as Get-FipsBuild emits it and as New-DkpFipsCluster and the
    /// Test-* cmdlets accept it from the pipeline. Lives in the cmdlet assembly (so scripts can
    /// write [DkpFips.FipsBuild]); the engine's row it came from travels with it.
    /// </summary>
    public sealed class FipsBuild
    {
        internal FipsBuild(FipsBuildDefinition definition)
        {
            Definition = definition;
            Product = definition.Product;
            DkpVersion = definition.DkpVersion;
            KubernetesVersion = definition.KubernetesVersion.ToKubernetesFlag();
            EtcdVersion = definition.EtcdVersion.ToEtcdFlag();
            KubernetesImageRepository = definition.KubernetesImageRepository;
            EtcdImageRepository = definition.EtcdImageRepository;
            KubernetesImageTag = definition.KubernetesImageTag;
            EtcdImageTag = definition.EtcdImageTag;
            SupportedOperatingSystems = definition.OperatingSystems.ToArray();
            SupportedProviders = definition.Providers.ToArray();
            SupportByProvider = definition.DescribeSupport().ToArray();
            Unconfirmed = definition.Unconfirmed.ToArray();
            Basis = definition.Basis.ToString();
            Source = definition.Source;
            Notes = definition.Notes;
            Origin = definition.Origin;
        }

        /// <summary>Konvoy, DKP or NKP.</summary>
        public string Product { get; }

        /// <summary>The DKP/NKP release, e.g. 2.3.</summary>
        public string DkpVersion { get; }

        /// <summary>The --kubernetes-version value, e.g. v1.23.7+fips.0.</summary>
        public string KubernetesVersion { get; }

        /// <summary>The --etcd-version value, e.g. 3.4.13+fips.0.</summary>
        public string EtcdVersion { get; }

        /// <summary>The --kubernetes-image-repository value.</summary>
        public string KubernetesImageRepository { get; }

        /// <summary>The --etcd-image-repository value.</summary>
        public string EtcdImageRepository { get; }

        /// <summary>Tag of kube-apiserver, kube-controller-manager, kube-scheduler and kube-proxy, e.g. v1.23.7_fips.0.</summary>
        public string KubernetesImageTag { get; }

        /// <summary>Tag of the etcd image, e.g. v3.4.13_fips.0.</summary>
        public string EtcdImageTag { get; }

        /// <summary>Every operating system the release supports FIPS on, on any provider.</summary>
        public string[] SupportedOperatingSystems { get; }

        /// <summary>The providers the release supports FIPS clusters on.</summary>
        public string[] SupportedProviders { get; }

        /// <summary>One line per provider with its FIPS operating systems, e.g. "vsphere: RHEL 7.9, RHEL 8.4".</summary>
        public string[] SupportByProvider { get; }

        /// <summary>The row's fields no vendor source confirmed (etcdVersion, providers, operatingSystems, ...); empty when all are.</summary>
        public string[] Unconfirmed { get; }

        /// <summary>Documented (vendor table), Inferred (derived, check the release notes) or Custom (a user file).</summary>
        public string Basis { get; }

        /// <summary>Where the row's facts come from.</summary>
        public string Source { get; }

        public string Notes { get; }

        /// <summary>built-in, or the catalog file the row came from.</summary>
        public string Origin { get; }

        internal FipsBuildDefinition Definition { get; }

        public override string ToString() => $"{Product} {DkpVersion} FIPS build: Kubernetes {KubernetesVersion}, etcd {EtcdVersion}";
    }
}
