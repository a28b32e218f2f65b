using System;
using System.Collections.Generic;
using System.Linq;

namespace DkpFips.Core.Process
{
    /// <summary>
    /// Replaces every known secret value, and the user-info of every URL, in a text with ***.
    /// The one masker: used on plans, everything a child process prints before it reaches a log
    /// file, the verbose stream, the journal or an error record.
    /// </summary>
    public sealed class SecretMasker
    {
        private readonly string[] secrets;

        public SecretMasker(IEnumerable<string> secrets)
        {
            // Longest first, so a secret that contains another is masked whole.
            this.secrets = secrets
                .Where(s => !string.IsNullOrEmpty(s))
                .Distinct(StringComparer.Ordinal)
                .OrderByDescending(s => s.Length)
                .ToArray();
        }

        public static SecretMasker None { get; } = new SecretMasker(Array.Empty<string>());

        public bool IsEmpty => secrets.Length == 0;

        public string Apply(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }

            text = UrlUserInfo.Mask(text);
            foreach (var secret in secrets)
            {
                if (text.IndexOf(secret, StringComparison.Ordinal) >= 0)
                {
                    text = text.Replace(secret, SecretArguments.Mask);
                }
            }

            return text;
        }
    }
}
