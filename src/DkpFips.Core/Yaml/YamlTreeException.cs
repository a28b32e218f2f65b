using System;

namespace DkpFips.Core.Yaml
{
    /// <summary>
    /// A problem in a YAML text at a line and column (1-based; 0 for the file as a whole); the
    /// reader of each format turns it into its own <see cref="YamlFileException"/>, with the file name.
    /// </summary>
    public sealed class YamlTreeException : Exception
    {
        public YamlTreeException(long line, long column, string problem, Exception? inner = null)
            : base($"({line},{column}): {problem}", inner)
        {
            Line = line;
            Column = column;
            Problem = problem;
        }

        public long Line { get; }

        public long Column { get; }

        /// <summary>What is wrong, without the location.</summary>
        public string Problem { get; }

        /// <summary>True when the file does not exist.</summary>
        public bool IsMissingFile { get; set; }
    }
}
