using System.Linq;
using DkpFips.Core.Registry;

namespace DkpFips
{
    /// <summary>One image of a FIPS build copied to a registry (Copy-FipsBuild).</summary>
    public sealed class FipsImageCopy
    {
        internal FipsImageCopy(ImageCopyPlan plan, ImageCopyResult result)
            : this(plan.Build.KubernetesVersion.ToKubernetesFlag(), plan.Image.Name, plan.Image.Tag, result)
        {
        }

        internal FipsImageCopy(string? kubernetesVersion, string name, string tag, ImageCopyResult result)
        {
            KubernetesVersion = kubernetesVersion;
            Name = name;
            Tag = tag;
            Source = result.Origin ?? result.Source.Reference;
            Destination = result.Destination.Reference;
            Digest = result.Digest;
            MediaType = result.MediaType;
            Platforms = result.Platforms.ToArray();
            Status = result.Status.ToString();
            BytesCopied = result.BytesCopied;
            BlobsCopied = result.BlobsCopied;
            BlobsMounted = result.BlobsMounted;
            BlobsPresent = result.BlobsPresent;
            Message = result.Message;
        }

        /// <summary>The build the image belongs to (the first, when several builds share it); null when published from an archive.</summary>
        public string? KubernetesVersion { get; }

        public string Name { get; }

        public string Tag { get; }

        /// <summary>host[:port]/repository:tag read from, or the image's reference in the archive.</summary>
        public string Source { get; }

        /// <summary>host[:port]/repository:tag written to.</summary>
        public string Destination { get; }

        /// <summary>The manifest or index digest, the same at source and destination.</summary>
        public string? Digest { get; }

        public string? MediaType { get; }

        /// <summary>Every platform of an index, all copied; empty for a single manifest.</summary>
        public string[] Platforms { get; }

        /// <summary>Copied, Skipped (the destination already served the digest) or Failed.</summary>
        public string Status { get; }

        /// <summary>Bytes of blobs uploaded for this image.</summary>
        public long BytesCopied { get; }

        public int BlobsCopied { get; }

        /// <summary>Blobs mounted from another repository of the destination.</summary>
        public int BlobsMounted { get; }

        /// <summary>Blobs the destination already had.</summary>
        public int BlobsPresent { get; }

        /// <summary>Why the copy failed; null otherwise.</summary>
        public string? Message { get; }

        public override string ToString() => $"{Source} -> {Destination}: {Status}";
    }
}
