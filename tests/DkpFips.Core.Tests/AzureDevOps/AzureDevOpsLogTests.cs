using System.Collections.Generic;
using DkpFips.Core.AzureDevOps;
using Xunit;

namespace DkpFips.Core.Tests.AzureDevOps
{
    public class AzureDevOpsLogTests
    {
        [Theory]
        [InlineData("True", true)]
        [InlineData("true", true)]
        [InlineData("False", false)]
        [InlineData(null, false)]
        [InlineData("", false)]
        public void The_agent_is_detected_only_by_TF_BUILD_True(string? value, bool expected)
        {
            var env = new Dictionary<string, string?> { ["TF_BUILD"] = value };
            Assert.Equal(expected, AzureDevOpsLog.IsAgent(name => env.TryGetValue(name, out var v) ? v : null));
        }

        [Fact]
        public void Messages_are_escaped_so_they_cannot_end_or_inject_a_command()
        {
            var line = AzureDevOpsLog.LogIssue(true, "50% done; ]\r\n##vso[task.complete result=Succeeded]", "FipsBuildNotFound");

            Assert.Equal("##vso[task.logissue type=error;code=FipsBuildNotFound;]50%AZP25 done%3B %5D%0D%0A##vso[task.complete result=Succeeded%5D", line);
            Assert.DoesNotContain("\n", line);
        }

        [Fact]
        public void Warnings_groups_and_output_variables_have_their_documented_shapes()
        {
            Assert.Equal("##vso[task.logissue type=warning;]deprecated", AzureDevOpsLog.LogIssue(false, "deprecated"));
            Assert.Equal("##[group]cluster a b", AzureDevOpsLog.BeginGroup("cluster a\nb"));
            Assert.Equal("##vso[task.setvariable variable=kubeconfig;isOutput=true]/tmp/a%3Bb", AzureDevOpsLog.SetOutputVariable("kubeconfig", "/tmp/a;b"));
        }
    }
}
