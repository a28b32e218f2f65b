using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Registry
{
    /// <summary>
    /// Reads a blob through, hashing and counting as it goes, and fails the read that reaches the
    /// end when the bytes do not match the expected digest and size: the uploader never finishes
    /// an upload of bytes that are not what their digest says. Nothing is buffered.
    /// </summary>
    internal sealed class DigestingStream : Stream
    {
        private readonly Stream inner;
        private readonly string expectedDigest;
        private readonly long expectedSize;
        private readonly string what;
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly Action<long>? onRead;
        private readonly bool leaveOpen;
        private readonly ErrorKind shortFailure;
        private bool verified;

        /// <param name="shortFailure">What content that ends early means: a broken transfer (Error), or a truncated archive (InvalidArchive).</param>
        public DigestingStream(Stream inner, string expectedDigest, long expectedSize, string what, Action<long>? onRead = null, bool leaveOpen = false, ErrorKind shortFailure = ErrorKind.RegistryRequestFailed)
        {
            this.leaveOpen = leaveOpen;
            this.shortFailure = shortFailure;
            this.inner = inner;
            this.expectedDigest = expectedDigest;
            this.expectedSize = expectedSize;
            this.what = what;
            this.onRead = onRead;
        }

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => expectedSize;

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return Account(buffer, offset, inner.Read(buffer, offset, count));
            }
            catch (Exception ex) when (IsDamage(ex))
            {
                throw Damaged(ex);
            }
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            int read;
            try
            {
                read = await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsDamage(ex))
            {
                throw Damaged(ex);
            }

            return Account(buffer, offset, read);
        }

        // An archive that cannot be read further (SharpZipLib's TarException, an early end of
        // file) is a damaged archive, not a network failure; a registry's errors pass as they are.
        private bool IsDamage(Exception ex) =>
            shortFailure == ErrorKind.ImageArchiveInvalid && !(ex is RegistryTransferException) && !(ex is OperationCanceledException);

        private RegistryTransferException Damaged(Exception ex) =>
            new RegistryTransferException(ErrorKind.ImageArchiveInvalid, $"{what} cannot be read from the archive after {BytesRead} bytes: {ex.Message}", ex);

        private int Account(byte[] buffer, int offset, int read)
        {
            if (read > 0)
            {
                hash.AppendData(buffer, offset, read);
                BytesRead += read;
                onRead?.Invoke(read);
                if (BytesRead > expectedSize)
                {
                    throw new RegistryTransferException(ErrorKind.RegistryDigestMismatch, $"{what} is longer than the {expectedSize} bytes its descriptor gives.");
                }

                return read;
            }

            Verify();
            return 0;
        }

        /// <summary>Throws unless every byte was read and they hash to the expected digest.</summary>
        public void Verify()
        {
            if (verified)
            {
                return;
            }

            if (BytesRead != expectedSize)
            {
                throw new RegistryTransferException(shortFailure, $"{what} ends after {BytesRead} of its {expectedSize} bytes: the content is truncated.");
            }

            var actual = Digests.Format(hash.GetHashAndReset());
            if (!string.Equals(actual, expectedDigest, StringComparison.Ordinal))
            {
                throw new RegistryTransferException(ErrorKind.RegistryDigestMismatch, $"{what} does not match its digest: expected {expectedDigest}, the bytes hash to {actual}.");
            }

            verified = true;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                if (!leaveOpen)
                {
                    inner.Dispose();
                }

                hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
