using System.IO;
using DkpFips.Infrastructure;
using Xunit;

namespace DkpFips.Core.Tests.Module
{
    /// <summary>
    /// The Windows PowerShell 5.1 resolver answers only DkpFips' own requests for DkpFips' own
    /// files: another module asking for YamlDotNet must never be handed DkpFips' private copy.
    /// </summary>
    public sealed class DependencyRequestPolicyTests
    {
        private static readonly string ModuleDirectory = Path.Combine(Path.GetTempPath(), "Modules", "DkpFips", "0.1.0");
        private static readonly string Dependencies = Path.Combine(ModuleDirectory, "dependencies");
        private static readonly string ModuleAssembly = Path.Combine(ModuleDirectory, "DkpFips.dll");

        private static DependencyRequestPolicy Policy() => new DependencyRequestPolicy(
            ModuleAssembly,
            Dependencies,
            new[] { Path.Combine(Dependencies, "DkpFips.Core.dll"), Path.Combine(Dependencies, "YamlDotNet.dll"), Path.Combine(Dependencies, "README.txt") });

        [Fact]
        public void Answers_the_cmdlet_assembly_asking_for_a_dependency()
        {
            Assert.Equal(Path.Combine(Dependencies, "DkpFips.Core.dll"), Policy().FileToAnswer("DkpFips.Core", ModuleAssembly));
        }

        [Fact]
        public void Answers_a_dependency_asking_for_another()
        {
            Assert.Equal(Path.Combine(Dependencies, "YamlDotNet.dll"), Policy().FileToAnswer("yamldotnet", Path.Combine(Dependencies, "DkpFips.Core.dll")));
        }

        [Theory]
        [InlineData("Modules/powershell-yaml/0.4.7/lib/netstandard2.0/PowerShellYaml.dll")]
        [InlineData("Modules/DkpFips/0.1.0/dependencies/sub/Evil.dll")]
        [InlineData("Modules/DkpFips/0.1.0/dependencies-other/Other.dll")]
        [InlineData("Modules/DkpFips/0.1.0/DkpFips.LoadContext.dll")]
        public void Refuses_other_assemblies_asking_for_a_dependency(string requester)
        {
            var requesterPath = Path.Combine(Path.GetTempPath(), requester.Replace('/', Path.DirectorySeparatorChar));
            Assert.Null(Policy().FileToAnswer("YamlDotNet", requesterPath));
        }

        [Fact]
        public void Refuses_an_in_memory_requester()
        {
            Assert.Null(Policy().FileToAnswer("YamlDotNet", string.Empty));
        }

        [Fact]
        public void Refuses_names_that_are_not_dependency_assemblies()
        {
            Assert.Null(Policy().FileToAnswer("Newtonsoft.Json", ModuleAssembly));
            Assert.Null(Policy().FileToAnswer("README", ModuleAssembly));
            Assert.Null(Policy().FileToAnswer(string.Empty, ModuleAssembly));
        }

        [Fact]
        public void A_request_without_a_requester_is_judged_by_name()
        {
            Assert.NotNull(Policy().FileToAnswer("DkpFips.Core", null));
            Assert.Null(Policy().FileToAnswer("Newtonsoft.Json", null));
        }
    }
}
