using System;

namespace DkpFips.Core.Aws
{
    /// <summary>
    /// A failure to ask EC2, already translated: its kind, the region and endpoint, and EC2's
    /// error code when it sent one. The message never carries credentials.
    /// </summary>
    public sealed class AwsApiException : Exception
    {
        public AwsApiException(AwsFailureKind kind, string message, string? region = null, string? endpoint = null, string? errorCode = null, Exception? innerException = null)
            : base(message, innerException)
        {
            Kind = kind;
            Region = region;
            Endpoint = endpoint;
            ErrorCode = errorCode;
        }

        public AwsFailureKind Kind { get; }

        public string? Region { get; }

        public string? Endpoint { get; }

        /// <summary>EC2's error code (AuthFailure, UnauthorizedOperation, RequestLimitExceeded, ...); null for client-side failures.</summary>
        public string? ErrorCode { get; }
    }
}
