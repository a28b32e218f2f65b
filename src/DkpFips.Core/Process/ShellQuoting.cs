using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DkpFips.Core.Process
{
    /// <summary>
    /// Writes an executable and its arguments as one line a human can paste into a shell, so
    /// that the shell passes exactly these arguments. Only for display and copy-paste: the
    /// module itself never runs a command through a shell.
    /// </summary>
    public static class ShellQuoting
    {
        public static string Format(ShellKind shell, string executable, IEnumerable<string> arguments)
        {
            Func<string, string> quote = shell switch
            {
                ShellKind.Bash => QuoteBash,
                ShellKind.Pwsh => QuotePwsh,
                ShellKind.Cmd => QuoteCmd,
                _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, null),
            };
            var builder = new StringBuilder(256);
            var exe = quote(executable);
            if (shell == ShellKind.Pwsh && !ReferenceEquals(exe, executable) && exe != executable)
            {
                builder.Append("& ");
            }

            builder.Append(exe);
            foreach (var argument in arguments)
            {
                builder.Append(' ').Append(quote(argument));
            }

            return builder.ToString();
        }

        /// <summary>The shell a GetCommandLine call names; an <see cref="ArgumentException"/> (parameter shell) for any other.</summary>
        public static ShellKind ParseShell(string? text) =>
            TryParseShell(text, out var shell) ? shell : throw new ArgumentException($"Unknown shell '{text}'; use bash, pwsh or cmd.", "shell");

        public static bool TryParseShell(string? text, out ShellKind shell)
        {
            switch ((text ?? string.Empty).Trim().ToLowerInvariant())
            {
                case "bash":
                case "sh":
                case "zsh":
                case "posix":
                    shell = ShellKind.Bash;
                    return true;
                case "pwsh":
                case "powershell":
                    shell = ShellKind.Pwsh;
                    return true;
                case "cmd":
                case "cmd.exe":
                    shell = ShellKind.Cmd;
                    return true;
                default:
                    shell = ShellKind.Bash;
                    return false;
            }
        }

        /// <summary>POSIX: bare when every character is safe, otherwise single quotes ('\'' for a quote).</summary>
        public static string QuoteBash(string argument)
        {
            if (argument.Length > 0 && AllPlain(argument, "@,%"))
            {
                return argument;
            }

            return "'" + argument.Replace("'", "'\\''") + "'";
        }

        /// <summary>
        /// PowerShell: bare when every character is safe, otherwise a verbatim single-quoted
        /// string in which each quote character (PowerShell also treats the typographic single
        /// quotes as quotes) is doubled.
        /// </summary>
        public static string QuotePwsh(string argument)
        {
            if ((argument.Length > 0 && argument[0] != '-' && AllPlain(argument, string.Empty)) || IsPwshSafeFlag(argument))
            {
                return argument;
            }

            var builder = new StringBuilder(argument.Length + 2).Append('\'');
            foreach (var c in argument)
            {
                if (IsPwshSingleQuote(c))
                {
                    builder.Append(c);
                }

                builder.Append(c);
            }

            return builder.Append('\'').ToString();
        }

        /// <summary>
        /// cmd.exe: the C runtime quoting, then every cmd metacharacter escaped with ^ so cmd
        /// passes the text through unchanged. cmd cannot carry a newline in an argument.
        /// </summary>
        public static string QuoteCmd(string argument)
        {
            var quoted = WindowsCommandLine.Quote(argument);
            var builder = new StringBuilder(quoted.Length + 8);
            foreach (var c in quoted)
            {
                if ("()%!^\"<>&|".IndexOf(c) >= 0)
                {
                    builder.Append('^');
                }

                builder.Append(c);
            }

            return builder.ToString();
        }

        private static bool IsPlain(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '_' || c == '-' || c == '.' || c == '/' || c == ':' || c == '=' || c == '+';

        // A flag such as --kubernetes-version=v1.23.7+fips.0 is passed to a native command as is.
        private static bool IsPwshSafeFlag(string argument) =>
            argument.Length > 2 && argument[0] == '-' && argument[1] == '-' && AllPlain(argument, string.Empty);

        private static bool AllPlain(string argument, string alsoPlain)
        {
            foreach (var c in argument)
            {
                if (!IsPlain(c) && alsoPlain.IndexOf(c) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsPwshSingleQuote(char c) => c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
    }
}
