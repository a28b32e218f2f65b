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

        // Test-FipsAmi
        public const string AwsAuthFailure = "AwsAuthFailure";
        public const string AwsUnauthorized = "AwsUnauthorized";
        public const string AwsThrottled = "AwsThrottled";
        public const string AwsEndpointUnreachable = "AwsEndpointUnreachable";
        public const string AwsRegionInvalid = "AwsRegionInvalid";
        public const string AwsRegionMissing = "AwsRegionMissing";
        public const string AwsCredentialsNotFound = "AwsCredentialsNotFound";
        public const string AwsConfigurationInvalid = "AwsConfigurationInvalid";
        public const string AwsRequestFailed = "AwsRequestFailed";
    }
}
