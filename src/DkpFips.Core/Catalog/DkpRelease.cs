using System.Text.RegularExpressions;

namespace DkpFips.Core.Catalog
{
    /// <summary>How a user's DKP/NKP release text relates to catalog rows, which are per minor release.</summary>
    public static class DkpRelease
    {
        private static readonly Regex PatchRelease = new Regex(@"^(?<line>[0-9]+\.[0-9]+)\.[0-9]+$", RegexOptions.CultureInvariant);

        /// <summary>
        /// The text to match against a row's DkpVersion: a leading 'v' is dropped and a patch
        /// release names its minor line (<c>v2.3.1</c> selects the <c>2.3</c> row). Wildcard
        /// patterns pass through unchanged apart from the 'v'.
        /// </summary>
        public static string Normalize(string text)
        {
            var trimmed = text.Trim();
            if (trimmed.Length > 1 && (trimmed[0] == 'v' || trimmed[0] == 'V') && char.IsDigit(trimmed[1]))
            {
                trimmed = trimmed.Substring(1);
            }

            var match = PatchRelease.Match(trimmed);
            return match.Success ? match.Groups["line"].Value : trimmed;
        }
    }
}
