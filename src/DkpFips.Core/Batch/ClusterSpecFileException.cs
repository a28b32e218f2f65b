using System;
using DkpFips.Core.Errors;
using DkpFips.Core.Yaml;

namespace DkpFips.Core.Batch
{
    /// <summary>A cluster spec file that cannot be used, with the place in it that is wrong.</summary>
    public sealed class ClusterSpecFileException : YamlFileException
    {
        private static readonly ErrorKinds Kinds = new ErrorKinds(ErrorKind.ClusterSpecFileNotFound, ErrorKind.ClusterSpecFileInvalid);

        public ClusterSpecFileException(string path, YamlTreeException problem)
            : base(Kinds, path, problem)
        {
        }
    }
}
