using System;
using System.Collections.Generic;

namespace DkpFips.Core.Registry
{
    /// <summary>The registry's answer for one image reference.</summary>
    public sealed class ImageCheckResult
    {
        public ImageCheckResult(
            string reference,
            ImageCheckStatus status,
            string? digest = null,
            string? mediaType = null,
            IReadOnlyList<string>? platforms = null,
            bool? hasLinuxAmd64 = null,
            string? message = null,
            int attempts = 1)
        {
            Reference = reference;
            Status = status;
            Digest = digest;
            MediaType = mediaType;
            Platforms = platforms ?? Array.Empty<string>();
            HasLinuxAmd64 = hasLinuxAmd64;
            Message = message;
            Attempts = attempts;
        }

        /// <summary><c>host[:port]/repository:tag</c> as checked.</summary>
        public string Reference { get; }

        public ImageCheckStatus Status { get; }

        /// <summary>Docker-Content-Digest of the manifest (or index), when present.</summary>
        public string? Digest { get; }

        /// <summary>Media type of the manifest the registry served.</summary>
        public string? MediaType { get; }

        /// <summary>For an index: its platforms as os/architecture[/variant]; empty for a single manifest.</summary>
        public IReadOnlyList<string> Platforms { get; }

        /// <summary>For an index: whether linux/amd64 is in it; null for a single manifest.</summary>
        public bool? HasLinuxAmd64 { get; }

        /// <summary>Why the status is not Present (never holds credentials or tokens).</summary>
        public string? Message { get; }

        /// <summary>HTTP attempts of the manifest request (more than 1 after retries).</summary>
        public int Attempts { get; }

        /// <summary>True when the Error is a request that ran out of time.</summary>
        public bool TimedOut { get; internal set; }

        public bool IsIndex => Platforms.Count > 0 || HasLinuxAmd64 is not null;

        public override string ToString() => Reference + ": " + Status;
    }
}
