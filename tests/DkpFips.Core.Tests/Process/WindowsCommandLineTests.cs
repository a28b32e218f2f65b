using DkpFips.Core.Process;
using Xunit;

namespace DkpFips.Core.Tests.Process
{
    public class WindowsCommandLineTests
    {
        [Theory]
        [InlineData("plain", "plain")]
        [InlineData("", "\"\"")]
        [InlineData("a b", "\"a b\"")]
        [InlineData("a\"b", "\"a\\\"b\"")]
        [InlineData("a\\b", "a\\b")]
        [InlineData("a b\\", "\"a b\\\\\"")]
        [InlineData("a\\\"b", "\"a\\\\\\\"b\"")]
        [InlineData("line\nbreak", "\"line\nbreak\"")]
        public void QuotesByTheCRuntimeRules(string argument, string expected)
        {
            Assert.Equal(expected, WindowsCommandLine.Quote(argument));
        }

        // Round trips over random arguments: Properties/WindowsCommandLineProperties.cs.
    }
}
