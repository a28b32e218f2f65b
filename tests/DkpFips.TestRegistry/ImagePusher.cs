using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DkpFips.TestRegistry
{
    /// <summary>
    /// Pushes small real images over the registry HTTP API, as docker push does: each blob by a
    /// POST to /v2/&lt;name&gt;/blobs/uploads/ and a PUT of its bytes with ?digest=, then the
    /// manifest (or index) by PUT /v2/&lt;name&gt;/manifests/&lt;reference&gt;.
    /// </summary>
    public sealed class ImagePusher : IDisposable
    {
        public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
        public const string OciIndex = "application/vnd.oci.image.index.v1+json";
        public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
        public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

        private readonly HttpClient http;
        private readonly Uri baseUri;

        public ImagePusher(string address, string? user = null, string? password = null)
        {
            baseUri = new Uri("http://" + address + "/");
            http = new HttpClient();
            if (user is not null)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
            }
        }

        /// <summary>A one-layer image for one platform; returns the manifest digest.</summary>
        public (string Digest, long Size, string MediaType) PushImage(string repository, string reference, string os = "linux", string architecture = "amd64", bool oci = false, byte[]? largeLayer = null) =>
            PushImage(repository, reference, largeLayer is null ? null : new[] { largeLayer }, os, architecture, oci);

        /// <summary>An image of the given layers (each gzip'd) for one platform; returns the manifest digest.</summary>
        public (string Digest, long Size, string MediaType) PushImage(string repository, string reference, IReadOnlyList<byte[]>? largeLayers, string os = "linux", string architecture = "amd64", bool oci = false)
        {
            // The layer: a gzip'd empty tar (two zero blocks), different per platform via the config;
            // or the given bytes gzip'd (the benchmark's large layers).
            var tars = largeLayers ?? new[] { new byte[1024] };
            var layers = tars.Select(Gzip).ToArray();
            var config = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["architecture"] = architecture,
                ["os"] = os,
                ["config"] = new Dictionary<string, object>(),
                ["rootfs"] = new Dictionary<string, object> { ["type"] = "layers", ["diff_ids"] = tars.Select(Digest).ToArray() },
                ["created"] = "2026-01-01T00:00:00Z",
                ["comment"] = repository + ":" + reference,
            }));
            foreach (var layer in layers)
            {
                PushBlob(repository, layer);
            }

            PushBlob(repository, config);

            var mediaType = oci ? OciManifest : DockerManifest;
            var manifest = new Dictionary<string, object>
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = mediaType,
                ["config"] = Descriptor(oci ? "application/vnd.oci.image.config.v1+json" : "application/vnd.docker.container.image.v1+json", config),
                ["layers"] = layers.Select(layer => Descriptor(oci ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.docker.image.rootfs.diff.tar.gzip", layer)).ToArray(),
            };
            var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(manifest));
            return (PutManifest(repository, reference, mediaType, bytes), bytes.Length, mediaType);
        }

        /// <summary>A multi-platform index (OCI, or a Docker manifest list) of one image per platform ("os/arch").</summary>
        public string PushIndex(string repository, string tag, IEnumerable<string> platforms, bool oci = true)
        {
            var entries = new List<object>();
            foreach (var platform in platforms)
            {
                var parts = platform.Split('/');
                var image = PushImage(repository, "tmp-" + parts[1], parts[0], parts[1], oci);
                entries.Add(new Dictionary<string, object>
                {
                    ["mediaType"] = image.MediaType,
                    ["digest"] = image.Digest,
                    ["size"] = image.Size,
                    ["platform"] = new Dictionary<string, object> { ["architecture"] = parts[1], ["os"] = parts[0] },
                });
            }

            var mediaType = oci ? OciIndex : DockerManifestList;
            var index = new Dictionary<string, object> { ["schemaVersion"] = 2, ["mediaType"] = mediaType, ["manifests"] = entries };
            return PutManifest(repository, tag, mediaType, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(index)));
        }

        private void PushBlob(string repository, byte[] content)
        {
            var digest = Digest(content);
            using var start = http.PostAsync(new Uri(baseUri, $"v2/{repository}/blobs/uploads/"), new ByteArrayContent(Array.Empty<byte>())).GetAwaiter().GetResult();
            Expect(start, HttpStatusCode.Accepted, "blob upload POST");
            var location = start.Headers.Location ?? throw new InvalidOperationException("blob upload answered without Location");
            var upload = location.IsAbsoluteUri ? location : new Uri(baseUri, location);
            var separator = upload.Query.Length > 0 ? "&" : "?";
            var put = new HttpRequestMessage(HttpMethod.Put, new Uri(upload + separator + "digest=" + Uri.EscapeDataString(digest)))
            {
                Content = new ByteArrayContent(content),
            };
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var done = http.SendAsync(put).GetAwaiter().GetResult();
            Expect(done, HttpStatusCode.Created, "blob upload PUT");
        }

        private string PutManifest(string repository, string reference, string mediaType, byte[] body)
        {
            var put = new HttpRequestMessage(HttpMethod.Put, new Uri(baseUri, $"v2/{repository}/manifests/{reference}")) { Content = new ByteArrayContent(body) };
            put.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            using var response = http.SendAsync(put).GetAwaiter().GetResult();
            Expect(response, HttpStatusCode.Created, "manifest PUT " + repository + ":" + reference);
            var digest = response.Headers.GetValues("Docker-Content-Digest").First();
            if (digest != Digest(body))
            {
                throw new InvalidOperationException($"The registry stored {repository}:{reference} as {digest}, expected {Digest(body)}.");
            }

            return digest;
        }

        private static Dictionary<string, object> Descriptor(string mediaType, byte[] content) =>
            new Dictionary<string, object> { ["mediaType"] = mediaType, ["digest"] = Digest(content), ["size"] = content.Length };

        public static string Digest(byte[] content) => "sha256:" + Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();

        private static byte[] Gzip(byte[] content)
        {
            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(content, 0, content.Length);
            }

            return buffer.ToArray();
        }

        private static void Expect(HttpResponseMessage response, HttpStatusCode expected, string what)
        {
            if (response.StatusCode != expected)
            {
                var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
            }
        }

        public void Dispose() => http.Dispose();
    }
}
