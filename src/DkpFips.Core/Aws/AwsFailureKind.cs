namespace DkpFips.Core.Aws
{
    /// <summary>Why a call to EC2 failed, as the cmdlets map it to error ids and categories.</summary>
    public enum AwsFailureKind
    {
        /// <summary>AuthFailure: EC2 could not validate the credentials.</summary>
        AuthFailure,

        /// <summary>UnauthorizedOperation: the caller lacks ec2:DescribeImages.</summary>
        Unauthorized,

        /// <summary>RequestLimitExceeded or another throttling code, after the SDK's retries.</summary>
        Throttled,

        /// <summary>The endpoint could not be reached (refused, DNS, TLS, timeout).</summary>
        EndpointUnreachable,

        /// <summary>The region name is not a region.</summary>
        InvalidRegion,

        /// <summary>No region from the parameter, environment or profile.</summary>
        NoRegion,

        /// <summary>No credentials could be found, or a named profile does not exist.</summary>
        NoCredentials,

        /// <summary>Parameters that do not go together.</summary>
        InvalidConfiguration,

        /// <summary>Any other service error.</summary>
        ServiceError,

        /// <summary>The answer was not an EC2 Query API response (an HTML page, a proxy's page).</summary>
        NotAnEc2Response,

        /// <summary>The endpoint took longer than the timeout (-TimeoutSec) to answer as a whole.</summary>
        Timeout,
    }
}
