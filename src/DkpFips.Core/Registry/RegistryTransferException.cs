using System;

namespace DkpFips.Core.Registry
{
    /// <summary>A failed manifest, blob or tag operation, with a message that names the image and never a secret.</summary>
    public sealed class RegistryTransferException : Exception
    {
        public RegistryTransferException(TransferFailure failure, string message, Exception? inner = null)
            : base(message, inner)
        {
            Failure = failure;
        }

        public TransferFailure Failure { get; }
    }
}
