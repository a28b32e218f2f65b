using System;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Registry
{
    /// <summary>
    /// A failed manifest, blob or tag operation, with a message that names the image and never a
    /// secret. Its kind is RegistryImageNotFound (404), RegistryUnauthorized, RegistryWriteRefused,
    /// RegistryDigestMismatch, ImageArchiveInvalid (an archive cut short or not an OCI layout) or
    /// RegistryRequestFailed (unreachable, timed out, an unexpected answer).
    /// </summary>
    public sealed class RegistryTransferException : DkpFipsException
    {
        public RegistryTransferException(ErrorKind kind, string message, Exception? inner = null)
            : base(kind, message, null, null, inner)
        {
        }
    }
}
