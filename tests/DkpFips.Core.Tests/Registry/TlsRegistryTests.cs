using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Registry;
using DkpFips.TestRegistry;
using Xunit;

namespace DkpFips.Core.Tests.Registry
{
    /// <summary>A real registry serving HTTPS with a self-signed certificate.</summary>
    public sealed class TlsRegistryTests
    {
        [Fact]
        public async Task An_untrusted_certificate_is_refused_unless_SkipTlsVerify_is_asked_for()
        {
            using var registry = LocalRegistry.Start(tls: true);
            var reference = RegistryReference.Parse("https://" + registry.Address + "/mesosphere");
            var image = new ImageLocation(reference, reference.RepositoryOf("etcd"), "v3.4.13_fips.0");

            using (var strict = new RegistryClient(new RegistryClientOptions()))
            {
                var refused = await strict.CheckImageAsync(image, CancellationToken.None);
                Assert.Equal(ImageCheckStatus.Error, refused.Status);
                Assert.Contains("Cannot reach " + registry.Address, refused.Message);
            }

            using (var lax = new RegistryClient(new RegistryClientOptions { SkipTlsVerify = true }))
            {
                // The registry answered over TLS: the image is simply not there.
                var answered = await lax.CheckImageAsync(image, CancellationToken.None);
                Assert.Equal(ImageCheckStatus.Missing, answered.Status);
            }
        }
    }
}
