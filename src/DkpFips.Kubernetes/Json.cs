using System.Collections.Generic;
using System.Text.Json;
using DkpFips.Core.Cluster;

namespace DkpFips.Kubernetes
{
    /// <summary>Reads custom objects (KubernetesClient returns them as JsonElement).</summary>
    internal static class Json
    {
        public static JsonElement? Element(object? value, params string[] path)
        {
            if (value is not JsonElement current)
            {
                return null;
            }

            foreach (var name in path)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    return null;
                }
            }

            return current;
        }

        public static string? String(object? value, params string[] path)
        {
            var element = Element(value, path);
            return element is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;
        }

        public static ObjectReference? Reference(object? value, params string[] path)
        {
            var element = Element(value, path);
            if (element is null)
            {
                return null;
            }

            var kind = String(element.Value, "kind");
            var name = String(element.Value, "name");
            if (kind is null || name is null)
            {
                return null;
            }

            return new ObjectReference(String(element.Value, "apiVersion") ?? string.Empty, kind, name, String(element.Value, "namespace"));
        }

        public static IEnumerable<JsonElement> Items(object? list)
        {
            var items = Element(list, "items");
            if (items is { ValueKind: JsonValueKind.Array } array)
            {
                foreach (var item in array.EnumerateArray())
                {
                    yield return item;
                }
            }
        }
    }
}
