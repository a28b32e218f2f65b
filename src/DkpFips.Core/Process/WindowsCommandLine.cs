using System.Collections.Generic;
using System.Text;

namespace DkpFips.Core.Process
{
    /// <summary>
    /// Joins an argument list into one command-line string that the Microsoft C runtime rules
    /// (CommandLineToArgvW, Go's and .NET's own parsers, .NET's Unix ProcessStartInfo.Arguments
    /// splitter) split back into exactly the same arguments. netstandard2.0 has no
    /// ProcessStartInfo.ArgumentList, so this string is how arguments reach a child process.
    /// </summary>
    public static class WindowsCommandLine
    {
        public static string Join(IEnumerable<string> arguments)
        {
            var builder = new StringBuilder();
            foreach (var argument in arguments)
            {
                if (builder.Length > 0)
                {
                    builder.Append(' ');
                }

                AppendArgument(builder, argument);
            }

            return builder.ToString();
        }

        public static string Quote(string argument)
        {
            var builder = new StringBuilder(argument.Length + 2);
            AppendArgument(builder, argument);
            return builder.ToString();
        }

        private static void AppendArgument(StringBuilder builder, string argument)
        {
            if (argument.Length > 0 && !NeedsQuotes(argument))
            {
                builder.Append(argument);
                return;
            }

            builder.Append('"');
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                if (c == '"')
                {
                    // Backslashes before a quote are escaped, and so is the quote.
                    builder.Append('\\', (backslashes * 2) + 1);
                }
                else
                {
                    builder.Append('\\', backslashes);
                }

                backslashes = 0;
                builder.Append(c);
            }

            // Backslashes before the closing quote must not escape it.
            builder.Append('\\', backslashes * 2);
            builder.Append('"');
        }

        private static bool NeedsQuotes(string argument)
        {
            foreach (var c in argument)
            {
                if (c == '"' || char.IsWhiteSpace(c))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
