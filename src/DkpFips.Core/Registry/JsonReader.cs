using System;
using System.Collections.Generic;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace DkpFips.Core.Registry
{
    /// <summary>
    /// Reads the small JSON documents of the registry API (image indexes, token responses) into
    /// dictionaries, lists and strings. JSON is YAML's flow syntax, so the YAML library the
    /// engine already ships reads it; no JSON library has to ship for Windows PowerShell.
    /// </summary>
    internal static class JsonReader
    {
        private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

        /// <summary>The top-level object, or null when the text is not a JSON object.</summary>
        public static IDictionary<object, object>? ReadObject(string text)
        {
            if (string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] != '{')
            {
                return null;
            }

            try
            {
                return Deserializer.Deserialize<object>(text) as IDictionary<object, object>;
            }
            catch (YamlException)
            {
                return null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        public static string? GetString(IDictionary<object, object>? map, string key) =>
            map is not null && map.TryGetValue(key, out var value) ? value as string : null;

        public static IDictionary<object, object>? GetObject(IDictionary<object, object>? map, string key) =>
            map is not null && map.TryGetValue(key, out var value) ? value as IDictionary<object, object> : null;

        public static IList<object>? GetList(IDictionary<object, object>? map, string key) =>
            map is not null && map.TryGetValue(key, out var value) ? value as IList<object> : null;
    }
}
