using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace DkpFips.Core.Process
{
    /// <summary>
    /// The user-info of URLs in a text (scheme://user:password@host): masked as
    /// scheme://***@host wherever a URL is shown (plans, logs, the journal, errors, reports).
    /// </summary>
    public static class UrlUserInfo
    {
        // scheme://, then user-info up to the first '@' that comes before any '/', space or quote.
        private static readonly Regex UserInfo = new Regex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?<info>[^/\s@'""?#]+)@", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>The text with every URL's user-info replaced by ***.</summary>
        public static string Mask(string? text) => Mask(text, null);

        /// <summary>As <see cref="Mask(string)"/>, adding each password found (and the whole user-info) to <paramref name="secretsFound"/>.</summary>
        public static string Mask(string? text, ICollection<string>? secretsFound)
        {
            if (string.IsNullOrEmpty(text) || text!.IndexOf("://", System.StringComparison.Ordinal) < 0)
            {
                return text ?? string.Empty;
            }

            return UserInfo.Replace(text, match =>
            {
                var info = match.Groups["info"].Value;
                if (secretsFound is not null)
                {
                    var colon = info.IndexOf(':');
                    if (colon >= 0 && colon + 1 < info.Length)
                    {
                        secretsFound.Add(info.Substring(colon + 1));
                    }
                }

                return match.Groups["scheme"].Value + SecretArguments.Mask + "@";
            });
        }
    }
}
