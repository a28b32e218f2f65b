using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Errors;
using ICSharpCode.SharpZipLib.Tar;

namespace DkpFips.Core.Registry
{
    /// <summary>
    /// Pushes an OCI image-layout archive (as Save-FipsBuild writes it) to a registry, digests
    /// kept. Two passes over the tar: the first reads index.json and the manifests and indexes
    /// (small JSON blobs), checking each against its digest; the second streams every other blob
    /// an image needs straight into its upload, checking its digest as it reads. Manifests go
    /// after their blobs and each tag last; an image the registry already serves is Skipped.
    /// </summary>
    public sealed class ArchivePublisher
    {
        // Manifests, indexes and configs are small; a layer is read in the second pass only.
        private const long MaxJsonBlob = 4 * 1024 * 1024;

        private readonly RegistryClient destination;
        private long bytesCopied;

        public ArchivePublisher(RegistryClient destination)
        {
            this.destination = destination;
        }

        public long BytesCopied => Interlocked.Read(ref bytesCopied);

        /// <summary>
        /// One result per image of the archive. Throws <see cref="RegistryTransferException"/>
        /// (InvalidArchive, DigestMismatch) when the archive cannot be used: then no tag is written.
        /// </summary>
        public async Task<IReadOnlyList<ImageCopyResult>> PublishAsync(string path, RegistryReference registry, CancellationToken cancellationToken)
        {
            var (images, documents) = ReadIndexAndManifests(path);
            var results = new List<ImageCopyResult>();
            var pending = new List<(ImageLocation Target, string Origin, ManifestDocument Top, List<ManifestDocument> Children)>();
            var needed = new Dictionary<string, (Descriptor Blob, List<ImageLocation> Targets)>(StringComparer.Ordinal);

            foreach (var (descriptor, reference) in images)
            {
                var (name, tag) = OciLayout.SplitReference(reference);
                var target = new ImageLocation(registry, registry.RepositoryOf(name), tag);
                var origin = target;
                var top = Document(documents, descriptor.Digest, reference);
                var children = new List<ManifestDocument>();
                var blobs = new List<Descriptor>();
                Collect(documents, top, reference, children, blobs, 0);

                try
                {
                    var served = await destination.GetManifestDigestAsync(target, cancellationToken).ConfigureAwait(false);
                    if (string.Equals(served, top.Digest, StringComparison.Ordinal))
                    {
                        results.Add(new ImageCopyResult(origin, target, ImageCopyStatus.Skipped) { Origin = reference, Digest = top.Digest, MediaType = top.MediaType, Platforms = Platforms(top) });
                        continue;
                    }
                }
                catch (RegistryTransferException ex)
                {
                    results.Add(Failed(reference, target, top, ex));
                    continue;
                }

                foreach (var blob in blobs)
                {
                    if (!needed.TryGetValue(blob.Digest, out var entry))
                    {
                        entry = (blob, new List<ImageLocation>());
                        needed[blob.Digest] = entry;
                    }

                    if (!entry.Targets.Any(t => t.Repository == target.Repository))
                    {
                        entry.Targets.Add(target);
                    }
                }

                pending.Add((target, reference, top, children));
            }

            if (pending.Count == 0)
            {
                return results;
            }

            var counts = pending.ToDictionary(p => p.Target.Key, p => new ImageCopyResult(p.Target, p.Target, ImageCopyStatus.Copied) { Origin = p.Origin }, StringComparer.Ordinal);
            try
            {
                await UploadBlobsAsync(path, needed, counts, cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryTransferException ex) when (ex.Kind != ErrorKind.ImageArchiveInvalid && ex.Kind != ErrorKind.RegistryDigestMismatch)
            {
                // The registry failed (refused, unreachable): every image not yet published fails with it.
                results.AddRange(pending.Select(p => Failed(p.Origin, p.Target, p.Top, ex)));
                return results;
            }

            foreach (var (target, origin, top, children) in pending)
            {
                try
                {
                    foreach (var child in children)
                    {
                        await destination.PutManifestAsync(target, child.Digest, child, cancellationToken).ConfigureAwait(false);
                    }

                    await destination.PutManifestAsync(target, target.Tag, top, cancellationToken).ConfigureAwait(false);
                    var result = counts[target.Key];
                    result.Digest = top.Digest;
                    result.MediaType = top.MediaType;
                    result.Platforms = Platforms(top);
                    results.Add(result);
                }
                catch (RegistryTransferException ex)
                {
                    results.Add(Failed(origin, target, top, ex));
                }
            }

            return results;
        }

        private async Task UploadBlobsAsync(string path, Dictionary<string, (Descriptor Blob, List<ImageLocation> Targets)> needed, Dictionary<string, ImageCopyResult> counts, CancellationToken cancellationToken)
        {
            var done = new HashSet<string>(StringComparer.Ordinal);
            using (var file = OpenArchive(path))
            using (var tar = new TarInputStream(file, Encoding.UTF8) { IsStreamOwner = false })
            {
                TarEntry? entry;
                while ((entry = NextEntry(tar)) is not null)
                {
                    var digest = BlobDigest(entry.Name);
                    if (digest is null || done.Contains(digest) || !needed.TryGetValue(digest, out var need))
                    {
                        continue;
                    }

                    done.Add(digest);
                    var first = need.Targets[0];
                    if (await destination.BlobExistsAsync(first, digest, cancellationToken).ConfigureAwait(false))
                    {
                        counts[first.Key].BlobsPresent++;
                    }
                    else
                    {
                        using var verified = new DigestingStream(tar, digest, need.Blob.Size, $"The archive's blob {digest}", read => Interlocked.Add(ref bytesCopied, read), leaveOpen: true, shortFailure: ErrorKind.ImageArchiveInvalid);
                        await destination.UploadBlobAsync(first, digest, need.Blob.Size, verified, cancellationToken).ConfigureAwait(false);
                        verified.Verify();
                        counts[first.Key].BlobsCopied++;
                        counts[first.Key].BytesCopied += need.Blob.Size;
                    }

                    foreach (var other in need.Targets.Skip(1))
                    {
                        if (await destination.BlobExistsAsync(other, digest, cancellationToken).ConfigureAwait(false))
                        {
                            counts[other.Key].BlobsPresent++;
                        }
                        else if (await destination.TryMountBlobAsync(other, digest, first.Repository, cancellationToken).ConfigureAwait(false))
                        {
                            counts[other.Key].BlobsMounted++;
                        }
                        else
                        {
                            throw new RegistryTransferException(ErrorKind.RegistryRequestFailed, $"{other.Registry.BaseUri.Authority} would not mount {digest} from {first.Repository} into {other.Repository}.");
                        }
                    }
                }
            }

            var missing = needed.Keys.Where(d => !done.Contains(d)).ToArray();
            if (missing.Length > 0)
            {
                throw new RegistryTransferException(ErrorKind.ImageArchiveInvalid, $"The archive lacks {missing.Length} blob(s) its images need (first: {missing[0]}): it is truncated or incomplete.");
            }
        }

        /// <summary>First pass: index.json and every JSON blob (manifests, indexes, configs), each checked against its digest.</summary>
        private static (IReadOnlyList<(Descriptor, string)> Images, Dictionary<string, byte[]> Documents) ReadIndexAndManifests(string path)
        {
            // A tar is whole 512-byte blocks: anything else was cut short (SharpZipLib reads a
            // cut last block without complaint, and only the digest check would notice).
            var size = new FileInfo(path).Length;
            if (size % 512 != 0)
            {
                throw new RegistryTransferException(ErrorKind.ImageArchiveInvalid, $"{path} is cut short: its {size} bytes are not whole 512-byte tar blocks.");
            }

            byte[]? index = null;
            var layout = false;
            var documents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            using (var file = OpenArchive(path))
            using (var tar = new TarInputStream(file, Encoding.UTF8) { IsStreamOwner = false })
            {
                TarEntry? entry;
                while ((entry = NextEntry(tar)) is not null)
                {
                    var name = Normalize(entry.Name);
                    if (name == OciLayout.LayoutFile)
                    {
                        layout = true;
                    }
                    else if (name == OciLayout.IndexFile && entry.Size <= MaxJsonBlob)
                    {
                        index = ReadEntry(tar, entry);
                    }
                    else if (BlobDigest(name) is { } digest && entry.Size <= MaxJsonBlob)
                    {
                        var content = ReadEntry(tar, entry);
                        if (content.Length > 0 && content[0] == (byte)'{')
                        {
                            var actual = Digests.Sha256(content);
                            if (actual != digest)
                            {
                                throw new RegistryTransferException(ErrorKind.RegistryDigestMismatch, $"The archive's blob {digest} does not match its digest: the bytes hash to {actual}.");
                            }

                            documents[digest] = content;
                        }
                    }
                }
            }

            if (!layout || index is null)
            {
                throw new RegistryTransferException(ErrorKind.ImageArchiveInvalid, $"{path} is not an OCI image-layout archive (it has no {(layout ? OciLayout.IndexFile : OciLayout.LayoutFile)}), or it is truncated.");
            }

            return (OciLayout.ReadIndex(index), documents);
        }

        private static void Collect(Dictionary<string, byte[]> documents, ManifestDocument manifest, string reference, List<ManifestDocument> children, List<Descriptor> blobs, int depth)
        {
            if (!manifest.IsIndex)
            {
                blobs.AddRange(manifest.Blobs);
                return;
            }

            if (depth > 2)
            {
                throw new RegistryTransferException(ErrorKind.ImageArchiveInvalid, $"The index of {reference} nests indexes more than two deep.");
            }

            foreach (var entry in manifest.Manifests)
            {
                var child = Document(documents, entry.Digest, reference);
                Collect(documents, child, reference, children, blobs, depth + 1);
                children.Add(child);
            }
        }

        private static ManifestDocument Document(Dictionary<string, byte[]> documents, string digest, string reference)
        {
            if (!documents.TryGetValue(digest, out var content))
            {
                throw new RegistryTransferException(ErrorKind.ImageArchiveInvalid, $"The archive lacks the manifest {digest} of {reference}: it is truncated or incomplete.");
            }

            try
            {
                return ManifestDocument.Read(content, null, $"The manifest {digest} of {reference} in the archive");
            }
            catch (RegistryTransferException ex)
            {
                throw new RegistryTransferException(ErrorKind.ImageArchiveInvalid, ex.Message, ex);
            }
        }

        private static IReadOnlyList<string> Platforms(ManifestDocument top) => top.Manifests.Select(m => m.Platform ?? m.Digest).ToArray();

        private static ImageCopyResult Failed(string origin, ImageLocation target, ManifestDocument top, RegistryTransferException ex) =>
            new ImageCopyResult(target, target, ImageCopyStatus.Failed) { Origin = origin, Digest = top.Digest, MediaType = top.MediaType, Failure = ex.Kind, Message = $"{origin} -> {target.Reference}: {ex.Message}" };

        private static FileStream OpenArchive(string path) => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);

        private static TarEntry? NextEntry(TarInputStream tar)
        {
            try
            {
                return tar.GetNextEntry();
            }
            catch (Exception ex) when (ex is TarException || ex is EndOfStreamException || ex is IOException)
            {
                throw new RegistryTransferException(ErrorKind.ImageArchiveInvalid, "The archive is cut short or damaged: " + ex.Message, ex);
            }
        }

        private static byte[] ReadEntry(TarInputStream tar, TarEntry entry)
        {
            using var buffer = new MemoryStream((int)entry.Size);
            try
            {
                tar.CopyEntryContents(buffer);
            }
            catch (Exception ex) when (ex is TarException || ex is IOException)
            {
                throw new RegistryTransferException(ErrorKind.ImageArchiveInvalid, $"The archive's {entry.Name} cannot be read: {ex.Message}", ex);
            }

            if (buffer.Length != entry.Size)
            {
                throw new RegistryTransferException(ErrorKind.ImageArchiveInvalid, $"The archive's {entry.Name} ends after {buffer.Length} of its {entry.Size} bytes: the archive is truncated.");
            }

            return buffer.ToArray();
        }

        private static string Normalize(string name) => name.StartsWith("./", StringComparison.Ordinal) ? name.Substring(2) : name;

        private static string? BlobDigest(string name)
        {
            name = Normalize(name);
            if (!name.StartsWith(OciLayout.BlobDirectory, StringComparison.Ordinal))
            {
                return null;
            }

            var digest = "sha256:" + name.Substring(OciLayout.BlobDirectory.Length);
            return Digests.IsSha256(digest) ? digest : null;
        }
    }
}
