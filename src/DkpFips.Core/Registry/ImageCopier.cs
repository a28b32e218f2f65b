using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Registry
{
    /// <summary>
    /// Copies images between registries byte for byte: manifests and indexes are put exactly as
    /// the source served them (never re-serialized), so the destination serves the source's
    /// digest. Blobs are looked for with HEAD first, mounted from another repository of the
    /// destination when one has them, and otherwise streamed from source to destination without
    /// being held in memory. Blobs go first, then each platform's manifest by digest, the tag
    /// last: a tag never points at a partial image, and a re-run finishes an interrupted copy.
    /// The blobs of an image and the platforms of an index are copied at the same time, at most
    /// <see cref="MaxConcurrentBlobs"/> blobs at once across every image of the copier (each
    /// holds one streaming buffer, so memory stays bounded whatever the layers weigh).
    /// </summary>
    public sealed class ImageCopier
    {
        private enum BlobOutcome
        {
            Copied,
            Mounted,
            Present,
        }

        private readonly RegistryClient source;
        private readonly RegistryClient destination;

        // One transfer per destination repository and digest, shared by every image that needs it.
        private readonly ConcurrentDictionary<string, Lazy<Task<BlobOutcome>>> blobs = new ConcurrentDictionary<string, Lazy<Task<BlobOutcome>>>(StringComparer.Ordinal);

        // A destination repository known to hold a digest: where a mount can take it from.
        private readonly ConcurrentDictionary<string, string> holders = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        // Bounds the blobs in flight (HEAD, mount or streamed upload) across every image.
        private readonly SemaphoreSlim transfers;
        private long bytesCopied;

        public ImageCopier(RegistryClient source, RegistryClient destination, int maxConcurrentBlobs = 1)
        {
            if (maxConcurrentBlobs < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxConcurrentBlobs), maxConcurrentBlobs, "At least one blob must be allowed at a time.");
            }

            this.source = source;
            this.destination = destination;
            MaxConcurrentBlobs = maxConcurrentBlobs;
            transfers = new SemaphoreSlim(maxConcurrentBlobs, maxConcurrentBlobs);
        }

        /// <summary>Blobs transferred at the same time, across every image this copier copies.</summary>
        public int MaxConcurrentBlobs { get; }

        /// <summary>Bytes uploaded so far by this copier (for progress).</summary>
        public long BytesCopied => Interlocked.Read(ref bytesCopied);

        /// <summary>Copies one image. Throws only <see cref="OperationCanceledException"/>; every failure is a Failed result.</summary>
        public async Task<ImageCopyResult> CopyAsync(ImageLocation from, ImageLocation to, CancellationToken cancellationToken)
        {
            ManifestDocument? top = null;
            var counts = new ImageCopyResult(from, to, ImageCopyStatus.Copied);
            try
            {
                top = await source.GetManifestAsync(from, cancellationToken).ConfigureAwait(false);
                var platforms = top.Manifests.Select(m => m.Platform ?? m.Digest).ToArray();
                var served = await destination.GetManifestDigestAsync(to, cancellationToken).ConfigureAwait(false);
                if (string.Equals(served, top.Digest, StringComparison.Ordinal))
                {
                    return new ImageCopyResult(from, to, ImageCopyStatus.Skipped) { Digest = top.Digest, MediaType = top.MediaType, Platforms = platforms };
                }

                await CopyTreeAsync(from, to, top, counts, depth: 0, cancellationToken).ConfigureAwait(false);
                await destination.PutManifestAsync(to, to.Tag, top, cancellationToken).ConfigureAwait(false);
                counts.Digest = top.Digest;
                counts.MediaType = top.MediaType;
                counts.Platforms = platforms;
                return counts;
            }
            catch (RegistryTransferException ex)
            {
                return new ImageCopyResult(from, to, ImageCopyStatus.Failed)
                {
                    Digest = top?.Digest,
                    MediaType = top?.MediaType,
                    BytesCopied = counts.BytesCopied,
                    BlobsCopied = counts.BlobsCopied,
                    BlobsMounted = counts.BlobsMounted,
                    BlobsPresent = counts.BlobsPresent,
                    Failure = ex.Kind,
                    Message = $"{from.Reference} -> {to.Reference}: {ex.Message}",
                };
            }
        }

        /// <summary>
        /// Everything <paramref name="manifest"/> references, before the manifest itself: its blobs,
        /// or each platform's tree and then that platform's manifest, all at the same time. Every
        /// branch runs to its end before a failure is thrown, so nothing is left writing behind a
        /// failed image (the caller writes no tag).
        /// </summary>
        private async Task CopyTreeAsync(ImageLocation from, ImageLocation to, ManifestDocument manifest, ImageCopyResult counts, int depth, CancellationToken cancellationToken)
        {
            if (!manifest.IsIndex)
            {
                await WhenAllAsync(manifest.Blobs.Select(blob => CopyBlobAsync(from, to, blob, counts, cancellationToken))).ConfigureAwait(false);
                return;
            }

            if (depth > 2)
            {
                throw new RegistryTransferException(ErrorKind.RegistryRequestFailed, $"The index of {from.Reference} nests indexes more than two deep.");
            }

            await WhenAllAsync(manifest.Manifests.Select(async entry =>
            {
                var child = await source.GetManifestAsync(new ImageLocation(from.Registry, from.Repository, entry.Digest), cancellationToken).ConfigureAwait(false);
                await CopyTreeAsync(from, to, child, counts, depth + 1, cancellationToken).ConfigureAwait(false);
                await destination.PutManifestAsync(to, entry.Digest, child, cancellationToken).ConfigureAwait(false);
            })).ConfigureAwait(false);
        }

        /// <summary>
        /// Waits for every task; then a cancellation wins (Ctrl+C stops the image, not a Failed
        /// result), else the first transfer failure in order is thrown.
        /// </summary>
        private static async Task WhenAllAsync(IEnumerable<Task> branches)
        {
            var tasks = branches.ToArray();
            try
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch (Exception)
            {
                var cancelled = tasks.FirstOrDefault(t => t.IsCanceled || t.Exception?.InnerException is OperationCanceledException);
                if (cancelled is not null)
                {
                    await cancelled.ConfigureAwait(false);
                }

                throw;
            }
        }

        private async Task CopyBlobAsync(ImageLocation from, ImageLocation to, Descriptor blob, ImageCopyResult counts, CancellationToken cancellationToken)
        {
            var key = to.Registry.BaseUri.AbsoluteUri + to.Repository + "@" + blob.Digest;
            var mine = new Lazy<Task<BlobOutcome>>(() => TransferBlobAsync(from, to, blob, cancellationToken));
            var shared = blobs.GetOrAdd(key, mine);
            var outcome = await shared.Value.ConfigureAwait(false);
            if (!ReferenceEquals(mine, shared))
            {
                lock (counts)
                {
                    counts.BlobsPresent++;
                }

                return;
            }

            // The blobs of one image finish on different threads.
            lock (counts)
            {
                switch (outcome)
                {
                    case BlobOutcome.Copied:
                        counts.BlobsCopied++;
                        counts.BytesCopied += blob.Size;
                        break;
                    case BlobOutcome.Mounted:
                        counts.BlobsMounted++;
                        break;
                    default:
                        counts.BlobsPresent++;
                        break;
                }
            }
        }

        private async Task<BlobOutcome> TransferBlobAsync(ImageLocation from, ImageLocation to, Descriptor blob, CancellationToken cancellationToken)
        {
            await transfers.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await TransferBlobUngatedAsync(from, to, blob, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                transfers.Release();
            }
        }

        private async Task<BlobOutcome> TransferBlobUngatedAsync(ImageLocation from, ImageLocation to, Descriptor blob, CancellationToken cancellationToken)
        {
            var holderKey = to.Registry.BaseUri.AbsoluteUri + "@" + blob.Digest;
            if (await destination.BlobExistsAsync(to, blob.Digest, cancellationToken).ConfigureAwait(false))
            {
                holders.TryAdd(holderKey, to.Repository);
                return BlobOutcome.Present;
            }

            // A mount needs a repository of the same registry that has the blob: one this run
            // wrote it to, or the source repository when source and destination are one registry.
            var candidates = new List<string>();
            if (holders.TryGetValue(holderKey, out var holder) && holder != to.Repository)
            {
                candidates.Add(holder);
            }

            if (from.Registry.BaseUri == to.Registry.BaseUri && from.Repository != to.Repository && !candidates.Contains(from.Repository))
            {
                candidates.Add(from.Repository);
            }

            foreach (var candidate in candidates)
            {
                if (await destination.TryMountBlobAsync(to, blob.Digest, candidate, cancellationToken).ConfigureAwait(false))
                {
                    holders.TryAdd(holderKey, to.Repository);
                    return BlobOutcome.Mounted;
                }
            }

            using (var response = await source.OpenBlobAsync(from, blob.Digest, cancellationToken).ConfigureAwait(false))
            {
                if (response.StatusCode != System.Net.HttpStatusCode.OK)
                {
                    throw new RegistryTransferException(ErrorKind.RegistryRequestFailed, $"{from.Registry.BaseUri.Authority} answered {(int)response.StatusCode} {response.ReasonPhrase} for the blob {blob.Digest} of {from.Repository}.");
                }

                var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using var verified = new DigestingStream(body, blob.Digest, blob.Size, $"The blob {blob.Digest} of {from.Reference}", read => Interlocked.Add(ref bytesCopied, read));
                await destination.UploadBlobAsync(to, blob.Digest, blob.Size, verified, cancellationToken).ConfigureAwait(false);
                verified.Verify();
            }

            holders.TryAdd(holderKey, to.Repository);
            return BlobOutcome.Copied;
        }
    }
}
