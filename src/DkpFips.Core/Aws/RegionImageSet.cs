using System.Collections.Generic;

namespace DkpFips.Core.Aws
{
    /// <summary>What DescribeImages returned for one region: the images, the ids EC2 refused, or the failure of the region.</summary>
    public sealed class RegionImageSet
    {
        public RegionImageSet(string region, string endpoint)
        {
            Region = region;
            Endpoint = endpoint;
        }

        public string Region { get; }

        public string Endpoint { get; }

        public Dictionary<string, AmiImage> Images { get; } = new Dictionary<string, AmiImage>();

        /// <summary>Id to the reason EC2 did not describe it (InvalidAMIID.NotFound, InvalidAMIID.Malformed).</summary>
        public Dictionary<string, string> Missing { get; } = new Dictionary<string, string>();

        /// <summary>Set when the region could not be asked at all; then Images and Missing are incomplete.</summary>
        public AwsApiException? Failure { get; set; }

        /// <summary>DescribeImages calls made (each SDK retry not counted).</summary>
        public int Calls { get; set; }

        /// <summary>Wall time of the region's calls, client set-up included.</summary>
        public System.TimeSpan Elapsed { get; set; }
    }
}
