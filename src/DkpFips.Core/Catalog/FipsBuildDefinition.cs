using System;
using System.Collections.Generic;
using System.Linq;
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
            : this(product, dkpVersion, kubernetesVersion, etcdVersion, kubernetesImageRepository, etcdImageRepository,
                  providers.Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p, operatingSystems)).ToArray(),
                  Array.Empty<string>(), basis, source, notes, origin)
        {
        }

        /// <summary>
        /// A row with its support per provider (catalog schema 2): <paramref name="support"/> lists,
        /// for each provider in order, the operating systems the release supports FIPS on there.
        /// <paramref name="unconfirmed"/> names the fields no vendor source confirmed.
        /// </summary>
        public FipsBuildDefinition(
            string product,
            string dkpVersion,
            FipsVersion kubernetesVersion,
            FipsVersion etcdVersion,
            string kubernetesImageRepository,
            string etcdImageRepository,
            IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> support,
            IReadOnlyList<string> unconfirmed,
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
            Support = support;
            Unconfirmed = unconfirmed;
            Providers = support.Select(s => s.Key).ToArray();
            OperatingSystems = support.SelectMany(s => s.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
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

        /// <summary>Every operating system with FIPS support on any provider (the union of <see cref="Support"/>).</summary>
        public IReadOnlyList<string> OperatingSystems { get; }

        /// <summary>The providers with FIPS support, in catalog order.</summary>
        public IReadOnlyList<string> Providers { get; }

        /// <summary>For each provider, the operating systems the release supports FIPS on there.</summary>
        public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Support { get; }

        /// <summary>Catalog fields (etcdVersion, providers, operatingSystems, ...) that no vendor source confirmed.</summary>
        public IReadOnlyList<string> Unconfirmed { get; }

        /// <summary>Whether the release supports FIPS clusters on <paramref name="provider"/>.</summary>
        public bool SupportsProvider(string provider) => Providers.Contains(provider, StringComparer.OrdinalIgnoreCase);

        /// <summary>The operating systems the release supports FIPS on for <paramref name="provider"/> (empty when the provider is not supported).</summary>
        public IReadOnlyList<string> OperatingSystemsFor(string provider)
            => Support.Where(s => string.Equals(s.Key, provider, StringComparison.OrdinalIgnoreCase)).Select(s => s.Value).FirstOrDefault() ?? Array.Empty<string>();

        /// <summary>Whether the release supports FIPS on <paramref name="operatingSystem"/> (rhel-8.4, RHEL 8.4, ...) with <paramref name="provider"/>.</summary>
        public bool Supports(string provider, string operatingSystem)
            => OperatingSystemsFor(provider).Any(os => OperatingSystemName.Same(os, operatingSystem));

        /// <summary>The support per provider as one line each, e.g. <c>vsphere: RHEL 7.9, RHEL 8.4</c>.</summary>
        public IReadOnlyList<string> DescribeSupport()
            => Support.Select(s => s.Key + ": " + (s.Value.Count == 0 ? "(no operating system listed)" : string.Join(", ", s.Value))).ToArray();

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
        public string Key => DkpVersion + "|" + KubernetesVersion.ToKubernetesFlag();

        public override string ToString() => $"{Product} {DkpVersion}: Kubernetes {KubernetesVersion}, etcd {EtcdVersion.ToEtcdFlag()}";
    }
}
