using System;
using System.Collections.Generic;

namespace DkpFips.Core.Process
{
    /// <summary>
    /// Which command-line arguments carry secrets: the values of flags whose names say so
    /// (--registry-mirror-password, --aws-secret-access-key, --token, --apikey, ...), given as
    /// --flag=value, --flag:value or --flag value; and the user-info of any URL
    /// (https://user:password@host). A flag that only names credentials and is given a boolean
    /// (--with-aws-bootstrap-credentials=true) is shown as it is, so a plan can be checked.
    /// </summary>
    public static class SecretArguments
    {
        public const string Mask = "***";

        private static readonly string[] NotSecretSuffixes = { "-name", "-file", "-path", "-ref", "_NAME", "_FILE", "_PATH" };

        private static readonly string[] SecretWords = { "password", "passwd", "secret", "token", "passphrase", "credential", "private-key", "apikey", "api-key", "api_key", "access-key" };

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

        /// <summary>The first argument that is a secret flag (in any spelling), or null.</summary>
        public static string? FindSecretFlag(IEnumerable<string> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument is not null && argument.StartsWith("-", StringComparison.Ordinal))
                {
                    var (name, _, value) = Split(argument);
                    if (IsSecretFlag(name) && !IsBoolean(value))
                    {
                        return name;
                    }
                }
            }

            return null;
        }

        /// <summary>One argument as shown to people: a secret flag's inline value and URL user-info masked.</summary>
        public static string MaskArgument(string argument)
        {
            var masked = MaskArguments(new[] { argument }, new List<string>());
            return masked[0];
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
                masked[i] = UrlUserInfo.Mask(argument, secretsFound);
                if (!argument.StartsWith("-", StringComparison.Ordinal))
                {
                    continue;
                }

                var (name, separator, value) = Split(argument);
                if (!IsSecretFlag(name))
                {
                    continue;
                }

                if (separator is not null)
                {
                    if (IsBoolean(value))
                    {
                        continue;
                    }

                    if (value!.Length > 0)
                    {
                        secretsFound.Add(value);
                    }

                    masked[i] = name + separator + Mask;
                }
                else if (i + 1 < arguments.Count && !IsBoolean(arguments[i + 1]) && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
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

        // --flag=value and --flag:value (the first of '=' or ':'); separator null for a bare flag.
        private static (string Name, string? Separator, string? Value) Split(string argument)
        {
            var at = argument.IndexOfAny(new[] { '=', ':' });
            return at < 0 ? (argument, null, null) : (argument.Substring(0, at), argument.Substring(at, 1), argument.Substring(at + 1));
        }

        private static bool IsBoolean(string? value) =>
            string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
    }
}
