using System;
using System.Collections.Generic;

namespace DkpFips.Core.Registry
{
    /// <summary>The platforms of an OCI image index or a Docker manifest list.</summary>
    internal static class ImageIndexReader
    {
        /// <summary>os/architecture[/variant] of every entry; null when the document is not an index.</summary>
        public static IReadOnlyList<string>? ReadPlatforms(string json)
        {
            var root = JsonReader.ReadObject(json);
            var manifests = JsonReader.GetList(root, "manifests");
            if (manifests is null)
            {
                return null;
            }

            var platforms = new List<string>();
            foreach (var entry in manifests)
            {
                var platform = JsonReader.GetObject(entry as IDictionary<object, object>, "platform");
                var os = JsonReader.GetString(platform, "os");
                var architecture = JsonReader.GetString(platform, "architecture");
                if (os is null || architecture is null)
                {
                    continue;
                }

                var variant = JsonReader.GetString(platform, "variant");
                var text = os + "/" + architecture + (string.IsNullOrEmpty(variant) ? string.Empty : "/" + variant);
                if (!platforms.Contains(text))
                {
                    platforms.Add(text);
                }
            }

            return platforms;
        }

        public static bool HasLinuxAmd64(IReadOnlyList<string> platforms)
        {
            foreach (var platform in platforms)
            {
                if (platform.Equals("linux/amd64", StringComparison.OrdinalIgnoreCase) || platform.StartsWith("linux/amd64/", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
