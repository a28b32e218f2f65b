using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Aws;
using DkpFips.Core.Errors;
using DkpFips.Core.Evidence;
using DkpFips.Core.Versioning;
using DkpFips.FakeEc2;
using Xunit;

namespace DkpFips.Core.Tests.Aws
{
    /// <summary>The real AWS SDK EC2 client against the loopback EC2 endpoint.</summary>
    public sealed class AmiVerifierTests : IDisposable
    {
        private const string Secret = "CANARY-SECRET-wJalrXUtnFEMI/K7MDENG/bPxRfiCY";
        private const string Token = "CANARY-TOKEN-FwoGZXIvYXdzEJr//////////wEaDM";
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

        private readonly FakeEc2Server server = new FakeEc2Server();

        public void Dispose() => server.Dispose();

        private AwsConnectionOptions Options(string accessKey = "AKIDEXAMPLE000000001", string? token = null, int chunkSize = 100) => new AwsConnectionOptions
        {
            AccessKey = accessKey,
            SecretKey = Secret,
            SessionToken = token,
            EndpointUrl = server.Url,
            ChunkSize = chunkSize,
        };

        private async Task<IReadOnlyList<AmiOutcome>> Verify(AwsConnectionOptions options, string region, FipsVersion? expected, params string[] ids)
        {
            var verifier = new AmiVerifier(options, () => Now);
            return await verifier.VerifyAsync(ids.Select(id => new AmiRequest(id, region, expected)).ToList(), CancellationToken.None);
        }

        private static CheckResult Check(AmiReport report, string name) => report.Checks.Single(c => c.Name == name);

        [Fact]
        public async Task A_kib_fips_image_with_the_old_tag_form_is_fips_ready()
        {
            var report = (await Verify(Options(), "us-east-1", FipsVersion.Parse("v1.23.7+fips.0"), Fixtures.KibFipsOldTag)).Single().Report!;

            Assert.True(report.IsFipsReady, string.Join("\n", report.Checks));
            Assert.Equal("RHEL 8.4", report.OperatingSystem);
            Assert.Equal("v1.23.7+fips.0", report.KubernetesVersion);
            Assert.Equal(Fixtures.Account, report.Image!.OwnerId);
            Assert.Equal("available", report.Image.State);
            Assert.Equal(AmiCheckNames.All, report.Checks.Select(c => c.Name));
            Assert.Contains("1.23.7-fips.0", Check(report, AmiCheckNames.FipsBuild).Message);
            Assert.Equal(CheckStatus.Passed, Check(report, AmiCheckNames.ExpectedBuild).Status);
        }

        [Fact]
        public async Task A_kib_fips_image_with_the_new_tag_form_is_fips_ready()
        {
            var report = (await Verify(Options(), "eu-central-1", FipsVersion.Parse("1.25.4+fips.0"), Fixtures.KibFipsNewTag)).Single().Report!;

            Assert.True(report.IsFipsReady, string.Join("\n", report.Checks));
            Assert.Equal("RHEL 8.6", report.OperatingSystem);
            Assert.Equal("v1.25.4+fips.0", report.KubernetesVersion);
        }

        [Fact]
        public async Task The_red_hat_base_image_has_a_fips_os_but_is_no_fips_build()
        {
            var report = (await Verify(Options(), "us-east-1", null, Fixtures.RhelBase)).Single().Report!;

            Assert.False(report.IsFipsReady);
            Assert.Equal(Fixtures.RedHatOwner, report.Image!.OwnerId);
            Assert.Equal("Red Hat Enterprise Linux", report.Image.PlatformDetails);
            Assert.Equal(CheckStatus.Passed, Check(report, AmiCheckNames.OperatingSystem).Status);
            Assert.Equal("RHEL 8.4", report.OperatingSystem);
            Assert.Equal(CheckStatus.Failed, Check(report, AmiCheckNames.FipsBuild).Status);
            Assert.Equal(CheckStatus.Skipped, Check(report, AmiCheckNames.ExpectedBuild).Status);
            Assert.Equal(CheckStatus.Passed, Check(report, AmiCheckNames.Ownership).Status);
            Assert.Equal(AmiCheckNames.FipsBuild, report.FirstConcern!.Name);
        }

        [Fact]
        public async Task A_non_fips_kib_image_fails_the_fips_build_check()
        {
            var report = (await Verify(Options(), "us-east-1", null, Fixtures.KibNonFips)).Single().Report!;

            Assert.False(report.IsFipsReady);
            var check = Check(report, AmiCheckNames.FipsBuild);
            Assert.Equal(CheckStatus.Failed, check.Status);
            Assert.Contains("without KIB's FIPS override", check.Message);
            Assert.Equal("v1.23.7", report.KubernetesVersion);
        }

        [Theory]
        [InlineData(Fixtures.Ubuntu, "Ubuntu 22.04")]
        [InlineData(Fixtures.Windows, "Windows")]
        [InlineData(Fixtures.AmazonLinux, "Amazon Linux")]
        [InlineData(Fixtures.Flatcar, "Flatcar")]
        [InlineData(Fixtures.Rocky, "Rocky Linux")]
        public async Task Operating_systems_without_fips_builds_fail_with_the_reason(string imageId, string os)
        {
            var report = (await Verify(Options(), "us-east-1", null, imageId)).Single().Report!;

            Assert.False(report.IsFipsReady);
            var check = Check(report, AmiCheckNames.OperatingSystem);
            Assert.Equal(CheckStatus.Failed, check.Status);
            Assert.StartsWith(os, check.Message);
            Assert.Contains("has no DKP FIPS build", check.Message);
        }

        [Theory]
        [InlineData(Fixtures.CentOsFipsShortId, "CentOS 7.9")]
        [InlineData(Fixtures.OracleFips, "Oracle Linux 7.9")]
        public async Task Centos_and_oracle_linux_fips_images_pass(string imageId, string os)
        {
            var report = (await Verify(Options(), "us-east-1", null, imageId)).Single().Report!;

            Assert.True(report.IsFipsReady, string.Join("\n", report.Checks));
            Assert.Equal(os, report.OperatingSystem);
        }

        [Theory]
        [InlineData(Fixtures.Pending, "The image is pending")]
        [InlineData(Fixtures.Deregistered, "The image is deregistered")]
        [InlineData(Fixtures.Failed, "The image is failed (Client.InternalError: the snapshot could not be created)")]
        public async Task Images_that_are_not_available_fail_naming_the_state(string imageId, string message)
        {
            var report = (await Verify(Options(), "us-east-1", null, imageId)).Single().Report!;

            Assert.False(report.IsFipsReady);
            Assert.Equal(CheckStatus.Failed, Check(report, AmiCheckNames.State).Status);
            Assert.StartsWith(message, Check(report, AmiCheckNames.State).Message);
        }

        [Fact]
        public async Task A_deprecated_image_is_a_warning_not_a_failure()
        {
            var report = (await Verify(Options(), "us-east-1", null, Fixtures.Deprecated)).Single().Report!;

            Assert.True(report.IsFipsReady);
            var check = Check(report, AmiCheckNames.Deprecation);
            Assert.Equal(CheckStatus.Warning, check.Status);
            Assert.Contains("deprecated since 2023-01-01", check.Message);
            Assert.Same(check, report.FirstConcern);
        }

        [Fact]
        public async Task A_public_image_of_an_unknown_owner_is_a_warning()
        {
            var report = (await Verify(Options(), "us-east-1", null, Fixtures.PublicUnknownOwner)).Single().Report!;

            Assert.True(report.IsFipsReady);
            Assert.Equal(CheckStatus.Warning, Check(report, AmiCheckNames.Ownership).Status);
            Assert.Contains("999988887777", Check(report, AmiCheckNames.Ownership).Message);
        }

        [Fact]
        public async Task An_arm64_image_fails_the_architecture_check()
        {
            var report = (await Verify(Options(), "us-east-1", null, Fixtures.Arm64)).Single().Report!;

            Assert.False(report.IsFipsReady);
            Assert.StartsWith("arm64", Check(report, AmiCheckNames.Architecture).Message);
        }

        [Fact]
        public async Task An_image_known_only_by_its_kib_name_is_read_from_the_name()
        {
            var report = (await Verify(Options(), "us-east-1", FipsVersion.Parse("1.23.7+fips.0"), Fixtures.FipsNameOnly)).Single().Report!;

            Assert.True(report.IsFipsReady, string.Join("\n", report.Checks));
            Assert.Contains("from the name", Check(report, AmiCheckNames.FipsBuild).Message);
            Assert.Contains("from the name", Check(report, AmiCheckNames.OperatingSystem).Message);
        }

        [Fact]
        public async Task A_version_mismatch_fails_and_names_both_versions()
        {
            var report = (await Verify(Options(), "us-east-1", FipsVersion.Parse("v1.24.6+fips.0"), Fixtures.KibFipsOldTag)).Single().Report!;

            Assert.False(report.IsFipsReady);
            var check = Check(report, AmiCheckNames.ExpectedBuild);
            Assert.Equal(CheckStatus.Failed, check.Status);
            Assert.Contains("v1.23.7+fips.0", check.Message);
            Assert.Contains("v1.24.6+fips.0", check.Message);
        }

        [Fact]
        public async Task Unknown_ids_are_failed_checks_and_the_others_of_the_call_are_still_described()
        {
            const string unknown1 = "ami-0123456789abcdef0";
            const string unknown2 = "ami-deadbeef";
            var outcomes = await Verify(Options(), "us-east-1", null, Fixtures.KibFipsOldTag, unknown1, Fixtures.Ubuntu, unknown2);

            Assert.All(outcomes, o => Assert.NotNull(o.Report));
            Assert.True(outcomes[0].Report!.IsFipsReady);
            Assert.False(outcomes[2].Report!.IsFipsReady);
            foreach (var missing in new[] { outcomes[1].Report!, outcomes[3].Report! })
            {
                Assert.False(missing.IsFipsReady);
                Assert.Equal(CheckStatus.Failed, Check(missing, AmiCheckNames.Exists).Status);
                Assert.Contains("InvalidAMIID.NotFound", Check(missing, AmiCheckNames.Exists).Message);
                Assert.All(missing.Checks.Skip(1), c => Assert.Equal(CheckStatus.Skipped, c.Status));
                Assert.Null(missing.Image);
            }

            // One failing call naming both unknown ids, then one for the rest.
            Assert.Equal(2, server.Calls.Count);
            Assert.Equal(new[] { Fixtures.KibFipsOldTag, Fixtures.Ubuntu }, server.Calls[1].ImageIds);
        }

        [Fact]
        public async Task Images_exist_per_region()
        {
            var outcomes = await Verify(Options(), "us-west-2", null, Fixtures.RhelBase, Fixtures.KibFipsOldTag);

            Assert.Equal(CheckStatus.Failed, Check(outcomes[0].Report!, AmiCheckNames.Exists).Status);
            Assert.Contains("us-west-2", Check(outcomes[0].Report!, AmiCheckNames.Exists).Message);
            Assert.True(outcomes[1].Report!.IsFipsReady);
            Assert.All(server.Calls, c => Assert.Equal("us-west-2", c.Region));
        }

        [Fact]
        public async Task A_malformed_id_is_a_failed_check_and_the_rest_are_described()
        {
            var outcomes = await Verify(Options(), "us-east-1", null, "ami-XYZ", Fixtures.KibFipsNewTag);

            Assert.Contains("InvalidAMIID.Malformed", Check(outcomes[0].Report!, AmiCheckNames.Exists).Message);
            Assert.True(outcomes[1].Report!.IsFipsReady);
        }

        [Fact]
        public async Task Many_images_over_several_regions_take_one_call_per_region_and_chunk()
        {
            var regions = new[] { "us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2" };
            var requests = Enumerable.Range(0, 250)
                .Select(i => new AmiRequest(Fixtures.GeneratedPrefix + i.ToString("x13"), regions[i % regions.Length], null))
                .ToList();
            var verifier = new AmiVerifier(Options(chunkSize: 20), () => Now);

            var outcomes = await verifier.VerifyAsync(requests, CancellationToken.None);

            Assert.Equal(250, outcomes.Count);
            Assert.All(outcomes, o => Assert.True(o.Report!.IsFipsReady));
            Assert.Equal(requests.Select(r => r.ImageId), outcomes.Select(o => o.Report!.ImageId));
            // 50 images per region in chunks of 20: 3 calls per region.
            Assert.Equal(15, server.Calls.Count);
            Assert.Equal(15, verifier.Calls);
            Assert.All(regions, region => Assert.Equal(3, server.Calls.Count(c => c.Region == region)));
            Assert.True(server.Calls.Max(c => c.ImageIds.Count) <= 20);
            Assert.Equal(5, verifier.Diagnostics.Count);
        }

        [Fact]
        public async Task Regions_are_asked_in_parallel()
        {
            server.LatencyMilliseconds = 300;
            var regions = new[] { "us-east-1", "us-west-2", "eu-west-1", "eu-central-1" };
            var requests = regions.Select(r => new AmiRequest(Fixtures.KibFipsNewTag, r, null)).ToList();

            await new AmiVerifier(Options(), () => Now).VerifyAsync(requests, CancellationToken.None);

            Assert.Equal(4, server.Calls.Count);
            Assert.True(server.MaxConcurrentCalls >= 2, $"at most {server.MaxConcurrentCalls} call(s) were in flight at once");
        }

        [Fact]
        public async Task The_session_token_is_sent_and_the_access_key_signs_the_call()
        {
            await Verify(Options(token: Token), "us-east-1", null, Fixtures.KibFipsOldTag);

            var call = server.Calls.Single();
            Assert.True(call.HasSessionToken);
            Assert.Equal("AKIDEXAMPLE000000001", call.AccessKeyId);
            Assert.Equal("DescribeImages", call.Action);
            Assert.Equal("2016-11-15", call.Version);
        }

        [Fact]
        public async Task Requests_carry_a_valid_sigv4_signature_made_with_the_secret_key()
        {
            var options = Options(Fixtures.SignedKey, Token);
            options.SecretKey = Fixtures.SignedSecret;

            var report = (await Verify(options, "eu-west-1", null, Fixtures.KibFipsNewTag)).Single().Report!;

            Assert.True(report.IsFipsReady);
            Assert.True(server.Calls.Single().SignatureValid);
        }

        [Fact]
        public async Task A_wrong_secret_key_fails_the_signature_and_is_an_auth_failure()
        {
            var options = Options(Fixtures.SignedKey);
            options.SecretKey = "not-the-secret";

            var outcome = (await Verify(options, "eu-west-1", null, Fixtures.KibFipsNewTag)).Single();

            Assert.False(server.Calls.First().SignatureValid);
            Assert.Equal(ErrorKind.AwsAuthFailure, outcome.Failure!.Kind);
        }

        [Fact]
        public async Task Auth_failure_is_permission_denied_for_the_region_and_names_the_permission()
        {
            var outcome = (await Verify(Options(Fixtures.AuthFailureKey, Token), "us-east-1", null, Fixtures.KibFipsOldTag)).Single();

            Assert.Null(outcome.Report);
            Assert.Equal(ErrorKind.AwsAuthFailure, outcome.Failure!.Kind);
            Assert.Equal("AuthFailure", outcome.Failure.ErrorCode);
            Assert.Contains("ec2:DescribeImages", outcome.Failure.Message);
            AssertNoSecret(outcome.Failure);
        }

        [Fact]
        public async Task Unauthorized_operation_names_the_missing_permission()
        {
            var outcome = (await Verify(Options(Fixtures.UnauthorizedKey), "us-east-1", null, Fixtures.KibFipsOldTag)).Single();

            Assert.Equal(ErrorKind.AwsUnauthorized, outcome.Failure!.Kind);
            Assert.Contains("grant the ec2:DescribeImages permission", outcome.Failure.Message);
            AssertNoSecret(outcome.Failure);
        }

        [Fact]
        public async Task Throttling_is_retried_by_the_sdk_then_reported()
        {
            var outcome = (await Verify(Options(Fixtures.ThrottledKey), "us-east-1", null, Fixtures.KibFipsOldTag)).Single();

            Assert.Equal(ErrorKind.AwsThrottled, outcome.Failure!.Kind);
            Assert.Equal("RequestLimitExceeded", outcome.Failure.ErrorCode);
            // Standard retry mode: the first attempt and two retries.
            Assert.Equal(3, server.Calls.Count);
        }

        [Fact]
        public async Task A_dead_endpoint_is_a_connection_error_naming_the_endpoint()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var options = Options();
            options.EndpointUrl = $"http://127.0.0.1:{port}/";

            var outcome = (await Verify(options, "us-east-1", null, Fixtures.KibFipsOldTag)).Single();

            Assert.Equal(ErrorKind.AwsEndpointUnreachable, outcome.Failure!.Kind);
            Assert.Contains($"127.0.0.1:{port}", outcome.Failure.Message);
            AssertNoSecret(outcome.Failure);
        }

        [Fact]
        public async Task A_bad_region_name_fails_its_region_without_a_call()
        {
            var outcomes = await Verify(Options(), "moon-base-1x", null, Fixtures.KibFipsOldTag);

            Assert.Equal(ErrorKind.AwsRegionInvalid, outcomes.Single().Failure!.Kind);
            Assert.Contains("'moon-base-1x' is not an AWS region name", outcomes.Single().Failure!.Message);
            Assert.Empty(server.Calls);
        }

        [Fact]
        public async Task A_failing_region_does_not_stop_the_others()
        {
            var requests = new[]
            {
                new AmiRequest(Fixtures.KibFipsOldTag, "us-east-1", null),
                new AmiRequest(Fixtures.KibFipsOldTag, "not_a_region", null),
            };

            var outcomes = await new AmiVerifier(Options(), () => Now).VerifyAsync(requests, CancellationToken.None);

            Assert.True(outcomes[0].Report!.IsFipsReady);
            Assert.Equal(ErrorKind.AwsRegionInvalid, outcomes[1].Failure!.Kind);
        }

        [Fact]
        public async Task A_missing_secret_key_is_a_configuration_error()
        {
            var options = Options();
            options.SecretKey = null;

            var outcome = (await Verify(options, "us-east-1", null, Fixtures.KibFipsOldTag)).Single();

            Assert.Equal(ErrorKind.AwsConfigurationInvalid, outcome.Failure!.Kind);
            Assert.Empty(server.Calls);
        }

        [Fact]
        public async Task Cancellation_stops_in_flight_calls()
        {
            server.LatencyMilliseconds = 10_000;
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var watch = Stopwatch.StartNew();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new AmiVerifier(Options(), () => Now).VerifyAsync(new[] { new AmiRequest(Fixtures.KibFipsOldTag, "us-east-1", null) }, cancellation.Token));

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        }

        [Fact]
        public void The_fips_endpoint_is_used_when_asked_for()
        {
            var options = new AwsConnectionOptions { AccessKey = "AKIDEXAMPLE000000001", SecretKey = Secret, UseFipsEndpoint = true };
            using var client = Ec2ClientFactory.Create(options, "us-east-1");

            Assert.Equal("https://ec2-fips.us-east-1.amazonaws.com/", Ec2ClientFactory.EndpointOf(client, options));
        }

        [Fact]
        public void The_options_never_print_their_secrets()
        {
            var options = Options(token: Token);

            Assert.DoesNotContain("CANARY", options.ToString());
            Assert.DoesNotContain("CANARY", options.CredentialSource);
        }

        [Fact]
        public async Task Diagnostics_name_the_endpoint_and_never_the_secret()
        {
            var verifier = new AmiVerifier(Options(token: Token), () => Now);
            await verifier.VerifyAsync(new[] { new AmiRequest(Fixtures.KibFipsOldTag, "us-east-1", null) }, CancellationToken.None);

            var line = Assert.Single(verifier.Diagnostics);
            Assert.Contains(server.Url, line);
            Assert.Contains("1 DescribeImages call(s)", line);
            Assert.DoesNotContain("CANARY", line);
        }

        private static void AssertNoSecret(Exception exception)
        {
            for (var e = exception; e is not null; e = e.InnerException)
            {
                Assert.DoesNotContain("CANARY", e.ToString());
            }
        }
    }
}
