namespace DkpFips.Core.Registry
{
    /// <summary>Why copying, saving or publishing an image failed; each maps to one ErrorId.</summary>
    public enum TransferFailure
    {
        /// <summary>The source has no such manifest or blob (404).</summary>
        NotFound,

        /// <summary>The registry refused the credential, or needs one (401, or the token service refused).</summary>
        Unauthorized,

        /// <summary>The destination refused a write (403, 405, a read-only registry, a denied push).</summary>
        WriteRefused,

        /// <summary>Bytes did not match the digest that names them.</summary>
        DigestMismatch,

        /// <summary>An archive is cut short or not an OCI image layout.</summary>
        InvalidArchive,

        /// <summary>Anything else: unreachable, timed out, an unexpected answer.</summary>
        Error,
    }
}
