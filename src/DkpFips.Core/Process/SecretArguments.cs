using System;
using System.Collections.Generic;

namespace DkpFips.Core.Process
{
    /// <summary>
    /// Which command-line arguments carry secrets: the values of flags whose names say so
    /// (--registry-mirror-password, --aws-secret-access-key, --token, ...), given either as
    /// --flag=value or as --flag value.
    /// </summary>
    public static class SecretArguments
    {
        public const string Mask = "***";

        private static readonly string[] NotSecretSuffixes = { "-name", "-file", "-path", "-ref", "_NAME", "_FILE", "_PATH" };

        private static readonly string[] SecretWords = { "password", "secret", "token", "passphrase", "credential", "private-key" };

        /// <summary>True when a flag name (with or without leading dashes) names a secret.</summary>
        public static bool IsSecretFlag(string flagName)
        {
            var name = flagName.TrimStart('-');

            // These name or point at a secret (--override-secret-name, --ssh-private-key-file); they do not hold one.
            foreach (var suffix in NotSecretSuffixes)
            {
                if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
            foreach (var word in SecretWords)
            {
                if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The secret values found in an argument list, and the list with each one replaced by
        /// <see cref="Mask"/>.
        /// </summary>
        public static IReadOnlyList<string> MaskArguments(IReadOnlyList<string> arguments, ICollection<string> secretsFound)
        {
            var masked = new string[arguments.Count];
            for (var i = 0; i < arguments.Count; i++)
            {
                var argument = arguments[i];
                masked[i] = argument;
                if (!argument.StartsWith("-", StringComparison.Ordinal))
                {
                    continue;
                }

                var equals = argument.IndexOf('=');
                var name = equals < 0 ? argument : argument.Substring(0, equals);
                if (!IsSecretFlag(name))
                {
                    continue;
                }

                if (equals >= 0)
                {
                    var value = argument.Substring(equals + 1);
                    if (value.Length > 0)
                    {
                        secretsFound.Add(value);
                    }

                    masked[i] = name + "=" + Mask;
                }
                else if (i + 1 < arguments.Count)
                {
                    i++;
                    if (arguments[i].Length > 0)
                    {
                        secretsFound.Add(arguments[i]);
                    }

                    masked[i] = Mask;
                }
            }

            return masked;
        }
    }
}
