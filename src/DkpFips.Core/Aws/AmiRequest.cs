using DkpFips.Core.Versioning;

namespace DkpFips.Core.Aws
{
    /// <summary>One image to test: its id, its region, and the build it must carry (optional).</summary>
    public sealed class AmiRequest
    {
        public AmiRequest(string imageId, string region, FipsVersion? expected)
        {
            ImageId = imageId;
            Region = region;
            Expected = expected;
        }

        public string ImageId { get; }

        public string Region { get; }

        public FipsVersion? Expected { get; }
    }
}
