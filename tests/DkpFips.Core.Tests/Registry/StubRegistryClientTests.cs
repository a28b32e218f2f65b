using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Registry;
using Xunit;

namespace DkpFips.Core.Tests.Registry
{
    /// <summary>Auth flows, retries, garbage and cancellation against a scripted loopback server.</summary>
    public sealed class StubRegistryClientTests
    {
        private const string Canary = "CANARY-secret-55d1";

        private static ImageLocation Image(StubRegistryServer server, string name = "kube-apiserver", string tag = "v1.23.7_fips.0")
        {
            var registry = RegistryReference.Parse(server.Address + "/mesosphere");
            return new ImageLocation(registry, registry.RepositoryOf(name), tag);
        }

        private static (RegistryClientOptions Options, List<TimeSpan> Delays) Options(RegistryCredential? credential = null)
        {
            var delays = new List<TimeSpan>();
            var options = new RegistryClientOptions
            {
                Credential = credential,
                Delay = (delay, _) =>
                {
                    lock (delays)
                    {
                        delays.Add(delay);
                    }

                    return Task.CompletedTask;
                },
            };
            return (options, delays);
        }

        [Fact]
        public async Task Sends_every_manifest_media_type_in_accept()
        {
            string? accept = null;
            using var server = new StubRegistryServer(request =>
            {
                accept = request.Headers["Accept"];
                return StubResponse.Manifest();
            });
            using var client = new RegistryClient(Options().Options);
            var result = await client.CheckImageAsync(Image(server), CancellationToken.None);
            Assert.Equal(ImageCheckStatus.Present, result.Status);
            Assert.StartsWith("HEAD /v2/mesosphere/kube-apiserver/manifests/v1.23.7_fips.0", server.Requests.Single());
            foreach (var type in ManifestMediaTypes.All)
            {
                Assert.Contains(type, accept);
            }
        }

        [Fact]
        public async Task Follows_the_bearer_token_flow_with_basic_auth_at_the_token_service()
        {
            var tokenRequests = new ConcurrentQueue<string>();
            StubRegistryServer? server = null;
            server = new StubRegistryServer(request =>
            {
                var path = request.Url!.AbsolutePath;
                if (path == "/token")
                {
                    tokenRequests.Enqueue(request.Url.Query + " | " + request.Headers["Authorization"]);
                    var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("fips:" + Canary));
                    return request.Headers["Authorization"] == expected
                        ? new StubResponse { ContentType = "application/json", Body = "{\"token\":\"tok-123\",\"access_token\":\"tok-123\",\"expires_in\":300,\"issued_at\":\"2026-11-30T10:00:00Z\"}" }
                        : StubResponse.Error(401, "UNAUTHORIZED");
                }

                if (request.Headers["Authorization"] == "Bearer tok-123")
                {
                    return StubResponse.Manifest();
                }

                var challenge = StubResponse.Error(401, "UNAUTHORIZED");
                challenge.Headers["WWW-Authenticate"] = $"Bearer realm=\"http://{server!.Address}/token\",service=\"stub.registry\",scope=\"repository:mesosphere/kube-apiserver:pull\"";
                return challenge;
            });
            using (server)
            {
                using var client = new RegistryClient(Options(new RegistryCredential("fips", Canary)).Options);
                var first = await client.CheckImageAsync(Image(server), CancellationToken.None);
                var second = await client.CheckImageAsync(Image(server), CancellationToken.None);
                Assert.Equal(ImageCheckStatus.Present, first.Status);
                Assert.Equal(ImageCheckStatus.Present, second.Status);
                Assert.Equal("?service=stub.registry&scope=repository%3Amesosphere%2Fkube-apiserver%3Apull", tokenRequests.Single().Split(" | ")[0]);

                // challenge, token, retry with the token; then the cached token goes first.
                Assert.Equal(4, server.Requests.Count);
                Assert.EndsWith("| Bearer tok-123", server.Requests.Last());

                using var wrong = new RegistryClient(Options(new RegistryCredential("fips", "CANARY-wrong")).Options);
                var refused = await wrong.CheckImageAsync(Image(server), CancellationToken.None);
                Assert.Equal(ImageCheckStatus.Unauthorized, refused.Status);
                Assert.Contains("token service", refused.Message);
                Assert.DoesNotContain("CANARY", refused.Message + refused);
            }
        }

        [Fact]
        public async Task Refuses_a_plain_http_token_realm_that_is_not_loopback()
        {
            using var server = new StubRegistryServer(_ =>
            {
                var challenge = StubResponse.Error(401, "UNAUTHORIZED");
                challenge.Headers["WWW-Authenticate"] = "Bearer realm=\"http://auth.example.com/token\",service=\"x\"";
                return challenge;
            });
            using var client = new RegistryClient(Options(new RegistryCredential("fips", Canary)).Options);
            var result = await client.CheckImageAsync(Image(server), CancellationToken.None);
            Assert.Equal(ImageCheckStatus.Error, result.Status);
            Assert.Contains("plain HTTP", result.Message);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task Retries_429_after_the_servers_Retry_After()
        {
            var calls = 0;
            using var server = new StubRegistryServer(_ => Interlocked.Increment(ref calls) switch
            {
                1 => StubResponse.Error(429, "TOOMANYREQUESTS", retryAfter: "7"),
                2 => StubResponse.Error(503, "UNAVAILABLE", retryAfter: "2"),
                _ => StubResponse.Manifest(),
            });
            var (options, delays) = Options();
            using var client = new RegistryClient(options);
            var result = await client.CheckImageAsync(Image(server), CancellationToken.None);
            Assert.Equal(ImageCheckStatus.Present, result.Status);
            Assert.Equal(3, result.Attempts);
            Assert.Equal(new[] { TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(2) }, delays);
        }

        [Fact]
        public async Task Backs_off_exponentially_without_Retry_After_and_gives_up_after_the_last_attempt()
        {
            using var server = new StubRegistryServer(_ => StubResponse.Error(502, "BAD_GATEWAY"));
            var (options, delays) = Options();
            options.MaxRetryDelay = TimeSpan.FromSeconds(1.5);
            using var client = new RegistryClient(options);
            var result = await client.CheckImageAsync(Image(server), CancellationToken.None);
            Assert.Equal(ImageCheckStatus.Error, result.Status);
            Assert.Equal(4, result.Attempts);
            Assert.Equal(4, server.Requests.Count);
            Assert.Contains("502", result.Message);
            Assert.Contains("after 4 attempts", result.Message);
            Assert.Equal(new[] { TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5) }, delays);
        }

        [Fact]
        public async Task Does_not_retry_a_missing_manifest()
        {
            using var server = new StubRegistryServer(_ => StubResponse.Error(404, "MANIFEST_UNKNOWN"));
            var (options, delays) = Options();
            using var client = new RegistryClient(options);
            var result = await client.CheckImageAsync(Image(server), CancellationToken.None);
            Assert.Equal(ImageCheckStatus.Missing, result.Status);
            Assert.Single(server.Requests);
            Assert.Empty(delays);
        }

        [Theory]
        [InlineData("text/html", "<html>hello</html>", "not an image manifest")]
        [InlineData("application/json", "{\"ok\":true}", "not an image manifest")]
        [InlineData(ManifestMediaTypes.OciIndex, "this is { not json", "cannot be read")]
        public async Task A_server_answering_garbage_is_an_error(string contentType, string body, string expected)
        {
            using var server = new StubRegistryServer(_ => StubResponse.Manifest(contentType, body: body));
            using var client = new RegistryClient(Options().Options);
            var result = await client.CheckImageAsync(Image(server), CancellationToken.None);
            Assert.Equal(ImageCheckStatus.Error, result.Status);
            Assert.Contains(expected, result.Message);
        }

        [Fact]
        public async Task A_server_that_never_answers_times_out()
        {
            using var server = new StubRegistryServer(_ => new StubResponse { Hang = true });
            var (options, _) = Options();
            options.Timeout = TimeSpan.FromMilliseconds(300);
            using var client = new RegistryClient(options);
            var result = await client.CheckImageAsync(Image(server), CancellationToken.None);
            Assert.Equal(ImageCheckStatus.Error, result.Status);
            Assert.Contains("did not answer within 0.3 s", result.Message);
        }

        [Fact]
        public async Task Cancellation_stops_the_check()
        {
            using var server = new StubRegistryServer(_ => new StubResponse { Hang = true });
            using var client = new RegistryClient(Options().Options);
            using var cancel = new CancellationTokenSource();
            var check = client.CheckImagesAsync(new[] { Image(server), Image(server, "etcd", "v3.4.13_fips.0") }, cancel.Token);
            await server.FirstRequest.Task;
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check);
        }

        [Fact]
        public async Task Cancellation_also_interrupts_a_retry_delay()
        {
            using var server = new StubRegistryServer(_ => StubResponse.Error(503, "UNAVAILABLE", retryAfter: "3600"));
            using var cancel = new CancellationTokenSource();
            var options = new RegistryClientOptions
            {
                MaxRetryDelay = TimeSpan.FromHours(2),
                Delay = (delay, token) =>
                {
                    Assert.Equal(TimeSpan.FromHours(1), delay);
                    cancel.Cancel();
                    return Task.Delay(delay, token);
                },
            };
            using var client = new RegistryClient(options);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CheckImageAsync(Image(server), cancel.Token));
        }

        [Fact]
        public async Task Refuses_plain_http_to_a_host_that_is_not_loopback_unless_allowed()
        {
            var registry = RegistryReference.Parse("http://registry.invalid/m");
            using var client = new RegistryClient(Options().Options);
            Assert.Throws<InsecureRegistryException>(() => client.EnsureAllowed(registry));
            var result = await client.CheckImageAsync(new ImageLocation(registry, "m/etcd", "v1"), CancellationToken.None);
            Assert.Equal(ImageCheckStatus.Error, result.Status);
            Assert.Contains("-AllowInsecure", result.Message);
            Assert.Equal(0, client.RequestCount);

            using var allowed = new RegistryClient(new RegistryClientOptions { AllowInsecure = true });
            allowed.EnsureAllowed(registry);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        public async Task Runs_at_most_the_bound_of_requests_at_once(int bound)
        {
            var current = 0;
            var peak = 0;
            using var server = new StubRegistryServer(_ =>
            {
                var now = Interlocked.Increment(ref current);
                InterlockedMax(ref peak, now);
                return new StubResponse { DelayMs = 100, ContentType = ManifestMediaTypes.DockerManifest, Body = "{}" };
            });
            var (options, _) = Options();
            options.MaxConcurrency = bound;
            using var client = new RegistryClient(options, new DecrementingHandler(() => Interlocked.Decrement(ref current)));
            var images = Enumerable.Range(0, 9).Select(i => Image(server, "img" + i)).ToArray();
            var results = await client.CheckImagesAsync(images, CancellationToken.None);
            Assert.All(results, r => Assert.Equal(ImageCheckStatus.Present, r.Status));
            Assert.Equal(bound, peak);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }

        // Counts a request as finished when its response reaches the client.
        private sealed class DecrementingHandler : System.Net.Http.DelegatingHandler
        {
            private readonly Action onResponse;

            public DecrementingHandler(Action onResponse)
                : base(new System.Net.Http.HttpClientHandler())
            {
                this.onResponse = onResponse;
            }

            protected override async Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var response = await base.SendAsync(request, cancellationToken);
                onResponse();
                return response;
            }
        }

        [Fact]
        public void A_credential_shows_only_its_user_name()
        {
            Assert.Equal("fips", new RegistryCredential("fips", Canary).ToString());
        }
    }
}
