using System;
using System.Collections.Generic;
using System.Text.Json;
using DkpFips.Core.Json;

namespace DkpFips.Core.Registry
{
    /// <summary>The platforms of an OCI image index or a Docker manifest list.</summary>
    internal static class ImageIndexReader
    {
        /// <summary>os/architecture[/variant] of every entry; null when the document is not an index.</summary>
        public static IReadOnlyList<string>? ReadPlatforms(string json)
        {
            using var document = JsonText.TryParseObject(json);
            if (document is null || JsonText.Element(document.RootElement, "manifests") is not { ValueKind: JsonValueKind.Array })
            {
                return null;
            }

            var platforms = new List<string>();
            foreach (var entry in JsonText.Items(document.RootElement, "manifests"))
            {
                var os = JsonText.String(entry, "platform", "os");
                var architecture = JsonText.String(entry, "platform", "architecture");
                if (os is null || architecture is null)
                {
                    continue;
                }

                var variant = JsonText.String(entry, "platform", "variant");
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
