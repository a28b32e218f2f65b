using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// What a FIPS cluster's components must run: where the images come from (the FIPS
    /// repository, or the mirror the user names) and, when known, the exact build.
    /// </summary>
    public sealed class FipsExpectations
    {
        public FipsExpectations(string kubernetesImageRepository, string etcdImageRepository, FipsBuildDefinition? expectedBuild, FipsVersion? expectedKubernetesVersion, FipsBuildDefinition? catalogBuild)
        {
            KubernetesImageRepository = kubernetesImageRepository;
            EtcdImageRepository = etcdImageRepository;
            ExpectedBuild = expectedBuild;
            ExpectedKubernetesVersion = expectedKubernetesVersion ?? expectedBuild?.KubernetesVersion;
            CatalogBuild = catalogBuild;
        }

        public string KubernetesImageRepository { get; }

        public string EtcdImageRepository { get; }

        /// <summary>The build the user said the cluster must be (-ExpectedBuild), if any.</summary>
        public FipsBuildDefinition? ExpectedBuild { get; }

        /// <summary>The Kubernetes version the user said the cluster must run, if any.</summary>
        public FipsVersion? ExpectedKubernetesVersion { get; }

        /// <summary>The catalog's build for the version the cluster runs (for the etcd tag), if any.</summary>
        public FipsBuildDefinition? CatalogBuild { get; }

        /// <summary>
        /// Repositories: the user's, else the expected build's, else the catalog row of the
        /// running version, else <c>docker.io/mesosphere</c>. The etcd repository follows the
        /// Kubernetes one when only that is given (a mirror holds both).
        /// </summary>
        public static FipsExpectations Resolve(
            FipsCatalog catalog,
            string? runningVersion,
            FipsBuildDefinition? expectedBuild,
            FipsVersion? expectedKubernetesVersion,
            string? imageRepository,
            string? etcdImageRepository)
        {
            FipsBuildDefinition? catalogBuild = null;
            if (FipsVersion.TryParse(runningVersion, out var running) && running!.IsFips)
            {
                catalogBuild = catalog.Select(running);
            }

            var basis = expectedBuild ?? catalogBuild;
            var kubernetesRepository = imageRepository ?? basis?.KubernetesImageRepository ?? FipsBuildDefinition.DefaultRepository;
            var etcdRepository = etcdImageRepository ?? imageRepository ?? basis?.EtcdImageRepository ?? FipsBuildDefinition.DefaultRepository;
            return new FipsExpectations(kubernetesRepository, etcdRepository, expectedBuild, expectedKubernetesVersion, catalogBuild);
        }
    }
}
