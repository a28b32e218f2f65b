using System.Diagnostics;
using System.Linq;
using System.Text;
using DkpFips.Core.Process;
using Xunit;

namespace DkpFips.Core.Tests.Process
{
    public class ShellQuotingTests
    {
        [Fact]
        public void BashLineReparsesToTheSameArguments()
        {
            var values = NastyStrings.Generate(400, seed: 5).ToList();
            var line = ShellQuoting.Format(ShellKind.Bash, "printf", new[] { "%s\\0" }.Concat(values));
            var startInfo = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true, StandardOutputEncoding = new UTF8Encoding(false) };
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add(line);
            using var process = System.Diagnostics.Process.Start(startInfo)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var received = output.Split('\0').ToList();
            received.RemoveAt(received.Count - 1);
            Assert.Equal(values, received);
        }

        [Theory]
        [InlineData("--kubernetes-version=v1.23.7+fips.0", "--kubernetes-version=v1.23.7+fips.0")]
        [InlineData("it's", "'it''s'")]
        [InlineData("a\u2019b", "'a\u2019\u2019b'")]
        [InlineData("$(rm -rf /)", "'$(rm -rf /)'")]
        [InlineData("@splat", "'@splat'")]
        [InlineData("-single", "'-single'")]
        [InlineData("--%", "'--%'")]
        [InlineData("", "''")]
        public void PwshQuotesWhatPowerShellWouldInterpret(string argument, string expected)
        {
            Assert.Equal(expected, ShellQuoting.QuotePwsh(argument));
        }

        [Fact]
        public void PwshExecutableWithSpacesIsCalledWithTheCallOperator()
        {
            Assert.Equal("& '/opt/my tools/dkp' create", ShellQuoting.Format(ShellKind.Pwsh, "/opt/my tools/dkp", new[] { "create" }));
        }

        [Theory]
        [InlineData("plain", "plain")]
        [InlineData("a&b", "a^&b")]
        [InlineData("a b", "^\"a b^\"")]
        [InlineData("%PATH%", "^%PATH^%")]
        public void CmdEscapesMetacharacters(string argument, string expected)
        {
            Assert.Equal(expected, ShellQuoting.QuoteCmd(argument));
        }
    }
}
