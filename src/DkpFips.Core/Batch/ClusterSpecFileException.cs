using System;
using DkpFips.Core.Yaml;

namespace DkpFips.Core.Batch
{
    /// <summary>A cluster spec file that cannot be used, with the place in it that is wrong.</summary>
    public sealed class ClusterSpecFileException : YamlFileException
    {
        public ClusterSpecFileException(string path, YamlTreeException problem)
            : base(path, problem)
        {
        }
    }
}
