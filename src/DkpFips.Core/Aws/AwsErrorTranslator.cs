using System;
using System.Net.Http;
using System.Net.Sockets;
using Amazon.Runtime;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Aws
{
    /// <summary>Turns what the SDK throws into <see cref="AwsApiException"/> with a message an admin can act on.</summary>
    internal static class AwsErrorTranslator
    {
        public const string Permission = "ec2:DescribeImages";

        public static AwsApiException Translate(Exception exception, string region, string endpoint)
        {
            if (exception is AwsApiException already)
            {
                return already;
            }

            endpoint = Process.UrlUserInfo.Mask(endpoint);
            if (exception is AmazonServiceException answered && string.IsNullOrEmpty(answered.ErrorCode) && (int)answered.StatusCode >= 300 && (int)answered.StatusCode < 400)
            {
                // The SDK's own text here is "The service returned an error. See inner exception".
                return new AwsApiException(ErrorKind.AwsRequestFailed,
                    $"The endpoint {endpoint} answered DescribeImages in {region} with a redirect ({(int)answered.StatusCode} {answered.StatusCode}), not an EC2 response; give the endpoint's final URL in -EndpointUrl.",
                    region, endpoint, null, exception, AwsApiException.NotAnEc2ResponseAction);
            }

            if (exception is AmazonServiceException service && !string.IsNullOrEmpty(service.ErrorCode))
            {
                var code = service.ErrorCode;
                var detail = string.IsNullOrWhiteSpace(service.Message) ? string.Empty : " EC2 said: " + service.Message.Trim();
                switch (code)
                {
                    case "AuthFailure":
                        return new AwsApiException(ErrorKind.AwsAuthFailure,
                            $"EC2 in {region} rejected the credentials (AuthFailure): check the access key, secret key, session token or profile; the caller also needs {Permission}.{detail}",
                            region, endpoint, code, exception);
                    case "UnauthorizedOperation":
                    case "AccessDenied":
                    case "AccessDeniedException":
                        return new AwsApiException(ErrorKind.AwsUnauthorized,
                            $"The caller is not allowed to describe images in {region} ({code}): grant the {Permission} permission.{detail}",
                            region, endpoint, code, exception);
                    case "RequestLimitExceeded":
                    case "Throttling":
                    case "ThrottlingException":
                        return new AwsApiException(ErrorKind.AwsThrottled,
                            $"EC2 in {region} throttled DescribeImages ({code}) and the SDK's retries (standard mode) did not get through; try again later or with fewer images at once.{detail}",
                            region, endpoint, code, exception);
                    case "InvalidRegion":
                    case "UnknownRegion":
                        return new AwsApiException(ErrorKind.AwsRegionInvalid, $"EC2 does not know the region {region} ({code}).{detail}", region, endpoint, code, exception);
                    default:
                        return new AwsApiException(ErrorKind.AwsRequestFailed,
                            $"DescribeImages failed in {region} with {code}.{detail}", region, endpoint, code, exception);
                }
            }

            // HttpClient reports its own timeout as a cancellation that no caller asked for.
            if (IsUnreachable(exception) || exception is OperationCanceledException)
            {
                return new AwsApiException(ErrorKind.AwsEndpointUnreachable,
                    $"The EC2 endpoint {endpoint} for {region} cannot be reached: {Innermost(exception).Message.TrimEnd('.')}.",
                    region, endpoint, null, exception);
            }

            if (exception.GetType().Name.IndexOf("Credential", StringComparison.OrdinalIgnoreCase) >= 0
                || exception.Message.IndexOf("credentials", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return new AwsApiException(ErrorKind.AwsCredentialsNotFound,
                    "No AWS credentials were found: give -AwsCredential (with -SessionToken for temporary ones) or -ProfileName, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or run where an instance or container role applies.",
                    region, endpoint, null, exception);
            }

            return new AwsApiException(ErrorKind.AwsRequestFailed, $"DescribeImages failed in {region}: {exception.Message}", region, endpoint, null, exception);
        }

        private static bool IsUnreachable(Exception exception)
        {
            for (var e = exception; e is not null; e = e.InnerException)
            {
                if (e is HttpRequestException || e is SocketException || e is System.IO.IOException || e is TimeoutException || e is System.Net.WebException)
                {
                    return true;
                }
            }

            return false;
        }

        private static Exception Innermost(Exception exception)
        {
            var e = exception;
            while (e.InnerException is not null)
            {
                e = e.InnerException;
            }

            return e;
        }
    }
}
