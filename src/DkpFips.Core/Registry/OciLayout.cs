using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using DkpFips.Core.Errors;
using DkpFips.Core.Json;

namespace DkpFips.Core.Registry
{
    /// <summary>
    /// The OCI image layout (image-spec image-layout.md) as one tar archive: <c>oci-layout</c>,
    /// <c>index.json</c> with one entry per image annotated <c>org.opencontainers.image.ref.name</c>,
    /// and every manifest, index, config and layer under <c>blobs/sha256/&lt;hex&gt;</c>.
    /// skopeo reads it as <c>oci-archive:</c>, containerd as <c>ctr images import</c>.
    /// </summary>
    public static class OciLayout
    {
        public const string LayoutFile = "oci-layout";
        public const string IndexFile = "index.json";
        public const string BlobDirectory = "blobs/sha256/";
        public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

        public static readonly byte[] LayoutContent = Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}");

        public static string BlobPath(string digest) => BlobDirectory + Digests.Hex(digest);

        /// <summary>The index.json of the archive: one descriptor per image, annotated with its reference.</summary>
        public static byte[] WriteIndex(IEnumerable<(Descriptor Manifest, string Reference)> images)
        {
            var document = new Dictionary<string, object>
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = ManifestMediaTypes.OciIndex,
                ["manifests"] = images.Select(i => new Dictionary<string, object>
                {
                    ["mediaType"] = i.Manifest.MediaType,
                    ["digest"] = i.Manifest.Digest,
                    ["size"] = i.Manifest.Size,
                    ["annotations"] = new Dictionary<string, string> { [RefNameAnnotation] = i.Reference },
                }).ToArray(),
            };
            return JsonSerializer.SerializeToUtf8Bytes(document);
        }

        /// <summary>The images an index.json names, with their references. Throws <see cref="RegistryTransferException"/> (InvalidArchive) when it cannot be read.</summary>
        public static IReadOnlyList<(Descriptor Manifest, string Reference)> ReadIndex(byte[] content)
        {
            try
            {
                using var document = JsonDocument.Parse(content);
                if (JsonText.Element(document.RootElement, "manifests") is not { ValueKind: JsonValueKind.Array } manifests)
                {
                    throw new RegistryTransferException(ErrorKind.ImageArchiveInvalid, "The archive's index.json has no manifests list: it is not an OCI image layout.");
                }

                var images = new List<(Descriptor, string)>();
                foreach (var item in manifests.EnumerateArray())
                {
                    var descriptor = ManifestDocument.ReadDescriptor(item, "The archive's index.json");
                    if (!descriptor.Annotations.TryGetValue(RefNameAnnotation, out var reference) || string.IsNullOrEmpty(reference))
                    {
                        throw new RegistryTransferException(ErrorKind.ImageArchiveInvalid, $"The archive's index.json entry {descriptor.Digest} has no {RefNameAnnotation} annotation: which image it is cannot be told.");
                    }

                    images.Add((descriptor, reference));
                }

                return images;
            }
            catch (JsonException ex)
            {
                throw new RegistryTransferException(ErrorKind.ImageArchiveInvalid, "The archive's index.json is not valid JSON: " + ex.Message, ex);
            }
            catch (RegistryTransferException ex) when (ex.Kind != ErrorKind.ImageArchiveInvalid)
            {
                throw new RegistryTransferException(ErrorKind.ImageArchiveInvalid, ex.Message, ex);
            }
        }

        /// <summary>
        /// Splits <c>docker.io/mesosphere/kube-apiserver:v1.23.7_fips.0</c> into the image name
        /// (<c>kube-apiserver</c>) and tag, which Publish-FipsBuild puts below its registry.
        /// </summary>
        public static (string Name, string Tag) SplitReference(string reference)
        {
            var slash = reference.LastIndexOf('/');
            var colon = reference.LastIndexOf(':');
            if (colon <= slash || colon == reference.Length - 1)
            {
                throw new RegistryTransferException(ErrorKind.ImageArchiveInvalid, $"The archive names the image '{reference}', which has no tag.");
            }

            return (reference.Substring(slash + 1, colon - slash - 1), reference.Substring(colon + 1));
        }
    }
}
