using System;
using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Aws
{
    /// <summary>
    /// Builds the EC2 client for one region. Credentials: the access key parameters, else the
    /// named profile, else the SDK's default chain (environment, AWS_PROFILE, shared files, web
    /// identity, container and instance roles). A custom endpoint is set with ServiceURL plus
    /// AuthenticationRegion (setting RegionEndpoint after ServiceURL would drop the URL).
    /// </summary>
    internal static class Ec2ClientFactory
    {
        public static AmazonEC2Client Create(AwsConnectionOptions options, string region) =>
            Create(options, region, ResolveCredentials(options));

        /// <summary>
        /// The client for one region with credentials already resolved (<see cref="ResolveCredentials"/>),
        /// so that the regions of one run share them: the shared files are read once, and a profile
        /// that assumes a role asks STS once, not once per region. Null: the SDK's default chain.
        /// </summary>
        public static AmazonEC2Client Create(AwsConnectionOptions options, string region, AWSCredentials? credentials)
        {
            var config = new AmazonEC2Config
            {
                RetryMode = RequestRetryMode.Standard,
            };

            if (options.EndpointUrl is not null)
            {
                if (!Uri.TryCreate(options.EndpointUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    throw new AwsApiException(ErrorKind.AwsConfigurationInvalid,
                        $"'{Process.UrlUserInfo.Mask(options.EndpointUrl)}' is not an http or https URL of an EC2 endpoint.", region);
                }

                // The URL names the endpoint (a FIPS endpoint such as https://ec2-fips.us-east-1.amazonaws.com
                // included); the region is only used to sign the requests.
                config.ServiceURL = options.EndpointUrl;
                config.Timeout = options.Timeout;
                config.AuthenticationRegion = region;
            }
            else
            {
                config.Timeout = options.Timeout;
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
                config.UseFIPSEndpoint = options.UseFipsEndpoint;
            }

            return credentials is null ? new AmazonEC2Client(config) : new AmazonEC2Client(credentials, config);
        }

        /// <summary>The URL DescribeImages goes to, for messages.</summary>
        public static string EndpointOf(AmazonEC2Client client, AwsConnectionOptions options)
        {
            try
            {
                return Process.UrlUserInfo.Mask(client.DetermineServiceOperationEndpoint(new DescribeImagesRequest()).URL);
            }
            catch (Exception)
            {
                return Process.UrlUserInfo.Mask(options.EndpointUrl ?? "the EC2 endpoint");
            }
        }

        /// <summary>The access key parameters or the named profile; null for the SDK's default chain.</summary>
        public static AWSCredentials? ResolveCredentials(AwsConnectionOptions options)
        {
            if (options.AccessKey is not null || options.SecretKey is not null || options.SessionToken is not null)
            {
                if (string.IsNullOrEmpty(options.AccessKey) || string.IsNullOrEmpty(options.SecretKey))
                {
                    throw new AwsApiException(ErrorKind.AwsConfigurationInvalid, "An access key and a secret key go together: give both, or neither.");
                }

                return options.SessionToken is null
                    ? new BasicAWSCredentials(options.AccessKey, options.SecretKey)
                    : new SessionAWSCredentials(options.AccessKey, options.SecretKey, options.SessionToken);
            }

            if (options.ProfileName is not null)
            {
                var chain = new CredentialProfileStoreChain();
                if (!chain.TryGetAWSCredentials(options.ProfileName, out var credentials))
                {
                    throw new AwsApiException(ErrorKind.AwsCredentialsNotFound,
                        $"The AWS profile '{options.ProfileName}' was not found in the shared credentials or config files, or has no usable credentials.");
                }

                return credentials;
            }

            return null;
        }
    }
}
