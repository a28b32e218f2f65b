using System;

namespace DkpFips.Core.Batch
{
    /// <summary>A cluster spec file that cannot be used, with the place in it that is wrong.</summary>
    public sealed class ClusterSpecFileException : Exception
    {
        public ClusterSpecFileException(string path, long line, long column, string problem, Exception? inner = null)
            : base(line > 0 ? $"{path}({line},{column}): {problem}" : $"{path}: {problem}", inner)
        {
            Path = path;
            Line = line;
            Column = column;
            Problem = problem;
        }

        public string Path { get; }

        /// <summary>1-based line; 0 when the problem is the file as a whole (missing, unreadable).</summary>
        public long Line { get; }

        public long Column { get; }

        /// <summary>What is wrong, without the location.</summary>
        public string Problem { get; }

        /// <summary>True when the file does not exist (a different error category from bad content).</summary>
        public bool IsMissingFile { get; internal set; }
    }
}
