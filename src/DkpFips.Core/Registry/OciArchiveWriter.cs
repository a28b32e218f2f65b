using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Errors;
using ICSharpCode.SharpZipLib.Tar;

namespace DkpFips.Core.Registry
{
    /// <summary>
    /// Writes an OCI image-layout tar (SharpZipLib's tar, ustar headers) entry by entry: each blob
    /// once, streamed in with its size known from its descriptor; <c>oci-layout</c> first and
    /// <c>index.json</c> at the end. Entries carry no user names or times of this machine.
    /// </summary>
    public sealed class OciArchiveWriter : IDisposable
    {
        private static readonly DateTime FixedTime = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        private readonly TarOutputStream tar;
        private readonly HashSet<string> written = new HashSet<string>(StringComparer.Ordinal);

        public OciArchiveWriter(Stream output)
        {
            tar = new TarOutputStream(output, Encoding.UTF8) { IsStreamOwner = false };
            WriteBytes(OciLayout.LayoutFile, OciLayout.LayoutContent);
        }

        /// <summary>True when the blob is already in the archive.</summary>
        public bool Contains(string digest) => written.Contains(digest);

        public void WriteBlob(string digest, byte[] content)
        {
            if (written.Add(digest))
            {
                WriteBytes(OciLayout.BlobPath(digest), content);
            }
        }

        /// <summary>Streams a blob of <paramref name="size"/> bytes into the archive.</summary>
        public async Task WriteBlobAsync(string digest, long size, Stream content, CancellationToken cancellationToken)
        {
            if (!written.Add(digest))
            {
                return;
            }

            tar.PutNextEntry(NewEntry(OciLayout.BlobPath(digest), size));
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                tar.Write(buffer, 0, read);
            }

            if (total != size)
            {
                throw new RegistryTransferException(ErrorKind.RegistryRequestFailed, $"The blob {digest} had {total} bytes, not the {size} its descriptor gives.");
            }

            tar.CloseEntry();
        }

        /// <summary>Writes index.json and the tar's end.</summary>
        public void Finish(byte[] index)
        {
            WriteBytes(OciLayout.IndexFile, index);
            tar.Finish();
            tar.Flush();
        }

        private void WriteBytes(string name, byte[] content)
        {
            tar.PutNextEntry(NewEntry(name, content.Length));
            tar.Write(content, 0, content.Length);
            tar.CloseEntry();
        }

        private static TarEntry NewEntry(string name, long size)
        {
            var entry = TarEntry.CreateTarEntry(name);
            entry.Size = size;
            entry.ModTime = FixedTime;
            entry.TarHeader.Mode = 420; // 0644
            entry.TarHeader.UserId = 0;
            entry.TarHeader.GroupId = 0;
            entry.TarHeader.UserName = string.Empty;
            entry.TarHeader.GroupName = string.Empty;
            return entry;
        }

        public void Dispose() => tar.Dispose();
    }
}
