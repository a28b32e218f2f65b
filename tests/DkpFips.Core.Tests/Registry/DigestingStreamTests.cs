using System.IO;
using System.Text;
using DkpFips.Core.Errors;
using DkpFips.Core.Registry;
using Xunit;

namespace DkpFips.Core.Tests.Registry
{
    public sealed class DigestingStreamTests
    {
        private static readonly byte[] Content = Encoding.UTF8.GetBytes("a layer of a FIPS image");

        private static byte[] ReadAll(Stream stream)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy, 4);
            return copy.ToArray();
        }

        [Fact]
        public void Passes_the_bytes_through_when_they_match_their_digest()
        {
            long seen = 0;
            using var stream = new DigestingStream(new MemoryStream(Content), Digests.Sha256(Content), Content.Length, "the blob", n => seen += n);
            Assert.Equal(Content, ReadAll(stream));
            Assert.Equal(Content.Length, seen);
            stream.Verify();
        }

        [Fact]
        public void Fails_the_last_read_when_the_bytes_do_not_match_their_digest()
        {
            var other = Digests.Sha256(Encoding.UTF8.GetBytes("something else"));
            using var stream = new DigestingStream(new MemoryStream(Content), other, Content.Length, "the blob");
            var ex = Assert.Throws<RegistryTransferException>(() => ReadAll(stream));
            Assert.Equal(ErrorKind.RegistryDigestMismatch, ex.Kind);
            Assert.Contains("does not match its digest: expected " + other, ex.Message);
        }

        [Fact]
        public void Fails_when_the_content_is_cut_short_as_the_caller_says_it_means()
        {
            using var transfer = new DigestingStream(new MemoryStream(Content, 0, 10), Digests.Sha256(Content), Content.Length, "the blob");
            Assert.Equal(ErrorKind.RegistryRequestFailed, Assert.Throws<RegistryTransferException>(() => ReadAll(transfer)).Kind);

            using var stream = new DigestingStream(new MemoryStream(Content, 0, 10), Digests.Sha256(Content), Content.Length, "the blob", shortFailure: ErrorKind.ImageArchiveInvalid);
            var ex = Assert.Throws<RegistryTransferException>(() => ReadAll(stream));
            Assert.Equal(ErrorKind.ImageArchiveInvalid, ex.Kind);
            Assert.Contains("ends after 10 of its " + Content.Length + " bytes", ex.Message);
        }

        [Fact]
        public void Fails_when_the_content_is_longer_than_its_descriptor()
        {
            using var stream = new DigestingStream(new MemoryStream(Content), Digests.Sha256(Content), 5, "the blob");
            Assert.Equal(ErrorKind.RegistryDigestMismatch, Assert.Throws<RegistryTransferException>(() => ReadAll(stream)).Kind);
        }
    }
}
