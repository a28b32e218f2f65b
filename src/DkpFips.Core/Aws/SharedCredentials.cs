using Amazon.Runtime;

namespace DkpFips.Core.Aws
{
    /// <summary>
    /// Credentials resolved once for all the regions of a run, so that the shared files are read
    /// once and a profile that assumes a role asks STS once, not once per region. A resolution
    /// that fails is not kept: each region tries again and reports its own failure, as it did
    /// with credentials resolved per client.
    /// </summary>
    internal sealed class SharedCredentials
    {
        private readonly AwsConnectionOptions options;
        private readonly object gate = new object();
        private bool resolved;
        private AWSCredentials? credentials;

        public SharedCredentials(AwsConnectionOptions options) => this.options = options;

        /// <summary>The access key parameters or the profile; null for the SDK's default chain (which caches on its own).</summary>
        public AWSCredentials? Get()
        {
            lock (gate)
            {
                if (!resolved)
                {
                    credentials = Ec2ClientFactory.ResolveCredentials(options);
                    resolved = true;
                }

                return credentials;
            }
        }
    }
}
