using System;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Yaml
{
    /// <summary>
    /// A file of one of the module's YAML formats that cannot be used, with the place in it that
    /// is wrong: the message reads <c>path(line,column): problem</c>. Each format has its own
    /// sealed subclass, so cmdlets can tell a catalog from a cluster spec file.
    /// </summary>
    public abstract class YamlFileException : DkpFipsException
    {
        protected YamlFileException(ErrorKinds kinds, string path, long line, long column, string problem, bool isMissingFile, Exception? inner)
            : base(isMissingFile ? kinds.NotFound : kinds.Invalid, line > 0 ? $"{path}({line},{column}): {problem}" : $"{path}: {problem}", path, null, inner)
        {
            Path = path;
            Line = line;
            Column = column;
            Problem = problem;
            IsMissingFile = isMissingFile;
        }

        /// <summary>The problem <see cref="YamlTree"/> found, in the file at <paramref name="path"/>.</summary>
        protected YamlFileException(ErrorKinds kinds, string path, YamlTreeException problem)
            : this(kinds, path, problem.Line, problem.Column, problem.Problem, problem.IsMissingFile, problem.InnerException ?? problem)
        {
        }

        /// <summary>The kind of a missing file and of a file with bad content, for one format.</summary>
        protected readonly struct ErrorKinds
        {
            public ErrorKinds(ErrorKind notFound, ErrorKind invalid)
            {
                NotFound = notFound;
                Invalid = invalid;
            }

            public ErrorKind NotFound { get; }

            public ErrorKind Invalid { get; }
        }

        public string Path { get; }

        /// <summary>1-based line; 0 when the problem is the file as a whole (missing, unreadable).</summary>
        public long Line { get; }

        public long Column { get; }

        /// <summary>What is wrong, without the location.</summary>
        public string Problem { get; }

        /// <summary>True when the file does not exist (a different error category from bad content).</summary>
        public bool IsMissingFile { get; }
    }
}
