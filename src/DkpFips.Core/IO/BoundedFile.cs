using System;
using System.IO;
using System.Text;

namespace DkpFips.Core.IO
{
    /// <summary>
    /// The one way the module reads a whole file (catalogs, spec files, journals, kubeconfigs,
    /// packer manifests): never more than a limit, so /dev/zero, a FIFO or a huge file is a
    /// specific error instead of running out of memory. The length is not trusted (device
    /// files report 0): at most limit + 1 bytes are read, and one byte more is the error.
    /// </summary>
    public static class BoundedFile
    {
        /// <summary>64 MiB: far above any real catalog, spec, kubeconfig or manifest (a 50 MB catalog has 165k rows).</summary>
        public const long DefaultLimit = 64L * 1024 * 1024;

        /// <summary>The file's bytes; <see cref="FileTooLargeException"/> past <paramref name="limit"/>.</summary>
        public static byte[] ReadAllBytes(string path, long limit, string what)
        {
            if (Directory.Exists(path))
            {
                throw new UnauthorizedAccessException($"{path} is a directory, not a {what}.");
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.SequentialScan);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            long total = 0;
            int read;
            while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1 - total))) > 0)
            {
                total += read;
                if (total > limit)
                {
                    throw new FileTooLargeException(path, limit, what);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }

        /// <summary>The file's text (UTF-8 unless a BOM says otherwise, as File.ReadAllText).</summary>
        public static string ReadAllText(string path, long limit, string what)
        {
            var bytes = ReadAllBytes(path, limit, what);
            using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
    }

    /// <summary>A file larger than the module reads (or endless, as /dev/zero).</summary>
    public sealed class FileTooLargeException : IOException
    {
        public FileTooLargeException(string path, long limit, string what)
            : base($"The {what} {path} is larger than {limit / (1024 * 1024)} MiB (or has no end, as a device); it is not read.")
        {
            Path = path;
            Limit = limit;
        }

        public string Path { get; }

        public long Limit { get; }
    }
}
