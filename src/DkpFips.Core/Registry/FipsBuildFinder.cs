using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Catalog;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Registry
{
    /// <summary>
    /// Finds the FIPS builds a registry really has: lists the tags of the four Kubernetes
    /// component repositories and of etcd below one namespace, keeps the tags with a FIPS build
    /// marker, and groups them by Kubernetes version. The registry is the ground truth; the
    /// catalog only says which found builds it already knows.
    /// </summary>
    public sealed class FipsBuildFinder
    {
        /// <summary>The Kubernetes component images of every FIPS build, in kubeadm's order.</summary>
        public static readonly IReadOnlyList<string> Components = new[] { "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kube-proxy" };

        public const string Etcd = "etcd";

        private readonly RegistryClient client;

        public FipsBuildFinder(RegistryClient client)
        {
            this.client = client;
        }

        /// <summary>Builds found, oldest first. Throws <see cref="RegistryTransferException"/> when a tag list cannot be read.</summary>
        public async Task<IReadOnlyList<FoundFipsBuild>> FindAsync(RegistryReference registry, FipsCatalog catalog, CancellationToken cancellationToken)
        {
            var names = Components.Concat(new[] { Etcd }).ToArray();
            var lists = await Task.WhenAll(names.Select(name => client.ListTagsAsync(registry, registry.RepositoryOf(name), cancellationToken))).ConfigureAwait(false);

            var byComponent = new Dictionary<string, HashSet<FipsVersion>>();
            for (var i = 0; i < names.Length; i++)
            {
                byComponent[names[i]] = new HashSet<FipsVersion>(FipsVersions(lists[i]));
            }

            var etcd = byComponent[Etcd].OrderBy(v => v).ToArray();
            return Components
                .SelectMany(c => byComponent[c])
                .Distinct()
                .OrderBy(v => v)
                .Select(version => new FoundFipsBuild(
                    registry,
                    version,
                    Components.Where(c => byComponent[c].Contains(version)).ToArray(),
                    Components.Where(c => !byComponent[c].Contains(version)).ToArray(),
                    catalog.Find(version),
                    etcd))
                .ToArray();
        }

        /// <summary>The tags that name one full FIPS version (<c>v1.23.7_fips.0</c>); <c>latest</c>, <c>v1.23.7</c> and the like are ignored.</summary>
        public static IEnumerable<FipsVersion> FipsVersions(IEnumerable<string> tags)
        {
            foreach (var tag in tags)
            {
                if (FipsVersion.TryParse(tag, out var version) && version!.IsFips && !version.IsVersionLine)
                {
                    yield return version;
                }
            }
        }
    }
}
