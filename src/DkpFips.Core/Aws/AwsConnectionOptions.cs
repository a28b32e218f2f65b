namespace DkpFips.Core.Aws
{
    /// <summary>
    /// How to reach EC2: explicit credentials or a profile (else the SDK's default chain), an
    /// optional custom endpoint, and FIPS endpoints. Holds secrets: never log or print it
    /// (ToString names only which sources are set).
    /// </summary>
    public sealed class AwsConnectionOptions
    {
        public const string UseFipsEndpointVariable = "AWS_USE_FIPS_ENDPOINT";

        public string? ProfileName { get; set; }

        public string? AccessKey { get; set; }

        public string? SecretKey { get; set; }

        public string? SessionToken { get; set; }

        /// <summary>A custom EC2 endpoint (VPC endpoint, FIPS endpoint, local test server).</summary>
        public string? EndpointUrl { get; set; }

        public bool UseFipsEndpoint { get; set; }

        /// <summary>Images per DescribeImages call.</summary>
        public int ChunkSize { get; set; } = 100;

        /// <summary>Where credentials come from, for verbose output; never the values.</summary>
        public string CredentialSource =>
            AccessKey is not null ? (SessionToken is not null ? "access key parameters with a session token" : "access key parameters")
            : ProfileName is not null ? $"profile '{ProfileName}'"
            : "the SDK's default chain (environment, AWS_PROFILE, shared files, container or instance role)";

        public override string ToString() => $"AWS connection via {CredentialSource}" + (EndpointUrl is null ? string.Empty : " at " + EndpointUrl);
    }
}
