using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using DkpFips.Core.Cluster;
using DkpFips.Core.Json;

namespace DkpFips.Kubernetes
{
    /// <summary>Reads custom objects (KubernetesClient returns them as a boxed JsonElement) through the engine's <see cref="JsonText"/>.</summary>
    internal static class Json
    {
        public static JsonElement? Element(object? value, params string[] path) =>
            value is JsonElement current ? JsonText.Element(current, path) : null;

        public static string? String(object? value, params string[] path) =>
            value is JsonElement current ? JsonText.String(current, path) : null;

        public static ObjectReference? Reference(object? value, params string[] path)
        {
            if (Element(value, path) is not { ValueKind: JsonValueKind.Object } element)
            {
                return null;
            }

            var kind = JsonText.String(element, "kind");
            var name = JsonText.String(element, "name");
            if (kind is null || name is null)
            {
                return null;
            }

            return new ObjectReference(JsonText.String(element, "apiVersion") ?? string.Empty, kind, name, JsonText.String(element, "namespace"));
        }

        public static IEnumerable<JsonElement> Items(object? list) =>
            list is JsonElement current ? JsonText.Items(current, "items") : Enumerable.Empty<JsonElement>();
    }
}
