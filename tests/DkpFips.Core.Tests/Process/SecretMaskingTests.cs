using System.Collections.Generic;
using DkpFips.Core.Process;
using Xunit;

namespace DkpFips.Core.Tests.Process
{
    public class SecretMaskingTests
    {
        [Fact]
        public void MasksSecretFlagValuesInBothForms()
        {
            var found = new List<string>();
            var masked = SecretArguments.MaskArguments(new[] { "--registry-mirror-password=s3cret", "--registry-mirror-password", "other", "--token", "t0k", "--region=us-east-1" }, found);
            Assert.Equal(new[] { "--registry-mirror-password=***", "--registry-mirror-password", "***", "--token", "***", "--region=us-east-1" }, masked);
            Assert.Equal(new[] { "s3cret", "other", "t0k" }, found);
        }

        [Fact]
        public void PlanMasksArgumentsEnvironmentSecretsAndOutput()
        {
            var plan = new CommandPlan("dkp", new[] { "--registry-mirror-password=pw-canary" },
                new Dictionary<string, string?> { ["AWS_SECRET_ACCESS_KEY"] = "aws-canary", ["AWS_REGION"] = "us-west-2" });
            Assert.DoesNotContain("pw-canary", plan.ToCommandLine(ShellKind.Bash));
            Assert.Equal("key *** and ***, region us-west-2", plan.Masker.Apply("key aws-canary and pw-canary, region us-west-2"));
            Assert.Equal(new[] { "AWS_REGION", "AWS_SECRET_ACCESS_KEY" }, plan.EnvironmentNames);
        }
    }
}
