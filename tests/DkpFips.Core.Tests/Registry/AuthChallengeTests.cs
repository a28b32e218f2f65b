using DkpFips.Core.Registry;
using Xunit;

namespace DkpFips.Core.Tests.Registry
{
    public sealed class AuthChallengeTests
    {
        [Fact]
        public void Reads_a_docker_hub_bearer_challenge()
        {
            var challenge = AuthChallenge.Parse("Bearer", "realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:mesosphere/kube-apiserver:pull\"")!;
            Assert.True(challenge.IsBearer);
            Assert.Equal("https://auth.docker.io/token", challenge.Realm);
            Assert.Equal("registry.docker.io", challenge.Service);
            Assert.Equal("repository:mesosphere/kube-apiserver:pull", challenge.Scope);
        }

        [Fact]
        public void Keeps_commas_inside_quoted_values_and_reads_unquoted_ones()
        {
            var challenge = AuthChallenge.Parse("bearer", "realm=https://t.local/token, scope=\"repository:a/b:pull,push\", error=\"insufficient_scope\"")!;
            Assert.True(challenge.IsBearer);
            Assert.Equal("https://t.local/token", challenge.Realm);
            Assert.Equal("repository:a/b:pull,push", challenge.Scope);
            Assert.Equal("insufficient_scope", challenge.Get("error"));
            Assert.Null(challenge.Service);
        }

        [Fact]
        public void Reads_basic()
        {
            var challenge = AuthChallenge.Parse("Basic", "realm=\"dkpfips-test\"")!;
            Assert.True(challenge.IsBasic);
            Assert.Equal("dkpfips-test", challenge.Realm);
        }
    }
}
