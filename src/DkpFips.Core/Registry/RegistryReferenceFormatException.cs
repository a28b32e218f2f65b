using System;

namespace DkpFips.Core.Registry
{
    /// <summary>A registry reference that is not <c>host[:port][/path]</c>.</summary>
    public sealed class RegistryReferenceFormatException : FormatException
    {
        public RegistryReferenceFormatException(string text, string reason)
            : base($"'{Redact(text)}' is not a registry reference ({reason}). Write host[:port][/path], for example docker.io/mesosphere or registry.example.internal:5000/mirror/mesosphere.")
        {
            Text = Redact(text);
        }

        /// <summary>The text as given, with any user:password@ part replaced by ***@.</summary>
        public string Text { get; }

        // A reference such as https://user:secret@host must not carry the secret into an error.
        internal static string Redact(string text)
        {
            var at = text.LastIndexOf('@');
            if (at < 0)
            {
                return text;
            }

            var scheme = text.IndexOf("://", StringComparison.Ordinal);
            var start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
            return text.Substring(0, start) + "***" + text.Substring(at);
        }
    }
}
