using System;
using System.Threading;
using System.Threading.Tasks;

namespace DkpFips.Core.Registry
{
    /// <summary>How a <see cref="RegistryClient"/> talks to registries.</summary>
    public sealed class RegistryClientOptions
    {
        /// <summary>Basic auth for the registry, or for its token service in the bearer flow; null for anonymous.</summary>
        public RegistryCredential? Credential { get; set; }

        /// <summary>Allow plain HTTP to a host that is not loopback (registry or token realm).</summary>
        public bool AllowInsecure { get; set; }

        /// <summary>Accept any TLS server certificate. Only when asked for.</summary>
        public bool SkipTlsVerify { get; set; }

        /// <summary>Time limit of each HTTP request.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Images checked at the same time.</summary>
        public int MaxConcurrency { get; set; } = 8;

        /// <summary>Attempts of one request when the registry answers 429 or 5xx.</summary>
        public int MaxAttempts { get; set; } = 4;

        /// <summary>First backoff delay (doubled each retry) when the answer has no Retry-After.</summary>
        public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>Upper bound of any delay, including a server's Retry-After.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Waits between attempts; tests replace it to record delays instead of sleeping.</summary>
        public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (delay, token) => Task.Delay(delay, token);

        /// <summary>Clock used to turn an HTTP-date Retry-After into a delay.</summary>
        public Func<DateTimeOffset> UtcNow { get; set; } = () => DateTimeOffset.UtcNow;
    }
}
