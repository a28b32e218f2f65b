using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DkpFips.Core.Json
{
    /// <summary>
    /// The engine's one home for JSON, on System.Text.Json (part of PowerShell 7; shipped in
    /// dependencies/ for Windows PowerShell 5.1, as AWSSDK.Core needs the same version): the
    /// compact text the module writes (journal records, pipeline matrices, list fields) and the
    /// lookups its readers make into documents others write (registry answers, packer
    /// manifests, Kubernetes objects).
    /// </summary>
    internal static class JsonText
    {
        // Text stays readable: non-ASCII letters are written as they are, not as \u escapes;
        // control characters and U+2028/U+2029 are still escaped, so a record stays one line.
        private static readonly JsonWriterOptions Compact = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>A one-line object whose values are strings, numbers, booleans or null (any other value is written as its invariant text).</summary>
        public static string Object(IEnumerable<KeyValuePair<string, object?>> fields) => Write(writer =>
        {
            writer.WriteStartObject();
            foreach (var field in fields)
            {
                writer.WritePropertyName(field.Key);
                WriteValue(writer, field.Value);
            }

            writer.WriteEndObject();
        });

        /// <summary>A one-line array of strings.</summary>
        public static string Array(IEnumerable<string> items) => Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStringValue(item);
            }

            writer.WriteEndArray();
        });

        /// <summary>A JSON string literal (quotes included) for <paramref name="value"/>.</summary>
        public static string Quote(string value) => Write(writer => writer.WriteStringValue(value));

        /// <summary>Writes compact JSON to a string.</summary>
        public static string Write(Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, Compact))
            {
                write(writer);
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        /// <summary>
        /// The document of <paramref name="text"/> when it is one JSON object, or null for anything
        /// else (empty, another kind of value, not JSON, trailing text). The caller disposes it.
        /// </summary>
        public static JsonDocument? TryParseObject(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text!);
            }
            catch (JsonException)
            {
                return null;
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return null;
            }

            return document;
        }

        /// <summary>The element at <paramref name="path"/> (property names) below <paramref name="current"/>, or null where one is missing or not an object.</summary>
        public static JsonElement? Element(JsonElement current, params string[] path)
        {
            foreach (var name in path)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    return null;
                }
            }

            return current;
        }

        /// <summary>The string at <paramref name="path"/>, or null when it is missing or not a string (or a string with a lone surrogate).</summary>
        public static string? String(JsonElement current, params string[] path)
        {
            if (Element(current, path) is not { ValueKind: JsonValueKind.String } element)
            {
                return null;
            }

            try
            {
                return element.GetString();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        /// <summary>The number at <paramref name="path"/> as a double, or null when it is missing or not a number.</summary>
        public static double? Number(JsonElement current, params string[] path) =>
            Element(current, path) is { ValueKind: JsonValueKind.Number } element && element.TryGetDouble(out var value) ? value : null;

        /// <summary>The items of the array at <paramref name="path"/>; none when it is missing or not an array.</summary>
        public static IEnumerable<JsonElement> Items(JsonElement current, params string[] path)
        {
            if (Element(current, path) is { ValueKind: JsonValueKind.Array } array)
            {
                foreach (var item in array.EnumerateArray())
                {
                    yield return item;
                }
            }
        }

        private static void WriteValue(Utf8JsonWriter writer, object? value)
        {
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case bool b:
                    writer.WriteBooleanValue(b);
                    break;
                case int i:
                    writer.WriteNumberValue(i);
                    break;
                case long l:
                    writer.WriteNumberValue(l);
                    break;
                case double d:
                    writer.WriteNumberValue(d);
                    break;
                default:
                    writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                    break;
            }
        }
    }
}
