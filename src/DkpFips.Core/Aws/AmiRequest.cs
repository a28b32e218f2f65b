using DkpFips.Core.Catalog;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Aws
{
    /// <summary>One image to test: its id, its region, and the build it must carry (optional).</summary>
    public sealed class AmiRequest
    {
        public AmiRequest(string imageId, string region, FipsVersion? expected, FipsBuildDefinition? build = null, bool force = false)
        {
            ImageId = imageId;
            Region = region;
            Expected = expected;
            Build = build;
            Force = force;
        }

        /// <summary>The catalog build the cluster will run, when known: the image's OS must be one its release supports on aws.</summary>
        public FipsBuildDefinition? Build { get; }

        /// <summary>An OS the release does not list is a warning, not a failure.</summary>
        public bool Force { get; }

        public string ImageId { get; }

        public string Region { get; }

        public FipsVersion? Expected { get; }
    }
}
