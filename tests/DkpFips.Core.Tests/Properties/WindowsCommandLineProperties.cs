using System.Diagnostics;
using System.Linq;
using System.Text;
using CsCheck;
using DkpFips.Core.Process;
using Xunit;

namespace DkpFips.Core.Tests.Properties
{
    /// <summary>
    /// Windows has no argv, only one command line that each program splits itself (the C runtime
    /// rules). WindowsCommandLine.Join must survive that split for any arguments: checked by a real
    /// child process, since .NET splits ProcessStartInfo.Arguments by the same rules on every OS.
    /// </summary>
    public sealed class WindowsCommandLineProperties
    {
        // What breaks quoting: quotes, backslash runs (before quotes and at the end), white space,
        // shell metacharacters, non-ASCII. NUL cannot be in any command line and is not generated.
        private static readonly Gen<string> Arguments = Gen.String[Gen.OneOf(
            Gen.Char["\"\\ \t\n'`$%^&|<>!*?;=-"],
            Gen.Char['a', 'z'],
            Gen.Char["é日\u00a0"]), 0, 12];

        [Fact]
        public void Join_then_split_by_the_C_runtime_rules_gives_the_arguments_back()
        {
            Arguments.Array[1, 6].Sample(values =>
            {
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
            }, iter: 150, threads: 1);
        }
    }
}
