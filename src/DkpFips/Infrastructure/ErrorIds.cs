namespace DkpFips.Infrastructure
{
    /// <summary>
    /// Stable ErrorIds: scripts and CI filter on them (FullyQualifiedErrorId), so they never change
    /// once released. New failures get new ids.
    /// </summary>
    internal static class ErrorIds
    {
        public const string InvalidKubernetesVersion = "InvalidKubernetesVersion";
        public const string FipsBuildNotFound = "FipsBuildNotFound";
        public const string CatalogFileInvalid = "CatalogFileInvalid";
        public const string CatalogFileNotFound = "CatalogFileNotFound";
        public const string InvalidRegistry = "InvalidRegistry";
        public const string InsecureRegistry = "InsecureRegistry";
        public const string InvalidBuildRepository = "InvalidBuildRepository";
        public const string RegistryUnauthorized = "RegistryUnauthorized";
        public const string RegistryRequestFailed = "RegistryRequestFailed";

        // Test-DkpFipsCluster
        public const string RequiresPowerShell7 = "RequiresPowerShell7";
        public const string InvalidExpectedBuild = "InvalidExpectedBuild";
        public const string ManagementClusterNameMissing = "ManagementClusterNameMissing";
        public const string KubeconfigInvalid = "KubeconfigInvalid";
        public const string ClusterUnreachable = "ClusterUnreachable";
        public const string ClusterTlsFailure = "ClusterTlsFailure";
        public const string ClusterUnauthorized = "ClusterUnauthorized";
        public const string ClusterPermissionDenied = "ClusterPermissionDenied";
        public const string ClusterApiNotInstalled = "ClusterApiNotInstalled";
        public const string ClusterObjectNotFound = "ClusterObjectNotFound";
        public const string ClusterTimeout = "ClusterTimeout";
        public const string ClusterReadFailed = "ClusterReadFailed";
    }
}
