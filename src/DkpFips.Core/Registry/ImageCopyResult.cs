using System.Collections.Generic;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Registry
{
    /// <summary>What copying one image did.</summary>
    public enum ImageCopyStatus
    {
        /// <summary>The destination now serves the source's digest under the tag.</summary>
        Copied,

        /// <summary>The destination already served the source's digest under the tag; nothing was written.</summary>
        Skipped,

        /// <summary>The copy stopped; the tag was not written (blobs already sent stay, and a re-run reuses them).</summary>
        Failed,
    }

    /// <summary>One image copied (or not) from a source to a destination.</summary>
    public sealed class ImageCopyResult
    {
        public ImageCopyResult(ImageLocation source, ImageLocation destination, ImageCopyStatus status)
        {
            Source = source;
            Destination = destination;
            Status = status;
        }

        public ImageLocation Source { get; }

        /// <summary>Where the image came from when not a registry: its reference in an archive.</summary>
        public string? Origin { get; set; }

        public ImageLocation Destination { get; }

        public ImageCopyStatus Status { get; }

        /// <summary>The manifest or index digest, the same at both ends; null when the source could not be read.</summary>
        public string? Digest { get; set; }

        public string? MediaType { get; set; }

        /// <summary>The platforms of an index (<c>linux/amd64</c>, ...); empty for a single manifest.</summary>
        public IReadOnlyList<string> Platforms { get; set; } = new string[0];

        /// <summary>Bytes of blobs uploaded for this image (not those mounted or already there).</summary>
        public long BytesCopied { get; set; }

        public int BlobsCopied { get; set; }

        /// <summary>Blobs the destination took from another of its repositories (cross-repository mount).</summary>
        public int BlobsMounted { get; set; }

        /// <summary>Blobs the destination already had (HEAD answered 200), or another image of this run sent.</summary>
        public int BlobsPresent { get; set; }

        public ErrorKind? Failure { get; set; }

        public string? Message { get; set; }
    }
}
