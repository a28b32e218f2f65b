using System;
using System.Collections.Generic;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Catalog
{
    /// <summary>
    /// One supported FIPS build: what <c>dkp create cluster</c> needs to create a FIPS cluster
    /// of one DKP/NKP release. Immutable; rows come from the built-in catalog or user files.
    /// </summary>
    public sealed class FipsBuildDefinition
    {
        public const string DefaultRepository = "docker.io/mesosphere";

        public FipsBuildDefinition(
            string product,
            string dkpVersion,
            FipsVersion kubernetesVersion,
            FipsVersion etcdVersion,
            string kubernetesImageRepository,
            string etcdImageRepository,
            IReadOnlyList<string> operatingSystems,
            IReadOnlyList<string> providers,
            CatalogBasis basis,
            string source,
            string notes,
            string origin)
        {
            if (!kubernetesVersion.IsFips || kubernetesVersion.IsVersionLine)
            {
                throw new ArgumentException($"A FIPS build needs a full +fips Kubernetes version; got {kubernetesVersion}.", nameof(kubernetesVersion));
            }

            if (!etcdVersion.IsFips || etcdVersion.IsVersionLine)
            {
                throw new ArgumentException($"A FIPS build needs a full +fips etcd version; got {etcdVersion}.", nameof(etcdVersion));
            }

            Product = product;
            DkpVersion = dkpVersion;
            KubernetesVersion = kubernetesVersion;
            EtcdVersion = etcdVersion;
            KubernetesImageRepository = kubernetesImageRepository;
            EtcdImageRepository = etcdImageRepository;
            OperatingSystems = operatingSystems;
            Providers = providers;
            Basis = basis;
            Source = source;
            Notes = notes;
            Origin = origin;
        }

        /// <summary>Konvoy, DKP or NKP.</summary>
        public string Product { get; }

        /// <summary>The release, e.g. <c>2.3</c>.</summary>
        public string DkpVersion { get; }

        public FipsVersion KubernetesVersion { get; }

        public FipsVersion EtcdVersion { get; }

        public string KubernetesImageRepository { get; }

        public string EtcdImageRepository { get; }

        /// <summary>kube-apiserver, -controller-manager, -scheduler and kube-proxy tag: <c>v1.23.7_fips.0</c>.</summary>
        public string KubernetesImageTag => KubernetesVersion.ToImageTag();

        /// <summary>etcd tag: <c>v3.4.13_fips.0</c>.</summary>
        public string EtcdImageTag => EtcdVersion.ToImageTag();

        public IReadOnlyList<string> OperatingSystems { get; }

        public IReadOnlyList<string> Providers { get; }

        public CatalogBasis Basis { get; }

        /// <summary>Where the row's facts come from (a document, a repository file).</summary>
        public string Source { get; }

        public string Notes { get; }

        /// <summary><c>built-in</c>, or the path of the catalog file that supplied the row.</summary>
        public string Origin { get; }

        /// <summary>
        /// The images a cluster of this build pulls, in the order kubeadm lists them: the four
        /// Kubernetes components with <see cref="KubernetesImageTag"/>, etcd with
        /// <see cref="EtcdImageTag"/> and, with <paramref name="includeUpstream"/>, the upstream
        /// pause and CoreDNS images kubeadm pulls from the same repository
        /// (<see cref="UpstreamImageVersions"/>; left out for a minor the table does not know).
        /// </summary>
        public IReadOnlyList<BuildImage> GetImages(bool includeUpstream)
        {
            var images = new List<BuildImage>
            {
                new BuildImage("kube-apiserver", KubernetesImageTag, KubernetesImageRepository, false),
                new BuildImage("kube-controller-manager", KubernetesImageTag, KubernetesImageRepository, false),
                new BuildImage("kube-scheduler", KubernetesImageTag, KubernetesImageRepository, false),
                new BuildImage("kube-proxy", KubernetesImageTag, KubernetesImageRepository, false),
                new BuildImage("etcd", EtcdImageTag, EtcdImageRepository, false),
            };

            var upstream = includeUpstream ? UpstreamImageVersions.For(KubernetesVersion) : null;
            if (upstream is not null)
            {
                images.Add(new BuildImage("pause", upstream.Value.Key, KubernetesImageRepository, true));
                images.Add(new BuildImage("coredns", upstream.Value.Value, KubernetesImageRepository, true));
            }

            return images;
        }

        /// <summary>Rows with the same key describe the same build; a later file's row replaces an earlier one.</summary>
        public string Key => DkpVersion + "|" + KubernetesVersion.ToFlagString();

        public override string ToString() => $"{Product} {DkpVersion}: Kubernetes {KubernetesVersion}, etcd {EtcdVersion}";
    }
}
