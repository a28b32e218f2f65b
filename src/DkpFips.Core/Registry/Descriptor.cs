using System.Collections.Generic;

namespace DkpFips.Core.Registry
{
    /// <summary>An OCI content descriptor: what a manifest or index says about one piece of content.</summary>
    public sealed class Descriptor
    {
        public Descriptor(string mediaType, string digest, long size, string? platform = null, IReadOnlyDictionary<string, string>? annotations = null)
        {
            MediaType = mediaType;
            Digest = digest;
            Size = size;
            Platform = platform;
            Annotations = annotations ?? new Dictionary<string, string>();
        }

        public string MediaType { get; }

        public string Digest { get; }

        public long Size { get; }

        /// <summary><c>os/architecture[/variant]</c> of an index entry; null elsewhere.</summary>
        public string? Platform { get; }

        public IReadOnlyDictionary<string, string> Annotations { get; }
    }
}
