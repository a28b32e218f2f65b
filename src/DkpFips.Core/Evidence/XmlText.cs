using System.Text;
using System.Xml;

namespace DkpFips.Core.Evidence
{
    /// <summary>
    /// Makes any string writable as XML text: messages quote tool output, which can hold control
    /// characters XML 1.0 forbids (an XmlWriter would throw on them). They become U+FFFD.
    /// </summary>
    internal static class XmlText
    {
        public static string Clean(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            StringBuilder? builder = null;
            for (var i = 0; i < text!.Length; i++)
            {
                var c = text[i];
                var ok = XmlConvert.IsXmlChar(c)
                    || (char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c));
                if (ok && char.IsHighSurrogate(c))
                {
                    builder?.Append(c).Append(text[i + 1]);
                    i++;
                    continue;
                }

                if (!ok && builder is null)
                {
                    builder = new StringBuilder(text.Length).Append(text, 0, i);
                }

                builder?.Append(ok ? c : '\uFFFD');
            }

            return builder?.ToString() ?? text;
        }
    }
}
