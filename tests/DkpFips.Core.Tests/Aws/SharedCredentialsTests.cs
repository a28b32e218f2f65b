using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using DkpFips.Core.Aws;
using DkpFips.Core.Errors;
using Xunit;

namespace DkpFips.Core.Tests.Aws
{
    /// <summary>Credentials are resolved once per run and shared by the region clients; failures are not kept.</summary>
    public sealed class SharedCredentialsTests
    {
        [Fact]
        public void Access_keys_resolve_once_and_every_region_gets_the_same_credentials()
        {
            var shared = new SharedCredentials(new AwsConnectionOptions { AccessKey = "AKIDEXAMPLE000000001", SecretKey = "CANARY-SECRET-shared" });

            var first = shared.Get();
            var again = Enumerable.Range(0, 5).AsParallel().Select(_ => shared.Get()).ToList();

            Assert.IsType<BasicAWSCredentials>(first);
            Assert.All(again, c => Assert.Same(first, c));
        }

        [Fact]
        public void A_session_token_gives_session_credentials()
        {
            var shared = new SharedCredentials(new AwsConnectionOptions { AccessKey = "AKIDEXAMPLE000000001", SecretKey = "s", SessionToken = "t" });

            Assert.IsType<SessionAWSCredentials>(shared.Get());
        }

        [Fact]
        public void The_default_chain_is_left_to_the_sdk()
        {
            Assert.Null(new SharedCredentials(new AwsConnectionOptions()).Get());
        }

        [Fact]
        public void A_failed_resolution_is_not_kept_each_caller_gets_its_own_error()
        {
            var shared = new SharedCredentials(new AwsConnectionOptions { ProfileName = "dkpfips-no-such-profile-7f3a" });

            var first = Assert.Throws<AwsApiException>(() => shared.Get());
            var second = Assert.Throws<AwsApiException>(() => shared.Get());

            Assert.Equal(ErrorKind.AwsCredentialsNotFound, first.Kind);
            Assert.NotSame(first, second);
        }

        [Fact]
        public async Task A_missing_profile_fails_every_region_on_its_own()
        {
            var verifier = new AmiVerifier(new AwsConnectionOptions { ProfileName = "dkpfips-no-such-profile-7f3a", EndpointUrl = "http://127.0.0.1:9/" });
            var outcomes = await verifier.VerifyAsync(new[]
            {
                new AmiRequest("ami-0123456789abcdef0", "us-east-1", null),
                new AmiRequest("ami-0123456789abcdef1", "eu-west-1", null),
            }, CancellationToken.None);

            Assert.All(outcomes, o => Assert.Equal(ErrorKind.AwsCredentialsNotFound, o.Failure!.Kind));
            Assert.NotSame(outcomes[0].Failure, outcomes[1].Failure);
            Assert.Equal(0, verifier.Calls);
        }
    }
}
