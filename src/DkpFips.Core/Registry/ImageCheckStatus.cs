namespace DkpFips.Core.Registry
{
    /// <summary>What a registry answered for one image.</summary>
    public enum ImageCheckStatus
    {
        /// <summary>The manifest exists (for an index: it has a linux/amd64 image).</summary>
        Present,

        /// <summary>The registry has no manifest for the tag (or no such repository).</summary>
        Missing,

        /// <summary>The tag is a multi-platform index without a linux/amd64 image.</summary>
        PlatformMissing,

        /// <summary>The registry refused the credentials (or anonymous access).</summary>
        Unauthorized,

        /// <summary>No usable answer: unreachable, timed out, server errors after retries, or not a registry.</summary>
        Error,
    }
}
