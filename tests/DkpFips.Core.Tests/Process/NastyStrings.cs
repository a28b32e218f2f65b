using System;
using System.Collections.Generic;
using System.Text;

namespace DkpFips.Core.Tests.Process
{
    /// <summary>Generated argument values full of what breaks quoting.</summary>
    internal static class NastyStrings
    {
        private static readonly string[] Pieces =
        {
            " ", "  ", "\t", "\n", "\r\n", "\"", "'", "\\", "\\\\", "\\\"", "$(", ")", "`", "$x", "${x}", ";", "&", "&&", "|", "||",
            "<", ">", "^", "%", "%PATH%", "!", "*", "?", "[", "]", "{", "}", "#", "~", "=", "--", "-", ",", "@", "‘", "’",
            "é", "日本", "😀", "\u00a0", "a", "b", "0", "fips", "+", "/", ".", ":",
        };

        public static IEnumerable<string> Generate(int count, int seed)
        {
            var random = new Random(seed);
            yield return string.Empty;
            yield return "\\";
            yield return "\"";
            yield return "a\\";
            yield return "a b\\";
            yield return "\\\\\"";
            for (var i = 0; i < count; i++)
            {
                var builder = new StringBuilder();
                var parts = random.Next(1, 8);
                for (var p = 0; p < parts; p++)
                {
                    builder.Append(Pieces[random.Next(Pieces.Length)]);
                }

                yield return builder.ToString();
            }
        }
    }
}
