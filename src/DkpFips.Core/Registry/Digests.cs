using System;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace DkpFips.Core.Registry
{
    /// <summary>OCI content digests (<c>sha256:&lt;64 hex&gt;</c>), the only algorithm registries and this module use.</summary>
    public static class Digests
    {
        private static readonly Regex Sha256Pattern = new Regex("^sha256:[a-f0-9]{64}$", RegexOptions.CultureInvariant);

        public static bool IsSha256(string? digest) => digest is not null && Sha256Pattern.IsMatch(digest);

        public static string Sha256(byte[] content)
        {
            using var sha = SHA256.Create();
            return Format(sha.ComputeHash(content));
        }

        internal static string Format(byte[] hash) => "sha256:" + BitConverter.ToString(hash).Replace("-", string.Empty).ToLowerInvariant();

        /// <summary>The hex part, which names a blob file in an OCI layout (<c>blobs/sha256/&lt;hex&gt;</c>).</summary>
        public static string Hex(string digest) => digest.Substring("sha256:".Length);
    }
}
