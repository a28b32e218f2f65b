using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Json;

namespace DkpFips.Core.Registry
{
    /// <summary>
    /// A small client of the OCI Distribution API that answers one question per image: does the
    /// registry serve this manifest? A <c>HEAD /v2/&lt;name&gt;/manifests/&lt;tag&gt;</c> with every
    /// manifest media type in Accept; for an index, a GET to read its platforms. Handles basic
    /// auth and the bearer token flow, retries 429/5xx with backoff honouring Retry-After, bounds
    /// concurrency, and keeps credentials and tokens out of every result and message.
    /// </summary>
    public sealed partial class RegistryClient : IDisposable
    {
        // Connections allowed to one registry host: every blob of the widest -ThrottleLimit (64)
        // in flight holds a GET and a PUT, both to one host when source and destination are one
        // registry, plus the manifest requests of the images in progress.
        private const int ConnectionsPerServer = 160;

        private readonly HttpClient http;
        private readonly RegistryClientOptions options;

        // Authorization to send up front for a repository (a bearer token) or a whole registry
        // (basic auth, once the registry asked for it): saves the 401 round trip per request.
        private readonly ConcurrentDictionary<string, AuthenticationHeaderValue> knownAuth = new ConcurrentDictionary<string, AuthenticationHeaderValue>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Task<ImageCheckResult>> inFlight = new ConcurrentDictionary<string, Task<ImageCheckResult>>(StringComparer.Ordinal);
        private int requestCount;

        public RegistryClient(RegistryClientOptions options)
            : this(options, null)
        {
        }

        internal RegistryClient(RegistryClientOptions options, HttpMessageHandler? handler)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            if (handler is null)
            {
                var clientHandler = new HttpClientHandler { AllowAutoRedirect = true, UseCookies = false };
                RaiseConnectionLimit(clientHandler);
                if (options.SkipTlsVerify)
                {
                    clientHandler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
                }

                handler = clientHandler;
            }

            http = new HttpClient(handler, disposeHandler: true)
            {
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
                MaxResponseContentBufferSize = 4 * 1024 * 1024,
            };
            http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("DkpFips", typeof(RegistryClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
        }

        /// <summary>
        /// .NET Framework (Windows PowerShell 5.1) allows two connections per server unless told
        /// otherwise: blobs copied side by side would queue behind each other, and a GET holding
        /// one while its PUT waits for the other could wait forever. .NET (PowerShell 7) has no
        /// limit, which this leaves alone.
        /// </summary>
        private static void RaiseConnectionLimit(HttpClientHandler handler)
        {
            try
            {
                if (handler.MaxConnectionsPerServer < ConnectionsPerServer)
                {
                    handler.MaxConnectionsPerServer = ConnectionsPerServer;
                }
            }
            catch (PlatformNotSupportedException)
            {
                // A .NET Framework before 4.7.1: ServicePointManager's default applies.
            }
        }

        /// <summary>HTTP requests sent so far (manifests, indexes, tokens, retries).</summary>
        public int RequestCount => Volatile.Read(ref requestCount);

        /// <summary>Throws <see cref="InsecureRegistryException"/> when the registry would be reached over plain HTTP without leave.</summary>
        public void EnsureAllowed(RegistryReference registry)
        {
            if (registry.IsPlainHttp && !registry.IsLoopback && !options.AllowInsecure)
            {
                throw new InsecureRegistryException("The registry", registry.Host);
            }
        }

        /// <summary>
        /// Checks every image, at most <see cref="RegistryClientOptions.MaxConcurrency"/> at a time;
        /// results in the order of <paramref name="images"/>. The same image is requested once.
        /// <paramref name="onChecked"/> (result, images done, distinct images) runs on a worker
        /// thread as each distinct image finishes.
        /// </summary>
        public async Task<IReadOnlyList<ImageCheckResult>> CheckImagesAsync(
            IReadOnlyList<ImageLocation> images,
            CancellationToken cancellationToken,
            Action<ImageCheckResult, int, int>? onChecked = null)
        {
            using var gate = new SemaphoreSlim(Math.Max(1, options.MaxConcurrency));
            var total = images.Select(i => i.Key).Distinct(StringComparer.Ordinal).Count();
            var done = 0;
            var tasks = images.Select(image => inFlight.GetOrAdd(image.Key, _ => CheckGatedAsync(image, gate, cancellationToken, result =>
            {
                onChecked?.Invoke(result, Interlocked.Increment(ref done), total);
            }))).ToArray();
            try
            {
                return await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            finally
            {
                foreach (var image in images)
                {
                    inFlight.TryRemove(image.Key, out _);
                }
            }
        }

        private async Task<ImageCheckResult> CheckGatedAsync(ImageLocation image, SemaphoreSlim gate, CancellationToken cancellationToken, Action<ImageCheckResult> onChecked)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await CheckImageAsync(image, cancellationToken).ConfigureAwait(false);
                onChecked(result);
                return result;
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>Checks one image. Throws only <see cref="OperationCanceledException"/> (when cancelled).</summary>
        public async Task<ImageCheckResult> CheckImageAsync(ImageLocation image, CancellationToken cancellationToken)
        {
            var uri = new Uri(image.Registry.BaseUri, "v2/" + image.Repository + "/manifests/" + Uri.EscapeDataString(image.Tag));
            try
            {
                EnsureAllowed(image.Registry);
                var (head, attempts) = await SendAuthorizedAsync(HttpMethod.Head, uri, image, cancellationToken).ConfigureAwait(false);
                using (head)
                {
                    return await InterpretAsync(image, uri, head, attempts, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (TimeoutException ex)
            {
                return new ImageCheckResult(image.Reference, ImageCheckStatus.Error, message: ex.Message) { TimedOut = true };
            }
            catch (RegistryAuthException ex)
            {
                return new ImageCheckResult(image.Reference, ex.Status, message: ex.Message);
            }
            catch (InsecureRegistryException ex)
            {
                return new ImageCheckResult(image.Reference, ImageCheckStatus.Error, message: ex.Message);
            }
            catch (HttpRequestException ex)
            {
                return new ImageCheckResult(image.Reference, ImageCheckStatus.Error, message: $"Cannot reach {image.Registry.BaseUri.Authority}: {Describe(ex)}");
            }
        }

        private async Task<ImageCheckResult> InterpretAsync(ImageLocation image, Uri uri, HttpResponseMessage head, int attempts, CancellationToken cancellationToken)
        {
            var status = (int)head.StatusCode;
            var authority = image.Registry.BaseUri.Authority;
            switch (status)
            {
                case 200:
                    break;
                case 404:
                    return new ImageCheckResult(image.Reference, ImageCheckStatus.Missing, message: $"{authority} has no manifest {image.Repository}:{image.Tag}.", attempts: attempts);
                case 401:
                    return new ImageCheckResult(image.Reference, ImageCheckStatus.Unauthorized, message: options.Credential is null
                        ? $"{authority} requires credentials for {image.Repository} (401); pass -Credential."
                        : $"{authority} refused the given credential for {image.Repository} (401).", attempts: attempts);
                case 403:
                    return new ImageCheckResult(image.Reference, ImageCheckStatus.Unauthorized, message: $"{authority} denied access to {image.Repository} (403).", attempts: attempts);
                default:
                    var retried = RetryPolicy.IsRetryable(head.StatusCode) ? $" after {attempts} attempts" : string.Empty;
                    return new ImageCheckResult(image.Reference, ImageCheckStatus.Error, message: $"{authority} answered {status} {head.ReasonPhrase}{retried}.", attempts: attempts);
            }

            var mediaType = head.Content?.Headers.ContentType?.MediaType;
            var digest = head.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
            if (!ManifestMediaTypes.IsManifest(mediaType))
            {
                return new ImageCheckResult(image.Reference, ImageCheckStatus.Error, message:
                    $"{authority} answered 200 with Content-Type '{mediaType ?? "(none)"}', not an image manifest: is it a container registry?", attempts: attempts);
            }

            if (!ManifestMediaTypes.IsIndex(mediaType))
            {
                return new ImageCheckResult(image.Reference, ImageCheckStatus.Present, digest, mediaType, attempts: attempts);
            }

            // An index: read it to see whether a linux/amd64 node can run the image.
            var (get, _) = await SendAuthorizedAsync(HttpMethod.Get, uri, image, cancellationToken).ConfigureAwait(false);
            using (get)
            {
                if (get.StatusCode != HttpStatusCode.OK)
                {
                    return new ImageCheckResult(image.Reference, ImageCheckStatus.Error, digest, mediaType, message: $"{authority} answered HEAD but its GET of the index answered {(int)get.StatusCode} {get.ReasonPhrase}.", attempts: attempts);
                }

                var body = await get.Content.ReadAsStringAsync().ConfigureAwait(false);
                var platforms = ImageIndexReader.ReadPlatforms(body);
                if (platforms is null)
                {
                    return new ImageCheckResult(image.Reference, ImageCheckStatus.Error, digest, mediaType, message: $"{authority} served an index for {image.Repository}:{image.Tag} that cannot be read.", attempts: attempts);
                }

                var amd64 = ImageIndexReader.HasLinuxAmd64(platforms);
                return new ImageCheckResult(
                    image.Reference,
                    amd64 ? ImageCheckStatus.Present : ImageCheckStatus.PlatformMissing,
                    digest,
                    mediaType,
                    platforms,
                    amd64,
                    amd64 ? null : $"The index has no linux/amd64 image (it has {(platforms.Count == 0 ? "no platforms" : string.Join(", ", platforms))}).",
                    attempts);
            }
        }

        /// <summary>
        /// Sends a manifest request, answering a 401 challenge once: basic auth with the credential,
        /// or a bearer token from the challenge's realm. 429/5xx are retried.
        /// </summary>
        private Task<(HttpResponseMessage Response, int Attempts)> SendAuthorizedAsync(HttpMethod method, Uri uri, ImageLocation image, CancellationToken cancellationToken) =>
            SendAuthorizedAsync(image, auth => NewManifestRequest(method, uri, auth), SendMode.Pull, cancellationToken);

        /// <summary>
        /// Sends any request of the Distribution API for one repository with the credential flow
        /// above. <paramref name="newRequest"/> builds a fresh request for each attempt with the
        /// Authorization to send. <see cref="SendMode"/> says whether the token needs push scope,
        /// whether the body is streamed to the caller, and whether the request may be sent again.
        /// </summary>
        internal async Task<(HttpResponseMessage Response, int Attempts)> SendAuthorizedAsync(ImageLocation image, Func<AuthenticationHeaderValue?, HttpRequestMessage> newRequest, SendMode mode, CancellationToken cancellationToken)
        {
            var registryKey = image.Registry.BaseUri.AbsoluteUri;
            var repositoryKey = registryKey + image.Repository + ((mode & SendMode.Push) != 0 ? "|push" : string.Empty);
            var auth = knownAuth.TryGetValue(repositoryKey, out var token) ? token : knownAuth.TryGetValue(registryKey, out var basic) ? basic : null;

            var (response, attempts) = await SendWithRetriesAsync(() => newRequest(auth), mode, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return (response, attempts);
            }

            var challenge = ReadChallenge(response);
            AuthenticationHeaderValue? answer = null;
            string? cacheKey = null;
            if (challenge?.IsBearer == true)
            {
                answer = await FetchBearerTokenAsync(challenge, image, (mode & SendMode.Push) != 0, cancellationToken).ConfigureAwait(false);
                cacheKey = repositoryKey;
            }
            else if (challenge?.IsBasic == true && options.Credential is not null && auth?.Scheme != "Basic")
            {
                answer = new AuthenticationHeaderValue("Basic", options.Credential.ToBasicParameter());
                cacheKey = registryKey;
            }

            if (answer is null)
            {
                return (response, attempts);
            }

            response.Dispose();
            var (retry, more) = await SendWithRetriesAsync(() => newRequest(answer), mode, cancellationToken).ConfigureAwait(false);
            if (retry.StatusCode != HttpStatusCode.Unauthorized && cacheKey is not null)
            {
                knownAuth[cacheKey] = answer;
            }

            return (retry, attempts + more);
        }

        private static HttpRequestMessage NewManifestRequest(HttpMethod method, Uri uri, AuthenticationHeaderValue? auth)
        {
            var request = new HttpRequestMessage(method, uri);
            foreach (var type in ManifestMediaTypes.All)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }

            request.Headers.Authorization = auth;
            return request;
        }

        private static AuthChallenge? ReadChallenge(HttpResponseMessage response)
        {
            foreach (var header in response.Headers.WwwAuthenticate)
            {
                var challenge = AuthChallenge.Parse(header.Scheme, header.Parameter);
                if (challenge?.IsBearer == true)
                {
                    return challenge;
                }
            }

            var first = response.Headers.WwwAuthenticate.FirstOrDefault();
            return first is null ? null : AuthChallenge.Parse(first.Scheme, first.Parameter);
        }

        /// <summary>The token flow: GET realm?service=..&amp;scope=.. (basic auth when a credential is given).</summary>
        private async Task<AuthenticationHeaderValue> FetchBearerTokenAsync(AuthChallenge challenge, ImageLocation image, bool push, CancellationToken cancellationToken)
        {
            if (challenge.Realm is null || !Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) || (realm.Scheme != Uri.UriSchemeHttps && realm.Scheme != Uri.UriSchemeHttp))
            {
                throw new RegistryAuthException(ImageCheckStatus.Error, $"{image.Registry.BaseUri.Authority} sent a bearer challenge without a usable realm.");
            }

            if (realm.Scheme == Uri.UriSchemeHttp && !RegistryReference.IsLoopbackHost(realm.Host) && !options.AllowInsecure)
            {
                throw new RegistryAuthException(ImageCheckStatus.Error, new InsecureRegistryException("The token service", realm.Host).Message);
            }

            var scope = challenge.Scope ?? "repository:" + image.Repository + (push ? ":pull,push" : ":pull");
            var query = new List<string>();
            if (challenge.Service is not null)
            {
                query.Add("service=" + Uri.EscapeDataString(challenge.Service));
            }

            query.Add("scope=" + Uri.EscapeDataString(scope));
            var builder = new UriBuilder(realm);
            var existing = builder.Query.TrimStart('?');
            builder.Query = (existing.Length > 0 ? existing + "&" : string.Empty) + string.Join("&", query);
            var tokenUri = builder.Uri;

            var basic = options.Credential is null ? null : new AuthenticationHeaderValue("Basic", options.Credential.ToBasicParameter());
            var (response, _) = await SendWithRetriesAsync(
                () => new HttpRequestMessage(HttpMethod.Get, tokenUri) { Headers = { Authorization = basic } },
                SendMode.Pull,
                cancellationToken).ConfigureAwait(false);
            using (response)
            {
                var status = (int)response.StatusCode;
                if (status == 401 || status == 403)
                {
                    throw new RegistryAuthException(ImageCheckStatus.Unauthorized, options.Credential is null
                        ? $"The token service {realm.Authority} refused anonymous access to {image.Repository} ({status}); pass -Credential."
                        : $"The token service {realm.Authority} refused the given credential for {image.Repository} ({status}).");
                }

                if (status != 200)
                {
                    throw new RegistryAuthException(ImageCheckStatus.Error, $"The token service {realm.Authority} answered {status} {response.ReasonPhrase}.");
                }

                var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                using var document = JsonText.TryParseObject(body);
                var token = document is null ? null : JsonText.String(document.RootElement, "token") ?? JsonText.String(document.RootElement, "access_token");
                if (string.IsNullOrEmpty(token))
                {
                    throw new RegistryAuthException(ImageCheckStatus.Error, $"The token service {realm.Authority} answered without a token.");
                }

                return new AuthenticationHeaderValue("Bearer", token);
            }
        }

        /// <summary>Sends, retrying 429 and 5xx up to MaxAttempts with the policy's delays.</summary>
        private async Task<(HttpResponseMessage Response, int Attempts)> SendWithRetriesAsync(Func<HttpRequestMessage> newRequest, SendMode mode, CancellationToken cancellationToken)
        {
            var attempt = 0;
            var maxAttempts = (mode & SendMode.Once) != 0 ? 1 : Math.Max(1, options.MaxAttempts);
            while (true)
            {
                attempt++;
                var response = await SendOnceAsync(newRequest(), (mode & SendMode.StreamResponse) != 0, cancellationToken).ConfigureAwait(false);
                if (!RetryPolicy.IsRetryable(response.StatusCode) || attempt >= maxAttempts)
                {
                    return (response, attempt);
                }

                var delay = RetryPolicy.DelayBefore(attempt + 1, response, options);
                response.Dispose();
                await options.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, bool streamResponse, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref requestCount);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Timeout);
            try
            {
                using (request)
                {
                    // A streamed body (a blob) is read by the caller after the headers: the time
                    // limit covers the answer, not the transfer of a large layer.
                    return await http.SendAsync(request, streamResponse ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{request.RequestUri?.Authority} did not answer within {options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
            }
        }

        private static string Describe(HttpRequestException ex)
        {
            // The innermost message says what happened (connection refused, name not resolved, TLS).
            Exception inner = ex;
            while (inner.InnerException is not null)
            {
                inner = inner.InnerException;
            }

            return inner.Message;
        }

        public void Dispose() => http.Dispose();
    }
}
