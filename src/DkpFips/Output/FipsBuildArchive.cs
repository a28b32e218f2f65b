using System.Linq;
using DkpFips.Core.Registry;

namespace DkpFips
{
    /// <summary>An OCI image-layout archive of FIPS builds (Save-FipsBuild).</summary>
    public sealed class FipsBuildArchive
    {
        internal FipsBuildArchive(string path, long length, string[] kubernetesVersions, ArchivedImage[] images)
        {
            Path = path;
            Length = length;
            KubernetesVersion = kubernetesVersions;
            Images = images.Select(i => i.Reference).ToArray();
            Digests = images.Select(i => i.Manifest.Digest).ToArray();
        }

        /// <summary>The archive file (full path). Publish-FipsBuild takes the whole object from the pipeline.</summary>
        public string Path { get; }

        /// <summary>Size in bytes.</summary>
        public long Length { get; }

        /// <summary>The builds saved (flag form).</summary>
        public string[] KubernetesVersion { get; }

        /// <summary>Each image's reference, as annotated in index.json (org.opencontainers.image.ref.name).</summary>
        public string[] Images { get; }

        /// <summary>Each image's manifest or index digest, in the order of Images.</summary>
        public string[] Digests { get; }

        public override string ToString() => Path;
    }
}
