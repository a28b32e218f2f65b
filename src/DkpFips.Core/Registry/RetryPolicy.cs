using System;
using System.Net;
using System.Net.Http;

namespace DkpFips.Core.Registry
{
    /// <summary>Which answers are retried, and how long to wait before the next attempt.</summary>
    internal static class RetryPolicy
    {
        /// <summary>429 Too Many Requests and every 5xx.</summary>
        public static bool IsRetryable(HttpStatusCode status) => (int)status == 429 || ((int)status >= 500 && (int)status <= 599);

        /// <summary>
        /// The server's Retry-After (seconds or an HTTP date) when it sent one, else exponential
        /// backoff from <see cref="RegistryClientOptions.InitialBackoff"/>; never above
        /// <see cref="RegistryClientOptions.MaxRetryDelay"/> and never negative.
        /// </summary>
        public static TimeSpan DelayBefore(int nextAttempt, HttpResponseMessage response, RegistryClientOptions options)
        {
            TimeSpan delay;
            var retryAfter = response.Headers.RetryAfter;
            if (retryAfter?.Delta is TimeSpan delta)
            {
                delay = delta;
            }
            else if (retryAfter?.Date is DateTimeOffset date)
            {
                delay = date - options.UtcNow();
            }
            else
            {
                var factor = Math.Pow(2, Math.Max(0, nextAttempt - 2));
                delay = TimeSpan.FromTicks((long)(options.InitialBackoff.Ticks * factor));
            }

            if (delay < TimeSpan.Zero)
            {
                delay = TimeSpan.Zero;
            }

            return delay > options.MaxRetryDelay ? options.MaxRetryDelay : delay;
        }
    }
}
