using System.Collections.Generic;
using DkpFips.Core.Process;
using Xunit;

namespace DkpFips.Core.Tests.HostileInput
{
    /// <summary>Findings 2, 3 and 17 (masking): one masker for every spelling.</summary>
    public class SecretMaskerTests
    {
        private static string[] Masked(params string[] arguments) => new CommandPlan("dkp", arguments).DisplayArguments is IReadOnlyList<string> l ? new List<string>(l).ToArray() : null!;

        [Theory]
        [InlineData("--apikey=ApiKey3", "--apikey=***")]
        [InlineData("--token:tok444", "--token:***")]
        [InlineData("--registry-mirror-password=p1", "--registry-mirror-password=***")]
        [InlineData("--with-aws-bootstrap-credentials=true", "--with-aws-bootstrap-credentials=true")]
        [InlineData("--http-proxy=http://u:ProxyPass2@proxy:3128", "--http-proxy=http://***@proxy:3128")]
        [InlineData("--registry-mirror-url=https://mirroruser:MirrorUrlPass1@mirror.example.internal", "--registry-mirror-url=https://***@mirror.example.internal")]
        public void Each_spelling_is_masked_and_booleans_are_not(string argument, string shown)
        {
            Assert.Equal(new[] { shown }, Masked(argument));
        }

        [Fact]
        public void A_separate_value_is_masked_but_a_following_flag_is_not()
        {
            Assert.Equal(new[] { "--apikey", "***", "--region", "us-west-2" }, Masked("--apikey", "ApiKey77", "--region", "us-west-2"));
            Assert.Equal(new[] { "--with-aws-bootstrap-credentials", "--region=x" }, Masked("--with-aws-bootstrap-credentials", "--region=x"));
        }

        [Fact]
        public void A_password_from_a_url_is_masked_wherever_the_process_prints_it()
        {
            var plan = new CommandPlan("dkp", new[] { "--http-proxy=http://u:ProxyPass2@proxy:3128" });
            Assert.Equal("using *** at proxy", plan.Masker.Apply("using ProxyPass2 at proxy"));
            Assert.Equal("GET http://***@127.0.0.1:18102/version", SecretMasker.None.Apply("GET http://kubeuser:KubeUrlPass7@127.0.0.1:18102/version"));
        }

        [Theory]
        [InlineData("https://host/path@v1", "https://host/path@v1")]
        [InlineData("user@host", "user@host")]
        [InlineData("'http://a:b@h' and http://c@d/e", "'http://***@h' and http://***@d/e")]
        public void Only_user_info_is_masked(string text, string expected)
        {
            Assert.Equal(expected, UrlUserInfo.Mask(text));
        }

        [Fact]
        public void A_secret_flag_is_found_in_every_spelling()
        {
            Assert.Equal("--vsphere-password", SecretArguments.FindSecretFlag(new[] { "--x", "--vsphere-password=MatrixSecret3" }));
            Assert.Equal("--registry-mirror-password", SecretArguments.FindSecretFlag(new[] { "--registry-mirror-password", "MatrixSecret2" }));
            Assert.Equal("--token", SecretArguments.FindSecretFlag(new[] { "--token:tok" }));
            Assert.Null(SecretArguments.FindSecretFlag(new[] { "--with-aws-bootstrap-credentials=true", "--override-secret-name=s", "--ssh-private-key-file=k" }));
        }
    }
}
