using System;

namespace DkpFips.Core.Registry
{
    /// <summary>Plain HTTP to a host that is not loopback, without AllowInsecure.</summary>
    public sealed class InsecureRegistryException : InvalidOperationException
    {
        public InsecureRegistryException(string what, string host)
            : base($"{what} {host} would be reached over plain HTTP, which exposes credentials and images to the network. Use https://, or allow it explicitly with -AllowInsecure.")
        {
            Host = host;
        }

        public string Host { get; }
    }
}
