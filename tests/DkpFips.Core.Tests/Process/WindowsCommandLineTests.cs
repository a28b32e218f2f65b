using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
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

        [Fact]
        public void GeneratedValuesReachAChildProcessUnchanged()
        {
            // .NET splits ProcessStartInfo.Arguments by the same rules on every OS; printf shows what arrived.
            var values = NastyStrings.Generate(400, seed: 3).ToList();
            var startInfo = new ProcessStartInfo("printf", WindowsCommandLine.Join(new[] { "%s\\0" }.Concat(values)))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                StandardOutputEncoding = new UTF8Encoding(false),
            };
            using var process = System.Diagnostics.Process.Start(startInfo)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var received = output.Split('\0').ToList();
            received.RemoveAt(received.Count - 1);
            Assert.Equal(values, received);
        }
    }
}
