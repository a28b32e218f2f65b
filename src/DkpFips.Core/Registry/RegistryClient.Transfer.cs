using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Registry
{
    /// <summary>
    /// The reads and writes of the Distribution API that list, copy, save and publish images:
    /// tag lists (paged), manifests as exact bytes, blobs as streams, uploads that stream,
    /// cross-repository mounts. Each failure is a <see cref="RegistryTransferException"/> whose
    /// message names the image, never a credential or token.
    /// </summary>
    public sealed partial class RegistryClient
    {
        // Guards against a registry whose Link header never ends.
        private const int MaxTagPages = 10000;

        /// <summary>Tags asked for per page (<c>n</c>); tests make it small to exercise paging.</summary>
        internal int TagPageSize { get; set; } = 1000;

        /// <summary>Every tag of <paramref name="repository"/>, following the <c>Link: rel="next"</c> pages. An absent repository has none.</summary>
        public async Task<IReadOnlyList<string>> ListTagsAsync(RegistryReference registry, string repository, CancellationToken cancellationToken)
        {
            EnsureAllowed(registry);
            var location = new ImageLocation(registry, repository, "tags");
            var tags = new List<string>();
            Uri? next = new Uri(registry.BaseUri, "v2/" + repository + "/tags/list?n=" + TagPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (var page = 0; next is not null; page++)
            {
                if (page >= MaxTagPages)
                {
                    throw new RegistryTransferException(ErrorKind.RegistryRequestFailed, $"{registry.BaseUri.Authority} kept sending further tag pages of {repository}; stopped after {MaxTagPages}.");
                }

                var uri = next;
                var (response, _) = await SendChecked(location, auth => new HttpRequestMessage(HttpMethod.Get, uri) { Headers = { Authorization = auth } }, SendMode.Pull, "the tags of " + repository, cancellationToken).ConfigureAwait(false);
                using (response)
                {
                    if (response.StatusCode == HttpStatusCode.NotFound)
                    {
                        return tags;
                    }

                    var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    tags.AddRange(ReadTagList(body, registry.BaseUri.Authority, repository));
                    next = NextPage(response, uri);
                }
            }

            return tags;
        }

        /// <summary>The manifest or index <paramref name="image"/> (tag or digest) as the exact bytes served, checked against the digest the registry gives.</summary>
        public async Task<ManifestDocument> GetManifestAsync(ImageLocation image, CancellationToken cancellationToken)
        {
            EnsureAllowed(image.Registry);
            var uri = ManifestUri(image.Registry, image.Repository, image.Tag);
            var (response, _) = await SendChecked(image, auth => NewManifestRequest(HttpMethod.Get, uri, auth), SendMode.Pull, image.Reference, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    throw new RegistryTransferException(ErrorKind.RegistryImageNotFound, $"{image.Registry.BaseUri.Authority} has no image {image.Repository}:{image.Tag} (404).");
                }

                var content = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                var document = ManifestDocument.Read(content, response.Content.Headers.ContentType?.MediaType, "The manifest of " + image.Reference);
                var served = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
                var expected = image.Tag.StartsWith("sha256:", StringComparison.Ordinal) ? image.Tag : served;
                if (expected is not null && !string.Equals(expected, document.Digest, StringComparison.Ordinal))
                {
                    throw new RegistryTransferException(ErrorKind.RegistryDigestMismatch, $"The manifest of {image.Reference} does not match its digest: expected {expected}, the bytes hash to {document.Digest}.");
                }

                return document;
            }
        }

        /// <summary>The digest the registry serves for <paramref name="image"/>, or null when it has no such manifest.</summary>
        public async Task<string?> GetManifestDigestAsync(ImageLocation image, CancellationToken cancellationToken)
        {
            EnsureAllowed(image.Registry);
            var uri = ManifestUri(image.Registry, image.Repository, image.Tag);
            var (response, _) = await SendChecked(image, auth => NewManifestRequest(HttpMethod.Head, uri, auth), SendMode.Push, image.Reference, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                return response.StatusCode == HttpStatusCode.NotFound ? null
                    : response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
            }
        }

        /// <summary>True when the repository of <paramref name="image"/> already holds the blob (HEAD).</summary>
        public async Task<bool> BlobExistsAsync(ImageLocation image, string digest, CancellationToken cancellationToken)
        {
            EnsureAllowed(image.Registry);
            var uri = new Uri(image.Registry.BaseUri, "v2/" + image.Repository + "/blobs/" + digest);
            var (response, _) = await SendChecked(image, auth => new HttpRequestMessage(HttpMethod.Head, uri) { Headers = { Authorization = auth } }, SendMode.Push, image.Repository + "@" + digest, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                return response.StatusCode == HttpStatusCode.OK;
            }
        }

        /// <summary>
        /// Asks the registry to mount the blob from another repository of the same registry
        /// (POST ?mount=&amp;from=). True when mounted (201); false when it declined, and then the
        /// upload it opened instead is left to expire (a registry may answer 202 with one).
        /// </summary>
        public async Task<bool> TryMountBlobAsync(ImageLocation image, string digest, string fromRepository, CancellationToken cancellationToken)
        {
            EnsureAllowed(image.Registry);
            var uri = new Uri(image.Registry.BaseUri, "v2/" + image.Repository + "/blobs/uploads/?mount=" + Uri.EscapeDataString(digest) + "&from=" + Uri.EscapeDataString(fromRepository));
            var (response, _) = await SendChecked(image, auth => new HttpRequestMessage(HttpMethod.Post, uri) { Headers = { Authorization = auth }, Content = new ByteArrayContent(Array.Empty<byte>()) }, SendMode.Push, image.Repository + "@" + digest, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                return response.StatusCode == HttpStatusCode.Created;
            }
        }

        /// <summary>Opens the blob for reading as a stream; the caller disposes the response.</summary>
        public async Task<HttpResponseMessage> OpenBlobAsync(ImageLocation image, string digest, CancellationToken cancellationToken)
        {
            EnsureAllowed(image.Registry);
            var uri = new Uri(image.Registry.BaseUri, "v2/" + image.Repository + "/blobs/" + digest);
            var (response, _) = await SendChecked(image, auth => new HttpRequestMessage(HttpMethod.Get, uri) { Headers = { Authorization = auth } }, SendMode.Pull | SendMode.StreamResponse, image.Repository + "@" + digest, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                response.Dispose();
                throw new RegistryTransferException(ErrorKind.RegistryImageNotFound, $"{image.Registry.BaseUri.Authority} has no blob {digest} in {image.Repository} (404).");
            }

            return response;
        }

        /// <summary>
        /// Uploads a blob: POST opens an upload, then one PUT streams <paramref name="content"/>
        /// (never held in memory) with ?digest=, which the registry checks before it keeps the blob.
        /// </summary>
        public async Task UploadBlobAsync(ImageLocation image, string digest, long size, Stream content, CancellationToken cancellationToken)
        {
            EnsureAllowed(image.Registry);
            var what = image.Repository + "@" + digest;
            var start = new Uri(image.Registry.BaseUri, "v2/" + image.Repository + "/blobs/uploads/");
            Uri upload;
            var (opened, _) = await SendChecked(image, auth => new HttpRequestMessage(HttpMethod.Post, start) { Headers = { Authorization = auth }, Content = new ByteArrayContent(Array.Empty<byte>()) }, SendMode.Push, what, cancellationToken).ConfigureAwait(false);
            using (opened)
            {
                if (opened.StatusCode != HttpStatusCode.Accepted || opened.Headers.Location is null)
                {
                    throw Unexpected(image, opened, "opening an upload of " + digest);
                }

                upload = opened.Headers.Location.IsAbsoluteUri ? opened.Headers.Location : new Uri(image.Registry.BaseUri, opened.Headers.Location);
            }

            var separator = upload.Query.Length > 0 ? "&" : "?";
            var put = new Uri(upload.AbsoluteUri + separator + "digest=" + Uri.EscapeDataString(digest));
            var sent = false;
            var (done, _) = await SendChecked(
                image,
                auth =>
                {
                    // The body is a stream read once: a second attempt (after a 401) cannot resend it.
                    if (sent)
                    {
                        throw new RegistryTransferException(ErrorKind.RegistryUnauthorized, $"{image.Registry.BaseUri.Authority} asked for credentials again in the middle of uploading {what}.");
                    }

                    sent = true;
                    var body = new StreamContent(content, 81920);
                    body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    body.Headers.ContentLength = size;
                    return new HttpRequestMessage(HttpMethod.Put, put) { Headers = { Authorization = auth }, Content = body };
                },
                SendMode.Push | SendMode.Once,
                what,
                cancellationToken).ConfigureAwait(false);
            using (done)
            {
                if (done.StatusCode != HttpStatusCode.Created)
                {
                    var body = await done.Content.ReadAsStringAsync().ConfigureAwait(false);
                    if (body.IndexOf("DIGEST_INVALID", StringComparison.Ordinal) >= 0)
                    {
                        throw new RegistryTransferException(ErrorKind.RegistryDigestMismatch, $"{image.Registry.BaseUri.Authority} refused the upload of {what}: the bytes do not match the digest.");
                    }

                    throw Unexpected(image, done, "uploading " + digest);
                }
            }
        }

        /// <summary>Puts the exact manifest bytes under <paramref name="reference"/> (a tag or the digest) and checks the digest the registry answers.</summary>
        public async Task PutManifestAsync(ImageLocation image, string reference, ManifestDocument manifest, CancellationToken cancellationToken)
        {
            EnsureAllowed(image.Registry);
            var uri = ManifestUri(image.Registry, image.Repository, reference);
            var what = image.Repository + ":" + reference;
            var (response, _) = await SendChecked(
                image,
                auth =>
                {
                    var body = new ByteArrayContent(manifest.Content);
                    body.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
                    return new HttpRequestMessage(HttpMethod.Put, uri) { Headers = { Authorization = auth }, Content = body };
                },
                SendMode.Push,
                what,
                cancellationToken).ConfigureAwait(false);
            using (response)
            {
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw Unexpected(image, response, "putting the manifest " + what);
                }

                var served = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
                if (served is not null && !string.Equals(served, manifest.Digest, StringComparison.Ordinal))
                {
                    throw new RegistryTransferException(ErrorKind.RegistryDigestMismatch, $"{image.Registry.BaseUri.Authority} stored {what} as {served}, not as the source's {manifest.Digest}.");
                }
            }
        }

        private static Uri ManifestUri(RegistryReference registry, string repository, string reference) =>
            new Uri(registry.BaseUri, "v2/" + repository + "/manifests/" + (reference.StartsWith("sha256:", StringComparison.Ordinal) ? reference : Uri.EscapeDataString(reference)));

        /// <summary>Sends, turning transport failures and refusals (401, 403, 405) into specific exceptions; other answers go back to the caller.</summary>
        private async Task<(HttpResponseMessage Response, int Attempts)> SendChecked(ImageLocation image, Func<AuthenticationHeaderValue?, HttpRequestMessage> newRequest, SendMode mode, string what, CancellationToken cancellationToken)
        {
            HttpResponseMessage response;
            int attempts;
            var authority = image.Registry.BaseUri.Authority;
            try
            {
                (response, attempts) = await SendAuthorizedAsync(image, newRequest, mode, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is RegistryTransferException) && Inner<RegistryTransferException>(ex) is { } inner)
            {
                // A streamed body that failed its digest check mid-upload: HttpClient wraps it.
                throw inner;
            }
            catch (RegistryAuthException ex)
            {
                throw new RegistryTransferException(ex.Status == ImageCheckStatus.Unauthorized ? ErrorKind.RegistryUnauthorized : ErrorKind.RegistryRequestFailed, ex.Message, ex);
            }
            catch (TimeoutException ex)
            {
                throw new RegistryTransferException(ErrorKind.RegistryRequestFailed, ex.Message, ex);
            }
            catch (HttpRequestException ex)
            {
                throw new RegistryTransferException(ErrorKind.RegistryRequestFailed, $"Cannot reach {authority} for {what}: {Describe(ex)}", ex);
            }

            var push = (mode & SendMode.Push) != 0;
            switch ((int)response.StatusCode)
            {
                case 401:
                    response.Dispose();
                    throw new RegistryTransferException(ErrorKind.RegistryUnauthorized, options.Credential is null
                        ? $"{authority} requires credentials for {image.Repository} (401); pass {(push ? "-DestinationCredential" : "-Credential")}."
                        : $"{authority} refused the given credential for {image.Repository} (401).");
                case 403:
                    response.Dispose();
                    throw new RegistryTransferException(push ? ErrorKind.RegistryWriteRefused : ErrorKind.RegistryUnauthorized, $"{authority} denied {(push ? "writing" : "reading")} {what} (403).");
                case 405 when push:
                    response.Dispose();
                    throw new RegistryTransferException(ErrorKind.RegistryWriteRefused, $"{authority} does not accept writes to {image.Repository} (405): is it a read-only mirror?");
                default:
                    return (response, attempts);
            }
        }

        private static T? Inner<T>(Exception ex)
            where T : Exception
        {
            for (Exception? e = ex; e is not null; e = e.InnerException)
            {
                if (e is T found)
                {
                    return found;
                }
            }

            return null;
        }

        private static RegistryTransferException Unexpected(ImageLocation image, HttpResponseMessage response, string doing)
        {
            var status = (int)response.StatusCode;

            // A read-only registry (distribution's maintenance mode) answers writes 503 or 405.
            var failure = status == 503 || status == 405 ? ErrorKind.RegistryWriteRefused : ErrorKind.RegistryRequestFailed;
            return new RegistryTransferException(failure, $"{image.Registry.BaseUri.Authority} answered {status} {response.ReasonPhrase} {doing}.");
        }

        private static IEnumerable<string> ReadTagList(byte[] body, string authority, string repository)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new JsonException("not an object");
                }

                if (!document.RootElement.TryGetProperty("tags", out var tags) || tags.ValueKind == JsonValueKind.Null)
                {
                    return Array.Empty<string>();
                }

                if (tags.ValueKind != JsonValueKind.Array)
                {
                    throw new JsonException("tags is not a list");
                }

                return tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToArray();
            }
            catch (JsonException ex)
            {
                throw new RegistryTransferException(ErrorKind.RegistryRequestFailed, $"{authority} answered the tag list of {repository} with something that is not a tag list: {ex.Message}", ex);
            }
        }

        /// <summary>The <c>rel="next"</c> target of the Link header (RFC 8288), relative to the request; null on the last page.</summary>
        private static Uri? NextPage(HttpResponseMessage response, Uri current)
        {
            if (!response.Headers.TryGetValues("Link", out var links))
            {
                return null;
            }

            foreach (var link in links.SelectMany(l => l.Split(',')))
            {
                var open = link.IndexOf('<');
                var close = link.IndexOf('>');
                if (open < 0 || close < open || link.IndexOf("rel=\"next\"", close, StringComparison.OrdinalIgnoreCase) < 0 && link.IndexOf("rel=next", close, StringComparison.OrdinalIgnoreCase) < 0)
                {
                    continue;
                }

                var target = new Uri(current, link.Substring(open + 1, close - open - 1));

                // Never follow a page to another host: the credential is for this registry.
                return target.Authority == current.Authority && target.Scheme == current.Scheme ? target : null;
            }

            return null;
        }
    }
}
