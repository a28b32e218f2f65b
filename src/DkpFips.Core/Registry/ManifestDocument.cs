using System;
using System.Collections.Generic;
using System.Text.Json;
using DkpFips.Core.Errors;
using DkpFips.Core.Json;

namespace DkpFips.Core.Registry
{
    /// <summary>
    /// A manifest or index as the registry served it: the exact bytes (which are what is copied,
    /// never a re-serialization, so the digest stays the same) and what they reference.
    /// </summary>
    public sealed class ManifestDocument
    {
        private ManifestDocument(byte[] content, string mediaType, string digest, IReadOnlyList<Descriptor> manifests, IReadOnlyList<Descriptor> blobs)
        {
            Content = content;
            MediaType = mediaType;
            Digest = digest;
            Manifests = manifests;
            Blobs = blobs;
        }

        public byte[] Content { get; }

        public string MediaType { get; }

        /// <summary>sha256 of <see cref="Content"/>.</summary>
        public string Digest { get; }

        public bool IsIndex => ManifestMediaTypes.IsIndex(MediaType);

        /// <summary>An index's entries (one manifest per platform); empty for an image manifest.</summary>
        public IReadOnlyList<Descriptor> Manifests { get; }

        /// <summary>An image manifest's config and layers; empty for an index.</summary>
        public IReadOnlyList<Descriptor> Blobs { get; }

        /// <summary>
        /// Reads <paramref name="content"/>. The media type is the one the registry sent, else the
        /// document's own mediaType field. Throws <see cref="RegistryTransferException"/> when the
        /// bytes are not a manifest or index of a known type.
        /// </summary>
        public static ManifestDocument Read(byte[] content, string? mediaType, string what)
        {
            try
            {
                using var document = JsonDocument.Parse(content);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(what, "it is not a JSON object");
                }

                var declared = JsonText.String(root, "mediaType");
                var type = string.IsNullOrEmpty(mediaType) || string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase) || string.Equals(mediaType, "application/octet-stream", StringComparison.OrdinalIgnoreCase)
                    ? declared ?? (root.TryGetProperty("manifests", out _) ? ManifestMediaTypes.OciIndex : ManifestMediaTypes.OciManifest)
                    : mediaType!;
                if (Array.IndexOf(ManifestMediaTypes.All, type) < 0)
                {
                    throw Invalid(what, $"its media type '{type}' is not an OCI or Docker v2 manifest or index");
                }

                var digest = Digests.Sha256(content);
                if (ManifestMediaTypes.IsIndex(type))
                {
                    return new ManifestDocument(content, type, digest, ReadList(root, "manifests", what), Array.Empty<Descriptor>());
                }

                var blobs = new List<Descriptor>();
                if (!root.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(what, "it has no config descriptor");
                }

                blobs.Add(ReadDescriptor(config, what));
                blobs.AddRange(ReadList(root, "layers", what));
                return new ManifestDocument(content, type, digest, Array.Empty<Descriptor>(), blobs);
            }
            catch (JsonException ex)
            {
                throw new RegistryTransferException(ErrorKind.RegistryRequestFailed, $"{what} is not valid JSON: {ex.Message}", ex);
            }
        }

        private static List<Descriptor> ReadList(JsonElement root, string name, string what)
        {
            var list = new List<Descriptor>();
            if (!root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(what, $"it has no {name} list");
            }

            foreach (var item in array.EnumerateArray())
            {
                list.Add(ReadDescriptor(item, what));
            }

            return list;
        }

        internal static Descriptor ReadDescriptor(JsonElement item, string what)
        {
            if (item.ValueKind != JsonValueKind.Object ||
                !item.TryGetProperty("digest", out var digest) || digest.ValueKind != JsonValueKind.String ||
                !item.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var length) || length < 0)
            {
                throw Invalid(what, "a descriptor lacks its digest or size");
            }

            var digestText = digest.GetString()!;
            if (!Digests.IsSha256(digestText))
            {
                throw Invalid(what, $"the digest '{digestText}' is not a sha256 digest");
            }

            var mediaType = JsonText.String(item, "mediaType") ?? string.Empty;
            string? platform = null;
            if (item.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                var os = JsonText.String(p, "os");
                var arch = JsonText.String(p, "architecture");
                var variant = JsonText.String(p, "variant");
                platform = os + "/" + arch + (string.IsNullOrEmpty(variant) ? string.Empty : "/" + variant);
            }

            var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.TryGetProperty("annotations", out var notes) && notes.ValueKind == JsonValueKind.Object)
            {
                foreach (var note in notes.EnumerateObject())
                {
                    if (note.Value.ValueKind == JsonValueKind.String)
                    {
                        annotations[note.Name] = note.Value.GetString()!;
                    }
                }
            }

            return new Descriptor(mediaType, digestText, length, platform, annotations);
        }

        private static RegistryTransferException Invalid(string what, string why) =>
            new RegistryTransferException(ErrorKind.RegistryRequestFailed, $"{what} cannot be read: {why}.");
    }
}
