using System;

namespace DkpFips.Core.Registry
{
    /// <summary>The manifest media types of the OCI image spec and Docker's image manifest v2.</summary>
    public static class ManifestMediaTypes
    {
        public const string OciIndex = "application/vnd.oci.image.index.v1+json";
        public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
        public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
        public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

        /// <summary>Every type a manifest request accepts, indexes first.</summary>
        public static readonly string[] All = { OciIndex, DockerManifestList, OciManifest, DockerManifest };

        public static bool IsIndex(string? mediaType) =>
            string.Equals(mediaType, OciIndex, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(mediaType, DockerManifestList, StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// True for any image manifest type (including the legacy schema 1 types); false for
        /// what a web server that is not a registry answers (text/html, application/json, ...).
        /// </summary>
        public static bool IsManifest(string? mediaType) =>
            mediaType is not null &&
            (mediaType.StartsWith("application/vnd.oci.image.", StringComparison.OrdinalIgnoreCase) ||
             mediaType.StartsWith("application/vnd.docker.distribution.manifest.", StringComparison.OrdinalIgnoreCase));
    }
}
