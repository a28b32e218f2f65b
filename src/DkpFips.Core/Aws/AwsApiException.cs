using System;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Aws
{
    /// <summary>
    /// A failure to ask EC2, already translated: its kind, the region and endpoint, and EC2's
    /// error code when it sent one. The message never carries credentials. Its kind is one of the
    /// Aws* kinds (AwsRequestFailed for any other service error, or an answer that is not EC2's).
    /// </summary>
    public sealed class AwsApiException : DkpFipsException
    {
        /// <summary>The advice for an answer that is not EC2's (an HTML page, a proxy's page, a redirect).</summary>
        public const string NotAnEc2ResponseAction = "Check -EndpointUrl (or the proxy): it must be an EC2 endpoint.";

        public AwsApiException(ErrorKind kind, string message, string? region = null, string? endpoint = null, string? errorCode = null, Exception? innerException = null, string? recommendedAction = null)
            : base(kind, message, region, recommendedAction, innerException)
        {
            Region = region;
            Endpoint = endpoint;
            ErrorCode = errorCode;
        }

        public string? Region { get; }

        public string? Endpoint { get; }

        /// <summary>EC2's error code (AuthFailure, UnauthorizedOperation, RequestLimitExceeded, ...); null for client-side failures.</summary>
        public string? ErrorCode { get; }
    }
}
