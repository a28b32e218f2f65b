using System;

namespace DkpFips.Core.Registry
{
    /// <summary>How one Distribution API request is sent.</summary>
    [Flags]
    internal enum SendMode
    {
        /// <summary>A read: pull scope, the body buffered (bounded), 429/5xx retried.</summary>
        Pull = 0,

        /// <summary>A write: the bearer token needs push scope.</summary>
        Push = 1,

        /// <summary>The caller reads the body as a stream (a blob), so it is never buffered whole.</summary>
        StreamResponse = 2,

        /// <summary>Sent once: its body is a stream that cannot be sent again.</summary>
        Once = 4,
    }
}
