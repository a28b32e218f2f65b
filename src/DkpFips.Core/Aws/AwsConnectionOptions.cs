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

        /// <summary>The endpoint variables the AWS SDK honours (service-specific first), as the AWS CLI does.</summary>
        public static readonly string[] EndpointVariables = { "AWS_ENDPOINT_URL_EC2", "AWS_ENDPOINT_URL" };

        /// <summary>The endpoint the environment names for EC2, and the variable naming it; null when none does.</summary>
        public static (string Variable, string Url)? EnvironmentEndpoint(System.Func<string, string?> environment)
        {
            foreach (var name in EndpointVariables)
            {
                if (environment(name) is { } value && value.Trim().Length > 0)
                {
                    return (name, value.Trim());
                }
            }

            return null;
        }

        public string? ProfileName { get; set; }

        public string? AccessKey { get; set; }

        public string? SecretKey { get; set; }

        public string? SessionToken { get; set; }

        /// <summary>A custom EC2 endpoint (VPC endpoint, FIPS endpoint, local test server).</summary>
        public string? EndpointUrl { get; set; }

        public bool UseFipsEndpoint { get; set; }

        /// <summary>The longest a region's DescribeImages calls may take as a whole (headers and body, retries included).</summary>
        public System.TimeSpan Timeout { get; set; } = System.TimeSpan.FromSeconds(60);

        /// <summary>Images per DescribeImages call.</summary>
        public int ChunkSize { get; set; } = 100;

        /// <summary>Where credentials come from, for verbose output; never the values.</summary>
        public string CredentialSource =>
            AccessKey is not null ? (SessionToken is not null ? "access key parameters with a session token" : "access key parameters")
            : ProfileName is not null ? $"profile '{ProfileName}'"
            : "the SDK's default chain (environment, AWS_PROFILE, shared files, container or instance role)";

        public override string ToString() => $"AWS connection via {CredentialSource}" + (EndpointUrl is null ? string.Empty : " at " + Process.UrlUserInfo.Mask(EndpointUrl));
    }
}
