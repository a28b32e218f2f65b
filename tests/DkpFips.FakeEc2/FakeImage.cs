using System;
using System.Collections.Generic;

namespace DkpFips.FakeEc2
{
    /// <summary>One image the fake endpoint knows, with the fields of the EC2 Image data type that matter here.</summary>
    public sealed class FakeImage
    {
        public required string ImageId { get; init; }
        public string? Name { get; init; }
        public string? Description { get; init; }
        public string OwnerId { get; init; } = "123456789012";
        public string? OwnerAlias { get; init; }
        public string State { get; init; } = "available";
        public string? StateReasonCode { get; init; }
        public string? StateReasonMessage { get; init; }
        public string Architecture { get; init; } = "x86_64";
        public string? Platform { get; init; }
        public string PlatformDetails { get; init; } = "Linux/UNIX";
        public string UsageOperation { get; init; } = "RunInstances";
        public bool IsPublic { get; init; }
        public string? DeprecationTime { get; init; }
        public string CreationDate { get; init; } = "2022-06-23T16:00:00.000Z";
        public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

        /// <summary>Regions where the image exists; null for every region.</summary>
        public IReadOnlyCollection<string>? Regions { get; init; }

        public bool ExistsIn(string region) => Regions is null || ((ICollection<string>)Regions).Contains(region);
    }
}
