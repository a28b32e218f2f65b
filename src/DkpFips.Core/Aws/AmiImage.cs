using System;
using System.Collections.Generic;

namespace DkpFips.Core.Aws
{
    /// <summary>
    /// What EC2 says about one image, copied out of the SDK's types so that the checks are plain
    /// functions of data (and the cmdlet assembly never sees an AWSSDK type).
    /// </summary>
    public sealed class AmiImage
    {
        public AmiImage(string imageId)
        {
            ImageId = imageId;
        }

        public string ImageId { get; }

        public string? Name { get; set; }

        public string? Description { get; set; }

        public string? OwnerId { get; set; }

        /// <summary>EC2's alias of well-known owners: <c>amazon</c>, <c>aws-marketplace</c>; null otherwise.</summary>
        public string? OwnerAlias { get; set; }

        /// <summary>available, pending, failed, deregistered, ...</summary>
        public string? State { get; set; }

        public string? StateReason { get; set; }

        /// <summary>x86_64, arm64, i386, ...</summary>
        public string? Architecture { get; set; }

        /// <summary><c>windows</c> for Windows images, else null.</summary>
        public string? Platform { get; set; }

        /// <summary>The billing platform: Linux/UNIX, Red Hat Enterprise Linux, Windows, ...</summary>
        public string? PlatformDetails { get; set; }

        public bool? IsPublic { get; set; }

        public DateTimeOffset? DeprecationTime { get; set; }

        public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public string? Tag(string key) => Tags.TryGetValue(key, out var value) ? value : null;
    }
}
