using DkpFips.Core.Versioning;
using Xunit;

namespace DkpFips.Core.Tests.Versioning
{
    public class ImageTagTests
    {
        [Theory]
        [InlineData("v1.23.7+fips.0", "v1.23.7_fips.0")]
        [InlineData("v1.23.7", "v1.23.7")]
        [InlineData("v1.2.3+a/b c", "v1.2.3_a_b_c")]
        [InlineData("A-z_0.9", "A-z_0.9")]
        public void Characters_outside_the_tag_alphabet_become_underscores_as_kubeadm_does(string version, string tag)
        {
            Assert.Equal(tag, ImageTag.FromVersionString(version));
        }
    }
}
