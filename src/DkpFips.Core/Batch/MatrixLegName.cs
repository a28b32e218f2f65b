using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DkpFips.Core.Batch
{
    /// <summary>
    /// Names of Azure Pipelines matrix legs: only A-Z, a-z, 0-9 and '_', starting with a letter,
    /// at most 100 characters. Derived from the cluster name ('-' becomes '_', a leading digit
    /// gets 'c_'), made unique (case-insensitively) with _2, _3 in batch order: deterministic.
    /// </summary>
    public sealed class MatrixLegName
    {
        public const int MaxLength = 100;

        private readonly HashSet<string> taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The leg name for the next cluster of the batch.</summary>
        public string Next(string clusterName)
        {
            var basis = Sanitize(clusterName);
            var name = basis;
            for (var n = 2; !taken.Add(name); n++)
            {
                var suffix = "_" + n.ToString(CultureInfo.InvariantCulture);
                name = (basis.Length + suffix.Length > MaxLength ? basis.Substring(0, MaxLength - suffix.Length) : basis) + suffix;
            }

            return name;
        }

        /// <summary>True when Azure Pipelines accepts <paramref name="name"/> as a matrix leg name.</summary>
        public static bool IsValid(string? name)
        {
            if (string.IsNullOrEmpty(name) || name!.Length > MaxLength || !IsLetter(name[0]))
            {
                return false;
            }

            foreach (var c in name)
            {
                if (!IsAllowed(c))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Sanitize(string clusterName)
        {
            var builder = new StringBuilder(clusterName.Length + 2);
            foreach (var c in clusterName)
            {
                builder.Append(IsAllowed(c) ? c : '_');
            }

            if (builder.Length == 0 || !IsLetter(builder[0]))
            {
                builder.Insert(0, "c_");
            }

            return builder.Length > MaxLength ? builder.ToString(0, MaxLength) : builder.ToString();
        }

        private static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static bool IsAllowed(char c) => IsLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }
}
