using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DkpFips.Core.Journal
{
    /// <summary>
    /// One-line JSON objects whose values are strings, numbers, booleans or null: all a journal
    /// record needs, without a JSON library in the netstandard2.0 engine.
    /// </summary>
    public static class FlatJson
    {
        public static string Write(IEnumerable<KeyValuePair<string, object?>> fields)
        {
            var builder = new StringBuilder("{");
            var first = true;
            foreach (var field in fields)
            {
                if (!first)
                {
                    builder.Append(',');
                }

                first = false;
                WriteString(builder, field.Key);
                builder.Append(':');
                switch (field.Value)
                {
                    case null:
                        builder.Append("null");
                        break;
                    case bool b:
                        builder.Append(b ? "true" : "false");
                        break;
                    case int i:
                        builder.Append(i.ToString(CultureInfo.InvariantCulture));
                        break;
                    case long l:
                        builder.Append(l.ToString(CultureInfo.InvariantCulture));
                        break;
                    case double d:
                        builder.Append(d.ToString("R", CultureInfo.InvariantCulture));
                        break;
                    default:
                        WriteString(builder, Convert.ToString(field.Value, CultureInfo.InvariantCulture) ?? string.Empty);
                        break;
                }
            }

            return builder.Append('}').ToString();
        }

        /// <summary>A JSON string literal (quotes included) for <paramref name="value"/>.</summary>
        public static string Quote(string value)
        {
            var builder = new StringBuilder(value.Length + 2);
            WriteString(builder, value);
            return builder.ToString();
        }

        /// <summary>Parses one line; null when it is not a complete flat JSON object (a torn last line).</summary>
        public static Dictionary<string, object?>? TryRead(string line)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            var i = 0;
            try
            {
                SkipSpace(line, ref i);
                Expect(line, ref i, '{');
                SkipSpace(line, ref i);
                if (Peek(line, i) == '}')
                {
                    i++;
                }
                else
                {
                    while (true)
                    {
                        SkipSpace(line, ref i);
                        var key = ReadString(line, ref i);
                        SkipSpace(line, ref i);
                        Expect(line, ref i, ':');
                        SkipSpace(line, ref i);
                        result[key] = ReadValue(line, ref i);
                        SkipSpace(line, ref i);
                        if (Peek(line, i) == ',')
                        {
                            i++;
                            continue;
                        }

                        Expect(line, ref i, '}');
                        break;
                    }
                }

                SkipSpace(line, ref i);
                return i == line.Length ? result : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        /// <summary>
        /// The string value of <paramref name="key"/> found by a quick scan (its last occurrence, as
        /// <see cref="TryRead"/> keeps the last), or null when the scan cannot tell: the key is
        /// missing or spaced, or the value has escapes. A null means "parse the line".
        /// </summary>
        public static string? PeekString(string line, string key)
        {
            var marker = "\"" + key + "\":\"";
            var at = line.LastIndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            var start = at + marker.Length;
            for (var i = start; i < line.Length; i++)
            {
                var c = line[i];
                if (c == '\\')
                {
                    return null;
                }

                if (c == '"')
                {
                    return line.Substring(start, i - start);
                }
            }

            return null;
        }

        private static object? ReadValue(string s, ref int i)
        {
            var c = Peek(s, i);
            if (c == '"')
            {
                return ReadString(s, ref i);
            }

            var start = i;
            while (i < s.Length && s[i] != ',' && s[i] != '}' && !char.IsWhiteSpace(s[i]))
            {
                i++;
            }

            var token = s.Substring(start, i - start);
            switch (token)
            {
                case "null": return null;
                case "true": return true;
                case "false": return false;
            }

            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            throw new FormatException();
        }

        private static string ReadString(string s, ref int i)
        {
            Expect(s, ref i, '"');
            var builder = new StringBuilder();
            while (true)
            {
                if (i >= s.Length)
                {
                    throw new FormatException();
                }

                var c = s[i++];
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                if (i >= s.Length)
                {
                    throw new FormatException();
                }

                var e = s[i++];
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (i + 4 > s.Length || !int.TryParse(s.Substring(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        {
                            throw new FormatException();
                        }

                        builder.Append((char)code);
                        i += 4;
                        break;
                    default: throw new FormatException();
                }
            }
        }

        private static void WriteString(StringBuilder builder, string value)
        {
            builder.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < 0x20 || c == '\u2028' || c == '\u2029')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            builder.Append('"');
        }

        private static char Peek(string s, int i) => i < s.Length ? s[i] : '\0';

        private static void SkipSpace(string s, ref int i)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i]))
            {
                i++;
            }
        }

        private static void Expect(string s, ref int i, char c)
        {
            if (Peek(s, i) != c)
            {
                throw new FormatException();
            }

            i++;
        }
    }
}
