using System.Collections.Generic;

namespace DkpFips.Core.Registry
{
    /// <summary>One image in an OCI image-layout archive.</summary>
    public sealed class ArchivedImage
    {
        public ArchivedImage(ImageLocation source, string reference, ManifestDocument manifest, IReadOnlyList<string> platforms)
        {
            Source = source;
            Reference = reference;
            Manifest = manifest;
            Platforms = platforms;
        }

        public ImageLocation Source { get; }

        /// <summary>The <c>org.opencontainers.image.ref.name</c> of its index.json entry.</summary>
        public string Reference { get; }

        public ManifestDocument Manifest { get; }

        public IReadOnlyList<string> Platforms { get; }
    }
}
