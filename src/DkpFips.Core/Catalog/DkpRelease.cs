using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace DkpFips.Core.Catalog
{
    /// <summary>
    /// DKP/NKP release numbers and how a user's release text selects catalog rows. A row is a
    /// minor release (<c>2.3</c>) or a patch release whose build differs (<c>2.3.2</c>):
    /// a minor line selects every row of the line, and a patch release selects the rows of the
    /// newest release at or below it (2.3.1 selects 2.3; 2.3.3 selects 2.3.2).
    /// </summary>
    public static class DkpRelease
    {
        private static readonly Regex Number = new Regex(@"^(?<major>[0-9]{1,4})\.(?<minor>[0-9]{1,4})(\.(?<patch>[0-9]{1,4}))?$", RegexOptions.CultureInvariant);

        /// <summary>Drops a leading 'v' (v2.3.1 is 2.3.1); other text passes through trimmed.</summary>
        public static string Normalize(string text)
        {
            var trimmed = text.Trim();
            if (trimmed.Length > 1 && (trimmed[0] == 'v' || trimmed[0] == 'V') && char.IsDigit(trimmed[1]))
            {
                trimmed = trimmed.Substring(1);
            }

            return trimmed;
        }

        /// <summary>Whether <paramref name="text"/> is a release number: major.minor or major.minor.patch, with or without a leading 'v'.</summary>
        public static bool TryParse(string? text, out (int Major, int Minor, int? Patch) release)
        {
            release = default;
            if (text is null)
            {
                return false;
            }

            var match = Number.Match(Normalize(text));
            if (!match.Success)
            {
                return false;
            }

            release = (
                int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture),
                match.Groups["patch"].Success ? int.Parse(match.Groups["patch"].Value, CultureInfo.InvariantCulture) : (int?)null);
            return true;
        }

        /// <summary>Orders release numbers: 2.3 before 2.3.2 before 2.4; text that is not a number sorts first, by text.</summary>
        public static int Compare(string a, string b)
        {
            var leftOk = TryParse(a, out var left);
            var rightOk = TryParse(b, out var right);
            if (!leftOk || !rightOk)
            {
                return leftOk == rightOk ? string.Compare(a, b, StringComparison.OrdinalIgnoreCase) : leftOk ? 1 : -1;
            }

            var order = left.Major.CompareTo(right.Major);
            order = order != 0 ? order : left.Minor.CompareTo(right.Minor);
            return order != 0 ? order : (left.Patch ?? 0).CompareTo(right.Patch ?? 0);
        }

        /// <summary>
        /// The releases among <paramref name="releases"/> (the catalog's row releases) that the
        /// release number <paramref name="text"/> selects: for 2.3 every 2.3 and 2.3.x row; for
        /// 2.3.1 the newest row release of the 2.3 line at or below 2.3.1. Null when the text is
        /// not a release number (a wildcard pattern, for the caller to match); empty when nothing fits.
        /// </summary>
        public static IReadOnlyCollection<string>? Select(string text, IEnumerable<string> releases)
        {
            if (!TryParse(text, out var wanted))
            {
                return null;
            }

            var sameLine = releases
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(r => TryParse(r, out var row) && row.Major == wanted.Major && row.Minor == wanted.Minor)
                .ToList();
            if (wanted.Patch is null)
            {
                return sameLine;
            }

            var atOrBelow = sameLine.Where(r => Compare(r, Normalize(text)) <= 0).ToList();
            if (atOrBelow.Count == 0)
            {
                return atOrBelow;
            }

            var newest = atOrBelow.Aggregate((x, y) => Compare(x, y) >= 0 ? x : y);
            return atOrBelow.Where(r => Compare(r, newest) == 0).ToList();
        }
    }
}
