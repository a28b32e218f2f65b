using DkpFips.Core.Catalog;
using Xunit;

namespace DkpFips.Core.Tests.Catalog
{
    public class OperatingSystemNameTests
    {
        [Theory]
        [InlineData("RHEL 8.4", "rhel-8.4")]
        [InlineData("RHEL 8.4", "Red Hat Enterprise Linux 8.4")]
        [InlineData("RHEL 8.10", "rhel-810")]
        [InlineData("Oracle Linux RHCK 7.9", "Oracle Linux 7.9")]
        [InlineData("Oracle Linux RHCK 7.9", "oracle-7.9")]
        [InlineData("CentOS 7.9", "centos 7")]
        [InlineData("CentOS 7.9", "CentOS")]
        public void Names_of_one_system_match(string catalog, string given)
        {
            Assert.True(OperatingSystemName.Same(catalog, given));
            Assert.True(OperatingSystemName.Same(given, catalog));
        }

        [Theory]
        [InlineData("RHEL 8.4", "RHEL 8.6")]
        [InlineData("RHEL 8.1", "RHEL 8.10")]
        [InlineData("CentOS 7.9", "RHEL 7.9")]
        [InlineData("Oracle Linux 8.9", "Oracle Linux 9.4")]
        [InlineData("CentOS 7.9", "CentOS 8")]
        [InlineData("RHEL 8.4", "")]
        public void Names_of_different_systems_do_not(string a, string b)
        {
            Assert.False(OperatingSystemName.Same(a, b));
        }
    }
}
