using System;

namespace DkpFips.Core.Registry
{
    /// <summary>The auth handshake failed; <see cref="Status"/> says how the image is reported.</summary>
    internal sealed class RegistryAuthException : Exception
    {
        public RegistryAuthException(ImageCheckStatus status, string message)
            : base(message)
        {
            Status = status;
        }

        public ImageCheckStatus Status { get; }
    }
}
