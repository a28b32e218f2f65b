using System;
using DkpFips.Core.Errors;
using DkpFips.Core.Yaml;

namespace DkpFips.Core.Catalog
{
    /// <summary>A catalog file that cannot be used, with the place in it that is wrong.</summary>
    public sealed class CatalogFileException : YamlFileException
    {
        private static readonly ErrorKinds Kinds = new ErrorKinds(ErrorKind.CatalogFileNotFound, ErrorKind.CatalogFileInvalid);

        public CatalogFileException(string path, long line, long column, string problem, Exception? inner = null)
            : base(Kinds, path, line, column, problem, isMissingFile: false, inner)
        {
        }

        public CatalogFileException(string path, YamlTreeException problem)
            : base(Kinds, path, problem)
        {
        }
    }
}
