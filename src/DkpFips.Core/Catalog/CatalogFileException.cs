using System;
using DkpFips.Core.Yaml;

namespace DkpFips.Core.Catalog
{
    /// <summary>A catalog file that cannot be used, with the place in it that is wrong.</summary>
    public sealed class CatalogFileException : YamlFileException
    {
        public CatalogFileException(string path, long line, long column, string problem, Exception? inner = null)
            : base(path, line, column, problem, isMissingFile: false, inner)
        {
        }

        public CatalogFileException(string path, YamlTreeException problem)
            : base(path, problem)
        {
        }
    }
}
