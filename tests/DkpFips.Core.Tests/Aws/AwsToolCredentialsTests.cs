using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using DkpFips.Core.Aws;
using DkpFips.Core.Errors;
using DkpFips.Core.Process;
using Xunit;

namespace DkpFips.Core.Tests.Aws
{
    /// <summary>What a tool (dkp, konvoy-image) sees of -AwsCredential, -SessionToken and -ProfileName.</summary>
    public sealed class AwsToolCredentialsTests
    {
        private const string Key = "ASIAEXAMPLE000000001";
        private const string Secret = "CANARY-secret-4d1f";
        private const string Token = "CANARY-token-FwoGZXIvYXdzEJr//////////wEaDH";

        [Fact]
        public void Nothing_given_leaves_the_session_environment_alone()
        {
            var credentials = AwsToolCredentials.Create(null, null, null, null);

            Assert.Same(AwsToolCredentials.Inherited, credentials);
            Assert.Empty(credentials.Environment());
            Assert.StartsWith("this session's environment", credentials.Source);
        }

        [Fact]
        public void A_credential_sets_the_keys_and_removes_an_inherited_session_token()
        {
            var environment = AwsToolCredentials.Create(Key, Secret, null, null).Environment();

            Assert.Equal(Key, environment["AWS_ACCESS_KEY_ID"]);
            Assert.Equal(Secret, environment["AWS_SECRET_ACCESS_KEY"]);
            // A token left in the session would be sent with these keys, and AWS refuses the pair.
            Assert.True(environment.ContainsKey("AWS_SESSION_TOKEN"));
            Assert.Null(environment["AWS_SESSION_TOKEN"]);
            Assert.Null(environment["AWS_SECURITY_TOKEN"]);
            Assert.False(environment.ContainsKey("AWS_PROFILE"));
        }

        [Fact]
        public void A_session_token_goes_with_the_credential()
        {
            var credentials = AwsToolCredentials.Create(Key, Secret, Token, null);
            var environment = credentials.Environment();

            Assert.Equal(Token, environment["AWS_SESSION_TOKEN"]);
            Assert.Equal("-AwsCredential with a session token", credentials.Source);
            Assert.True(credentials.HasSessionToken);
        }

        [Fact]
        public void A_profile_alone_is_AWS_PROFILE_and_inherited_keys_cannot_win_over_it()
        {
            var credentials = AwsToolCredentials.Create(null, null, null, " sso-admin ");
            var environment = credentials.Environment();

            Assert.Equal("sso-admin", environment["AWS_PROFILE"]);
            foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SECURITY_TOKEN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME" })
            {
                Assert.True(environment.ContainsKey(name), name);
                Assert.Null(environment[name]);
            }

            Assert.Equal("profile 'sso-admin'", credentials.Source);
        }

        [Fact]
        public void With_both_the_credential_wins_and_the_profile_gives_the_other_settings()
        {
            var credentials = AwsToolCredentials.Create(Key, Secret, Token, "ci");
            var environment = credentials.Environment();

            Assert.Equal(Key, environment["AWS_ACCESS_KEY_ID"]);
            Assert.Equal(Token, environment["AWS_SESSION_TOKEN"]);
            Assert.Equal("ci", environment["AWS_PROFILE"]);
            Assert.Equal("-AwsCredential with a session token (profile 'ci' for the other settings)", credentials.Source);
        }

        [Theory]
        [InlineData(null, null, Token, null, "-SessionToken needs -AwsCredential (the temporary access key id and secret access key).")]
        [InlineData(null, null, Token, "ci", "-SessionToken needs -AwsCredential (the temporary access key id and secret access key).")]
        [InlineData(Key, "", null, null, "-AwsCredential needs both an access key id (user name) and a secret access key (password).")]
        [InlineData("", Secret, null, null, "-AwsCredential needs both an access key id (user name) and a secret access key (password).")]
        public void Bad_combinations_are_refused_in_Test_FipsAmis_words(string? key, string? secret, string? token, string? profile, string message)
        {
            var ex = Assert.Throws<DkpFipsException>(() => AwsToolCredentials.Create(key, secret, token, profile));

            Assert.Equal(ErrorKind.AwsConfigurationInvalid, ex.Kind);
            Assert.Equal(message, ex.Message);
        }

        [Theory]
        [InlineData("")]
        [InlineData(Token + "\n")]
        [InlineData("CANARY token")]
        [InlineData("CANARY\0token")]
        public void A_token_that_cannot_be_one_is_refused_without_echoing_it(string token)
        {
            var ex = Assert.Throws<DkpFipsException>(() => AwsToolCredentials.Create(Key, Secret, token, null));

            Assert.Equal(ErrorKind.AwsConfigurationInvalid, ex.Kind);
            Assert.DoesNotContain("CANARY", ex.Message);
            Assert.Equal("SessionToken", ex.Target);
        }

        [Theory]
        [InlineData("  ", "it is blank")]
        [InlineData("ci\nAWS_ACCESS_KEY_ID=x", "U+000A (LF)")]
        public void A_profile_name_that_cannot_be_one_is_refused(string profile, string why)
        {
            var ex = Assert.Throws<DkpFipsException>(() => AwsToolCredentials.Create(null, null, null, profile));

            Assert.Equal(ErrorKind.AwsConfigurationInvalid, ex.Kind);
            Assert.Contains(why, ex.Message);
        }

        [Fact]
        public void No_value_appears_in_the_source_or_the_description()
        {
            var credentials = AwsToolCredentials.Create(Key, Secret, Token, "ci");

            foreach (var text in new[] { credentials.Source, credentials.ToString() })
            {
                Assert.DoesNotContain(Secret, text);
                Assert.DoesNotContain(Token, text);
                Assert.DoesNotContain(Key, text);
            }
        }

        [Fact]
        public void A_plan_shows_the_names_set_and_removed_and_masks_the_values()
        {
            var plan = new CommandPlan("dkp", new[] { "create", "cluster", "aws", "--note=" + Token }, AwsToolCredentials.Create(Key, Secret, Token, null).Environment());

            Assert.Equal(new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN" }, plan.EnvironmentNames);
            Assert.Equal(new[] { "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SECURITY_TOKEN" }, plan.RemovedEnvironmentNames);
            Assert.DoesNotContain(Token, plan.ToCommandLine(ShellKind.Bash));
            Assert.Equal("token is ***", plan.Masker.Apply("token is " + Token));
        }

        [Fact]
        public void A_removed_variable_is_not_inherited_by_the_child_and_a_set_one_is()
        {
            var removed = "DKPFIPS_TEST_REMOVED_" + Guid.NewGuid().ToString("N");
            var kept = "DKPFIPS_TEST_KEPT_" + Guid.NewGuid().ToString("N");
            Environment.SetEnvironmentVariable(removed, "inherited-value");
            Environment.SetEnvironmentVariable(kept, "inherited-value");
            try
            {
                var plan = new CommandPlan("sh", new[] { "-c", $"echo \"removed=${{{removed}-unset}} kept=${{{kept}-unset}} set=$DKPFIPS_TEST_SET\"" },
                    new Dictionary<string, string?> { [removed] = null, ["DKPFIPS_TEST_SET"] = "given" });
                var result = ProcessRunner.Run(plan, new ProcessRunOptions { CaptureStandardOutput = true }, CancellationToken.None);

                Assert.Equal(RunStatus.Succeeded, result.Status);
                Assert.Contains("removed=unset kept=inherited-value set=given", result.StandardOutput);
            }
            finally
            {
                Environment.SetEnvironmentVariable(removed, null);
                Environment.SetEnvironmentVariable(kept, null);
            }
        }
    
        [Theory]
        [InlineData("sso-admin", true)]
        [InlineData("ci", true)]
        [InlineData("default", true)]
        [InlineData("profile", false)]
        [InlineData("sso-admn", false)]
        [InlineData("Ci", false)]
        public void A_profile_is_found_in_the_files_the_environment_names_now(string profile, bool found)
        {
            var folder = Path.Combine(Path.GetTempPath(), "dkpfips-profiles-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                File.WriteAllText(Path.Combine(folder, "config"), "[default]\nregion = us-east-1\n\n[profile   sso-admin ]\nsso_start_url = https://example.awsapps.com/start\n");
                File.WriteAllText(Path.Combine(folder, "credentials"), "# keys\n[ci]\naws_access_key_id = AKIDEXAMPLE\n");
                var environment = new Dictionary<string, string?>
                {
                    ["AWS_CONFIG_FILE"] = Path.Combine(folder, "config"),
                    ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(folder, "credentials"),
                };

                var problem = AwsToolCredentials.Create(null, null, null, profile).ProfileProblem(name => environment.TryGetValue(name, out var value) ? value : null);

                if (found)
                {
                    Assert.Null(problem);
                }
                else
                {
                    Assert.Equal($"The AWS profile '{profile}' was not found in the shared config or credentials files ({environment["AWS_CONFIG_FILE"]}, {environment["AWS_SHARED_CREDENTIALS_FILE"]}).", problem);
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public void Missing_shared_files_find_no_profile_and_no_profile_needs_none()
        {
            Func<string, string?> none = name => name.StartsWith("AWS_", StringComparison.Ordinal) ? "/nonexistent/dkpfips/" + name : null;

            Assert.NotNull(AwsToolCredentials.Create(null, null, null, "ci").ProfileProblem(none));
            Assert.Null(AwsToolCredentials.Create(Key, Secret, null, null).ProfileProblem(none));
        }
    }
}
