using System.Linq;
using DkpFips.Core.Registry;

namespace DkpFips
{
    /// <summary>One image of a FIPS build and what the registry answered for it (Test-FipsBuild).</summary>
    public sealed class FipsImageCheck
    {
        internal FipsImageCheck(BuildImageCheck check)
        {
            Name = check.Image.Name;
            Tag = check.Image.Tag;
            Reference = check.Location.Reference;
            Status = check.Result.Status.ToString();
            Digest = check.Result.Digest;
            MediaType = check.Result.MediaType;
            Platforms = check.Result.Platforms.ToArray();
            HasLinuxAmd64 = check.Result.HasLinuxAmd64;
            IsUpstream = check.Image.IsUpstream;
            Message = check.Result.Message;
            Attempts = check.Result.Attempts;
        }

        /// <summary>kube-apiserver, kube-controller-manager, kube-scheduler, kube-proxy, etcd, pause or coredns.</summary>
        public string Name { get; }

        public string Tag { get; }

        /// <summary>The image reference checked: host[:port]/repository:tag.</summary>
        public string Reference { get; }

        /// <summary>Present, Missing, PlatformMissing, Unauthorized or Error.</summary>
        public string Status { get; }

        /// <summary>The manifest (or index) digest the registry reported, when present.</summary>
        public string? Digest { get; }

        public string? MediaType { get; }

        /// <summary>Platforms of a multi-platform index (os/architecture); empty for a single manifest.</summary>
        public string[] Platforms { get; }

        /// <summary>For an index: whether it has linux/amd64; null for a single manifest.</summary>
        public bool? HasLinuxAmd64 { get; }

        /// <summary>True for pause and CoreDNS (upstream images, checked with -IncludeUpstream).</summary>
        public bool IsUpstream { get; }

        /// <summary>Why the image is not Present.</summary>
        public string? Message { get; }

        /// <summary>HTTP attempts of the manifest request (more than 1 after 429/5xx retries).</summary>
        public int Attempts { get; }

        public override string ToString() => Reference + ": " + Status;
    }
}
