using System.Collections.Generic;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Catalog
{
    /// <summary>
    /// The pause and CoreDNS tags kubeadm uses for a Kubernetes version: <c>PauseVersion</c> and
    /// <c>CoreDNSVersion</c> in kubernetes/kubernetes <c>cmd/kubeadm/app/constants/constants.go</c>
    /// at the release tags (cross-checked with minikube's <c>constants_kubeadm_images.go</c>).
    /// Both are upstream images, not rebuilt for FIPS. With a custom image repository kubeadm
    /// pulls CoreDNS as <c>&lt;repository&gt;/coredns</c> (not <c>coredns/coredns</c>), so that is
    /// the name a mirror must serve.
    /// </summary>
    public static class UpstreamImageVersions
    {
        private sealed class Row
        {
            public Row(int minor, int fromPatch, string pause, string coreDns)
            {
                Minor = minor;
                FromPatch = fromPatch;
                Pause = pause;
                CoreDns = coreDns;
            }

            public int Minor { get; }

            public int FromPatch { get; }

            public string Pause { get; }

            public string CoreDns { get; }
        }

        // Kubernetes 1.x: (minor, first patch the row applies to, pause tag, CoreDNS tag).
        // A minor whose CoreDNS moved in a patch release has one row per change.
        private static readonly Row[] Rows =
        {
            new Row(21, 0, "3.4.1", "v1.8.0"),
            new Row(22, 0, "3.5", "v1.8.4"),
            new Row(23, 0, "3.6", "v1.8.6"),
            new Row(24, 0, "3.7", "v1.8.6"),
            new Row(25, 0, "3.8", "v1.9.3"),
            new Row(26, 0, "3.9", "v1.9.3"),
            new Row(27, 0, "3.9", "v1.10.1"),
            new Row(28, 0, "3.9", "v1.10.1"),
            new Row(29, 0, "3.9", "v1.11.1"),
            new Row(30, 0, "3.9", "v1.11.1"),
            new Row(30, 5, "3.9", "v1.11.3"),
            new Row(31, 0, "3.10", "v1.11.1"),
            new Row(31, 1, "3.10", "v1.11.3"),
            new Row(32, 0, "3.10", "v1.11.3"),
            new Row(33, 0, "3.10", "v1.12.0"),
        };

        /// <summary>
        /// The (pause, CoreDNS) tags for <paramref name="kubernetes"/>, or null for a minor this
        /// table does not know (a newer release than the module).
        /// </summary>
        public static KeyValuePair<string, string>? For(FipsVersion kubernetes)
        {
            if (kubernetes.Major != 1)
            {
                return null;
            }

            Row? match = null;
            foreach (var row in Rows)
            {
                if (row.Minor == kubernetes.Minor && row.FromPatch <= (kubernetes.Patch ?? 0))
                {
                    match = row;
                }
            }

            return match is null ? null : new KeyValuePair<string, string>(match.Pause, match.CoreDns);
        }
    }
}
