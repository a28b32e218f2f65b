using DkpFips.Core.Errors;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// Cluster names: DNS-1123 labels (lower-case letters, digits and '-', starting and ending
    /// with a letter or digit, at most 63 characters), because dkp names Kubernetes objects and
    /// cloud resources after them.
    /// </summary>
    public static class ClusterName
    {
        public const int MaxLength = 63;

        /// <summary>Null when valid, otherwise what is wrong, in words.</summary>
        public static string? Problem(string? name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return "it is empty";
            }

            if (name!.Length > MaxLength)
            {
                return $"it has {name.Length} characters; at most {MaxLength} are allowed";
            }

            // An index, not FirstOrDefault: default(char) is NUL, which is itself a bad character.
            var index = IndexOfNotAllowed(name);
            if (index >= 0)
            {
                var bad = name[index];
                return char.IsUpper(bad)
                    ? $"it contains the upper-case letter '{bad}'; only lower-case letters are allowed"
                    : $"it contains '{Describe(bad)}'; only lower-case letters a-z, digits 0-9 and '-' are allowed";
            }

            if (name[0] == '-' || name[name.Length - 1] == '-')
            {
                return "it must start and end with a letter or digit";
            }

            return null;
        }

        public static void Validate(string? name)
        {
            var problem = Problem(name);
            if (problem is not null)
            {
                throw new ClusterPlanException(
                    ErrorKind.InvalidClusterName,
                    $"The cluster name '{Show(name)}' is not a valid DNS-1123 name: {problem}.",
                    name,
                    "Use lower-case letters, digits and '-', start and end with a letter or digit, at most 63 characters (for example 'fips-prod-1').");
            }
        }

        private static int IndexOfNotAllowed(string name)
        {
            for (var i = 0; i < name.Length; i++)
            {
                if (!IsAllowed(name[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool IsAllowed(char c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';

        private static string Describe(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? "\\u" + ((int)c).ToString("x4") : c.ToString();

        /// <summary>The name for a message: control characters shown as \uXXXX, never raw.</summary>
        public static string Show(string? name) => Process.CommandLineText.Visible(name);
    }
}
