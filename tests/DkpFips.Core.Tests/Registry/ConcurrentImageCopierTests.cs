using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Errors;
using DkpFips.Core.Registry;
using Xunit;

namespace DkpFips.Core.Tests.Registry
{
    /// <summary>
    /// The copier's blobs side by side against a scripted loopback registry (the Distribution
    /// API's copy endpoints, status codes and headers as the spec gives them), where a real
    /// registry cannot be made to hold an answer back or fail one blob on demand.
    /// </summary>
    public sealed class ConcurrentImageCopierTests
    {
        private const string ManifestType = "application/vnd.docker.distribution.manifest.v2+json";

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        public async Task The_blobs_of_an_image_are_transferred_side_by_side_at_most_the_limit_at_once(int limit)
        {
            var registry = new ScriptedRegistry(layers: 6);
            using var server = new StubRegistryServer(registry.Answer);
            using var client = new RegistryClient(new RegistryClientOptions());
            var copier = new ImageCopier(client, client, limit);

            var result = await copier.CopyAsync(registry.Source(server), registry.Destination(server), CancellationToken.None);

            Assert.Equal(ImageCopyStatus.Copied, result.Status);
            Assert.Equal(7, result.BlobsCopied);
            Assert.Equal(registry.BlobBytes, result.BytesCopied);
            Assert.Equal(limit, registry.PeakTransfers);
            Assert.Equal(registry.ManifestDigest, result.Digest);

            // The tag last: after every blob's upload.
            var requests = server.Requests.ToArray();
            var tag = Array.FindIndex(requests, r => r.StartsWith("PUT /v2/copy/app/manifests/v1 ", StringComparison.Ordinal));
            Assert.Equal(requests.Length - 1, tag);
            Assert.Equal(7, requests.Count(r => r.StartsWith("PUT /v2/copy/app/blobs/uploads/", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task The_platforms_of_an_index_are_copied_side_by_side_each_manifest_after_its_blobs_and_the_tag_last()
        {
            // Three platforms of two blobs each: more than two blobs in flight means the platforms overlap.
            var registry = new ScriptedRegistry(layers: 1, platforms: 3);
            using var server = new StubRegistryServer(registry.Answer);
            using var client = new RegistryClient(new RegistryClientOptions());

            var result = await new ImageCopier(client, client, 6).CopyAsync(registry.Source(server), registry.Destination(server), CancellationToken.None);

            Assert.Equal(ImageCopyStatus.Copied, result.Status);
            Assert.Equal(6, result.BlobsCopied);
            Assert.Equal(new[] { "linux/arch0", "linux/arch1", "linux/arch2" }, result.Platforms);
            Assert.Equal(6, registry.PeakTransfers);
            var requests = server.Requests.ToArray();
            foreach (var platform in registry.PlatformDigests)
            {
                var put = Array.FindIndex(requests, r => r.StartsWith("PUT /v2/copy/app/manifests/" + platform + " ", StringComparison.Ordinal));
                var blobsDone = registry.BlobsOf(platform).Max(blob => Array.FindIndex(requests, r => r.StartsWith("PUT /v2/copy/app/blobs/uploads/", StringComparison.Ordinal) && r.Contains("digest=" + Uri.EscapeDataString(blob))));
                Assert.True(blobsDone >= 0 && put > blobsDone, $"the manifest {platform} was put at request {put}, its last blob at {blobsDone}");
            }

            Assert.StartsWith("PUT /v2/copy/app/manifests/v1 ", requests[requests.Length - 1], StringComparison.Ordinal);
        }

        [Fact]
        public async Task One_failing_blob_among_concurrent_ones_fails_the_image_and_writes_no_tag()
        {
            var registry = new ScriptedRegistry(layers: 5) { MissingLayer = 2 };
            using var server = new StubRegistryServer(registry.Answer);
            using var client = new RegistryClient(new RegistryClientOptions());

            var result = await new ImageCopier(client, client, 4).CopyAsync(registry.Source(server), registry.Destination(server), CancellationToken.None);

            Assert.Equal(ImageCopyStatus.Failed, result.Status);
            Assert.Equal(ErrorKind.RegistryImageNotFound, result.Failure);
            Assert.Contains(registry.Digest(registry.MissingLayer), result.Message);
            Assert.DoesNotContain(server.Requests, r => r.StartsWith("PUT /v2/copy/app/manifests/", StringComparison.Ordinal));

            // The other blobs ran to their end: a re-run finds them with HEAD.
            Assert.Equal(5, server.Requests.Count(r => r.StartsWith("PUT /v2/copy/app/blobs/uploads/", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task Cancellation_in_the_middle_of_concurrent_transfers_stops_the_copy_promptly_without_a_tag()
        {
            using var cancel = new CancellationTokenSource();
            var registry = new ScriptedRegistry(layers: 4) { OnBlobRead = cancel.Cancel, HangBlobs = true };
            using var server = new StubRegistryServer(registry.Answer);
            using var client = new RegistryClient(new RegistryClientOptions());

            var copy = new ImageCopier(client, client, 4).CopyAsync(registry.Source(server), registry.Destination(server), cancel.Token);
            var finished = await Task.WhenAny(copy, Task.Delay(TimeSpan.FromSeconds(20)));

            Assert.Same(copy, finished);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => copy);
            Assert.DoesNotContain(server.Requests, r => r.StartsWith("PUT /v2/copy/app/manifests/", StringComparison.Ordinal));
        }

        [Fact]
        public void A_limit_below_one_is_refused()
        {
            using var client = new RegistryClient(new RegistryClientOptions());
            Assert.Throws<ArgumentOutOfRangeException>(() => new ImageCopier(client, client, 0));
        }

        /// <summary>
        /// One image (a config and <c>layers</c> layers) in the repository <c>src/app:v1</c>, and the
        /// empty <c>copy/app</c> that takes uploads: declines mounts (202), opens uploads (202 with
        /// Location), keeps them (201), takes the manifest (201 with its digest). Counts the blobs
        /// between their GET and their upload's PUT.
        /// </summary>
        private sealed class ScriptedRegistry
        {
            private readonly Dictionary<string, string> blobs = new Dictionary<string, string>(StringComparer.Ordinal);
            private readonly List<string> order = new List<string>();

            // Every manifest by digest (the platforms' and the top one), and the top one's type.
            private readonly Dictionary<string, string> manifests = new Dictionary<string, string>(StringComparer.Ordinal);
            private readonly Dictionary<string, string[]> blobsOf = new Dictionary<string, string[]>(StringComparer.Ordinal);
            private readonly string manifest;
            private readonly string manifestType;
            private int transfers;
            private int peak;
            private int uploads;

            /// <param name="platforms">0: one image; else a Docker manifest list of that many images.</param>
            public ScriptedRegistry(int layers, int platforms = 0)
            {
                var images = new List<string>();
                for (var p = 0; p < Math.Max(1, platforms); p++)
                {
                    var first = order.Count;
                    for (var i = 0; i <= layers; i++)
                    {
                        var content = (i == 0 ? "{\"config\":" : "layer ") + p + "." + i + new string('x', 100 * (i + 1)) + (i == 0 ? "}" : string.Empty);
                        var digest = Digests.Sha256(Encoding.UTF8.GetBytes(content));
                        blobs[digest] = content;
                        order.Add(digest);
                    }

                    string Descriptor(int i, string type) => "{\"mediaType\":\"" + type + "\",\"size\":" + Encoding.UTF8.GetByteCount(blobs[order[i]]) + ",\"digest\":\"" + order[i] + "\"}";
                    var image = "{\"schemaVersion\":2,\"mediaType\":\"" + ManifestType + "\",\"config\":" + Descriptor(first, "application/vnd.docker.container.image.v1+json") +
                        ",\"layers\":[" + string.Join(",", Enumerable.Range(first + 1, layers).Select(i => Descriptor(i, "application/vnd.docker.image.rootfs.diff.tar.gzip"))) + "]}";
                    manifests[Digests.Sha256(Encoding.UTF8.GetBytes(image))] = image;
                    blobsOf[Digests.Sha256(Encoding.UTF8.GetBytes(image))] = order.Skip(first).ToArray();
                    images.Add(image);
                }

                if (platforms == 0)
                {
                    manifest = images[0];
                    manifestType = ManifestType;
                }
                else
                {
                    manifestType = ManifestMediaTypes.DockerManifestList;
                    manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + manifestType + "\",\"manifests\":[" + string.Join(",", images.Select((image, p) =>
                        "{\"mediaType\":\"" + ManifestType + "\",\"size\":" + Encoding.UTF8.GetByteCount(image) + ",\"digest\":\"" + Digests.Sha256(Encoding.UTF8.GetBytes(image)) +
                        "\",\"platform\":{\"architecture\":\"arch" + p + "\",\"os\":\"linux\"}}")) + "]}";
                }

                ManifestDigest = Digests.Sha256(Encoding.UTF8.GetBytes(manifest));
                manifests[ManifestDigest] = manifest;
            }

            /// <summary>The digests of the platforms' manifests (of an index).</summary>
            public IEnumerable<string> PlatformDigests => manifests.Keys.Where(d => d != ManifestDigest);

            /// <summary>The blobs (config and layers) a platform's manifest references.</summary>
            public IReadOnlyList<string> BlobsOf(string platformDigest) => blobsOf[platformDigest];

            /// <summary>The layer (1-based) whose GET answers 404.</summary>
            public int MissingLayer { get; set; } = -1;

            /// <summary>Blob GETs never answer (after <see cref="OnBlobRead"/>).</summary>
            public bool HangBlobs { get; set; }

            public Action? OnBlobRead { get; set; }

            public string ManifestDigest { get; }

            public long BlobBytes => blobs.Values.Sum(b => (long)Encoding.UTF8.GetByteCount(b));

            public int PeakTransfers => Volatile.Read(ref peak);

            public string Digest(int index) => order[index];

            public ImageLocation Source(StubRegistryServer server) => new ImageLocation(RegistryReference.Parse(server.Address + "/src"), "src/app", "v1");

            public ImageLocation Destination(StubRegistryServer server) => new ImageLocation(RegistryReference.Parse(server.Address + "/copy"), "copy/app", "v1");

            public StubResponse Answer(HttpListenerRequest request)
            {
                request.InputStream.CopyTo(Stream.Null);
                var path = request.Url!.AbsolutePath;
                var method = request.HttpMethod;
                if (path == "/v2/src/app/manifests/v1" && method == "GET")
                {
                    var answer = new StubResponse { ContentType = manifestType, Body = manifest };
                    answer.Headers["Docker-Content-Digest"] = ManifestDigest;
                    return answer;
                }

                if (path.StartsWith("/v2/src/app/manifests/sha256:", StringComparison.Ordinal) && method == "GET")
                {
                    var digest = path.Substring("/v2/src/app/manifests/".Length);
                    var answer = new StubResponse { ContentType = ManifestType, Body = manifests[digest] };
                    answer.Headers["Docker-Content-Digest"] = digest;
                    return answer;
                }

                if (path.StartsWith("/v2/src/app/blobs/", StringComparison.Ordinal) && method == "GET")
                {
                    var digest = path.Substring("/v2/src/app/blobs/".Length);
                    if (order.IndexOf(digest) == MissingLayer)
                    {
                        return StubResponse.Error(404, "BLOB_UNKNOWN");
                    }

                    var now = Interlocked.Increment(ref transfers);
                    int seen;
                    while ((seen = Volatile.Read(ref peak)) < now && Interlocked.CompareExchange(ref peak, now, seen) != seen)
                    {
                    }

                    OnBlobRead?.Invoke();

                    // Held back so that transfers allowed at the same time do overlap.
                    return new StubResponse { ContentType = "application/octet-stream", Body = blobs[digest], DelayMs = 100, Hang = HangBlobs };
                }

                if (path.StartsWith("/v2/copy/app/manifests/", StringComparison.Ordinal) && method == "HEAD")
                {
                    return StubResponse.Error(404, "MANIFEST_UNKNOWN");
                }

                if (path.StartsWith("/v2/copy/app/blobs/sha256:", StringComparison.Ordinal) && method == "HEAD")
                {
                    return StubResponse.Error(404, "BLOB_UNKNOWN");
                }

                if (path == "/v2/copy/app/blobs/uploads/" && method == "POST")
                {
                    // A declined mount and a new upload alike: 202 with where to upload.
                    var opened = new StubResponse { Status = 202 };
                    opened.Headers["Location"] = "/v2/copy/app/blobs/uploads/" + Interlocked.Increment(ref uploads);
                    return opened;
                }

                if (path.StartsWith("/v2/copy/app/blobs/uploads/", StringComparison.Ordinal) && method == "PUT")
                {
                    Interlocked.Decrement(ref transfers);
                    var kept = new StubResponse { Status = 201 };
                    kept.Headers["Docker-Content-Digest"] = request.QueryString["digest"]!;
                    return kept;
                }

                if (path.StartsWith("/v2/copy/app/manifests/", StringComparison.Ordinal) && method == "PUT")
                {
                    var reference = path.Substring("/v2/copy/app/manifests/".Length);
                    var stored = new StubResponse { Status = 201 };
                    stored.Headers["Docker-Content-Digest"] = reference == "v1" ? ManifestDigest : reference;
                    return stored;
                }

                return StubResponse.Error(405, "UNSUPPORTED");
            }
        }
    }
}
