using System.Collections.Generic;

namespace DkpFips.Core.Process
{
    /// <summary>
    /// The one check every value passes before it reaches a command line: no control
    /// characters. The operating system cuts an argument at a NUL (so "--kubernetes-version\0=x"
    /// reaches dkp as a bare "--kubernetes-version" that takes the next argument as its value),
    /// and CR, LF and the other C0 characters change what logs, plans and shells show.
    /// </summary>
    public static class CommandLineText
    {
        /// <summary>The index of the first control character (C0, DEL or C1), or -1.</summary>
        public static int IndexOfControl(string? value)
        {
            if (value is null)
            {
                return -1;
            }

            for (var i = 0; i < value.Length; i++)
            {
                if (char.IsControl(value[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Null when the value may reach a command line, otherwise what is wrong, in words.</summary>
        public static string? Problem(string? value)
        {
            var index = IndexOfControl(value);
            return index < 0 ? null : $"it contains the control character {Describe(value![index])} at position {index + 1}";
        }

        /// <summary>The first argument that may not reach a command line, and why; null when all may.</summary>
        public static (int Index, string Problem)? FirstProblem(IReadOnlyList<string> arguments)
        {
            for (var i = 0; i < arguments.Count; i++)
            {
                var problem = Problem(arguments[i]);
                if (problem is not null)
                {
                    return (i, problem);
                }
            }

            return null;
        }

        /// <summary>A control character as people can read it: U+0000 (NUL), U+000A (LF), ...</summary>
        public static string Describe(char c)
        {
            var code = "U+" + ((int)c).ToString("X4");
            var name = c switch
            {
                '\0' => "NUL",
                '\t' => "TAB",
                '\n' => "LF",
                '\r' => "CR",
                '\u001b' => "ESC",
                '\u007f' => "DEL",
                _ => null,
            };
            return name is null ? code : $"{code} ({name})";
        }

        /// <summary>A value with its control characters shown as \uXXXX, for messages.</summary>
        public static string Visible(string? value)
        {
            if (IndexOfControl(value) < 0)
            {
                return value ?? string.Empty;
            }

            var text = new System.Text.StringBuilder(value!.Length + 8);
            foreach (var c in value)
            {
                text.Append(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4") : c.ToString());
            }

            return text.ToString();
        }
    }
}
