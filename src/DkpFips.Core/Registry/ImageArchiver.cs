using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Registry
{
    /// <summary>
    /// Saves images, every platform, into one OCI image-layout tar: manifests and indexes as the
    /// exact bytes the registry served, blobs streamed from the registry into the archive with
    /// their digests checked as they pass, each blob once.
    /// </summary>
    public sealed class ImageArchiver
    {
        private readonly RegistryClient source;
        private long bytesWritten;

        public ImageArchiver(RegistryClient source)
        {
            this.source = source;
        }

        public long BytesWritten => Interlocked.Read(ref bytesWritten);

        /// <summary>
        /// Reads every image's manifest first: the images that cannot be read come back as
        /// failures, and then nothing is written. Otherwise writes the archive to <paramref name="output"/>.
        /// A failure while writing throws <see cref="RegistryTransferException"/>; the archive is then unusable.
        /// </summary>
        public async Task<(IReadOnlyList<ArchivedImage> Saved, IReadOnlyList<(ImageLocation Image, RegistryTransferException Error)> Failed)> SaveAsync(
            IReadOnlyList<(ImageLocation Source, string Reference)> images,
            Stream output,
            CancellationToken cancellationToken)
        {
            var tops = new List<ArchivedImage>();
            var failed = new List<(ImageLocation, RegistryTransferException)>();
            foreach (var (image, reference) in images)
            {
                try
                {
                    var manifest = await source.GetManifestAsync(image, cancellationToken).ConfigureAwait(false);
                    tops.Add(new ArchivedImage(image, reference, manifest, manifest.Manifests.Select(m => m.Platform ?? m.Digest).ToArray()));
                }
                catch (RegistryTransferException ex)
                {
                    failed.Add((image, ex));
                }
            }

            if (failed.Count > 0)
            {
                return (Array.Empty<ArchivedImage>(), failed);
            }

            using (var writer = new OciArchiveWriter(output))
            {
                foreach (var top in tops)
                {
                    await WriteTreeAsync(top.Source, top.Manifest, writer, 0, cancellationToken).ConfigureAwait(false);
                    writer.WriteBlob(top.Manifest.Digest, top.Manifest.Content);
                }

                writer.Finish(OciLayout.WriteIndex(tops.Select(t => (new Descriptor(t.Manifest.MediaType, t.Manifest.Digest, t.Manifest.Content.Length), t.Reference))));
            }

            return (tops, Array.Empty<(ImageLocation, RegistryTransferException)>());
        }

        private async Task WriteTreeAsync(ImageLocation image, ManifestDocument manifest, OciArchiveWriter writer, int depth, CancellationToken cancellationToken)
        {
            if (manifest.IsIndex)
            {
                if (depth > 2)
                {
                    throw new RegistryTransferException(ErrorKind.RegistryRequestFailed, $"The index of {image.Reference} nests indexes more than two deep.");
                }

                foreach (var entry in manifest.Manifests)
                {
                    var child = await source.GetManifestAsync(new ImageLocation(image.Registry, image.Repository, entry.Digest), cancellationToken).ConfigureAwait(false);
                    await WriteTreeAsync(image, child, writer, depth + 1, cancellationToken).ConfigureAwait(false);
                    writer.WriteBlob(child.Digest, child.Content);
                }

                return;
            }

            foreach (var blob in manifest.Blobs)
            {
                if (writer.Contains(blob.Digest))
                {
                    continue;
                }

                using var response = await source.OpenBlobAsync(image, blob.Digest, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != System.Net.HttpStatusCode.OK)
                {
                    throw new RegistryTransferException(ErrorKind.RegistryRequestFailed, $"{image.Registry.BaseUri.Authority} answered {(int)response.StatusCode} {response.ReasonPhrase} for the blob {blob.Digest} of {image.Repository}.");
                }

                var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using var verified = new DigestingStream(body, blob.Digest, blob.Size, $"The blob {blob.Digest} of {image.Reference}", read => Interlocked.Add(ref bytesWritten, read));
                await writer.WriteBlobAsync(blob.Digest, blob.Size, verified, cancellationToken).ConfigureAwait(false);
                verified.Verify();
            }
        }
    }
}
