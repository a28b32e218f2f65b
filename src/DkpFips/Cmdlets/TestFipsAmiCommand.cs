using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using DkpFips.Completion;
using DkpFips.Core.Aws;
using DkpFips.Core.Catalog;
using DkpFips.Core.Errors;
using DkpFips.Core.Versioning;
using DkpFips.Infrastructure;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Tests through the EC2 API whether AMIs can carry a FIPS cluster.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "FipsAmi", DefaultParameterSetName = ByVersion, HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/Test-FipsAmi.md")]
    [OutputType(typeof(FipsAmiReport), typeof(bool))]
    public sealed class TestFipsAmiCommand : DkpFipsCmdlet
    {
        private const string ByVersion = "ByKubernetesVersion";
        private const string ByBuild = "ByFipsBuild";

        private readonly List<Pending> pending = new List<Pending>();
        private FipsCatalog? catalog;
        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>AMI ids: ami- and 8 or 17 lowercase hexadecimal digits.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("AmiId", "Ami")]
        [ValidateAmiId]
        public string[] ImageId { get; set; } = Array.Empty<string>();

        /// <summary>The region of the images; else AWS_REGION, AWS_DEFAULT_REGION or the profile's region.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AwsRegionCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Region { get; set; }

        /// <summary>The Kubernetes version the cluster will run; the image must carry it.</summary>
        [Parameter(ParameterSetName = ByVersion, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(KubernetesVersionCompleter))]
        [VersionText(Scalar = true)]
        [ValidateNotNullOrEmpty]
        public string? KubernetesVersion { get; set; }

        /// <summary>The FIPS build (from Get-FipsBuild) the cluster will run; the image must carry its Kubernetes version.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByBuild, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public FipsBuild? FipsBuild { get; set; }

        /// <summary>A profile of the shared credentials/config files.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProfileName { get; set; }

        /// <summary>AWS credentials as everywhere in DkpFips: user name the access key id, password the secret access key.</summary>
        [Parameter]
        [Credential]
        public PSCredential? AwsCredential { get; set; }

        /// <summary>A session token of temporary credentials: a SecureString, or plain text.</summary>
        [Parameter]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString? SessionToken { get; set; }

        /// <summary>A custom EC2 endpoint: a VPC endpoint, a FIPS endpoint, a local test server.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? EndpointUrl { get; set; }

        /// <summary>Use EC2's FIPS endpoints (also on when AWS_USE_FIPS_ENDPOINT is true).</summary>
        [Parameter]
        public SwitchParameter UseFipsEndpoint { get; set; }

        /// <summary>An image OS the build's release does not list for aws is a warning instead of a failure.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Seconds allowed for each region's DescribeImages calls as a whole (headers, body and retries).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 60;

        /// <summary>Only $true or $false per image.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void BeginProcessing()
        {
            // The same rules and words as the cmdlets that run AWS tools (one home: AwsToolCredentials).
            try
            {
                _ = CheckedAwsCredentials(AwsCredential, SessionToken, ProfileName);
            }
            catch (DkpFipsException ex)
            {
                ThrowTerminatingError(new ArgumentException(ex.Message, ex), ex.Kind, null);
            }

            if (EndpointUrl is not null && !(Uri.TryCreate(EndpointUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            {
                ThrowTerminatingError(new ArgumentException($"-EndpointUrl '{Core.Process.UrlUserInfo.Mask(EndpointUrl)}' is not an http or https URL."),
                    ErrorKind.AwsConfigurationInvalid, Core.Process.UrlUserInfo.Mask(EndpointUrl));
            }
        }

        protected override void ProcessRecord()
        {
            FipsVersion? expected = null;
            FipsBuildDefinition? build = null;
            if (FipsBuild is not null)
            {
                expected = FipsBuild.Definition.KubernetesVersion;
                build = FipsBuild.Definition;
            }
            else if (KubernetesVersion is not null && (expected = ParseVersionOrWriteError(KubernetesVersion)) is null)
            {
                return;
            }

            // The release of the expected version says which operating systems it supports on aws.
            if (build is null && expected is not null)
            {
                catalog ??= LoadCatalog(null);
                build = catalog.Select(expected);
            }

            foreach (var id in ImageId)
            {
                var key = id + "|" + Region?.Trim().ToLowerInvariant() + "|" + expected;
                if (seen.Add(key))
                {
                    pending.Add(new Pending(id, Region?.Trim().ToLowerInvariant(), expected, build));
                }
            }
        }

        protected override void EndProcessing()
        {
            if (pending.Count == 0)
            {
                return;
            }

            string? defaultRegion = null;
            if (pending.Any(p => p.Region is null))
            {
                defaultRegion = AwsRegions.ResolveDefault(ProfileName, Environment.GetEnvironmentVariable);
                if (defaultRegion is null)
                {
                    ThrowTerminatingError(
                        new ArgumentException("No AWS region: give -Region, set AWS_REGION or AWS_DEFAULT_REGION, or set a region in the AWS profile."),
                        ErrorKind.AwsRegionMissing, null);
                }

                WriteVerbose($"Region {defaultRegion} from the environment or profile.");
            }

            var requests = pending.Select(p => new AmiRequest(p.ImageId, p.Region ?? defaultRegion!, p.Expected, p.Build, Force)).ToList();
            foreach (var region in requests.Select(r => r.Region).Distinct(StringComparer.Ordinal))
            {
                if (EndpointUrl is null && AwsRegions.IsWellFormed(region) && !AwsRegions.IsKnown(region))
                {
                    WriteWarning($"The AWS SDK does not list the region '{region}'; the call may not reach an endpoint.");
                }
            }

            var options = BuildOptions();
            if (options.UseFipsEndpoint && EndpointUrl is not null)
            {
                WriteVerbose("-EndpointUrl names the endpoint; to reach a FIPS endpoint through it, give its FIPS URL (e.g. https://ec2-fips.us-east-1.amazonaws.com).");
                options.UseFipsEndpoint = false;
            }
            else if (options.UseFipsEndpoint && AwsConnectionOptions.EnvironmentEndpoint(Environment.GetEnvironmentVariable) is { } fromEnvironment)
            {
                // The SDK refuses "FIPS and custom endpoint" together; the named endpoint wins, as with -EndpointUrl.
                WriteWarning($"{fromEnvironment.Variable} names the EC2 endpoint ({fromEnvironment.Url}), so the SDK's FIPS endpoints are not used; to reach a FIPS endpoint, name its FIPS URL there (e.g. https://ec2-fips.us-east-1.amazonaws.com).");
                options.UseFipsEndpoint = false;
            }

            WriteVerbose($"Testing {requests.Count} image(s) in {requests.Select(r => r.Region).Distinct().Count()} region(s) with batched DescribeImages calls, using {options.CredentialSource}{(options.UseFipsEndpoint ? ", FIPS endpoints" : string.Empty)}.");

            var verifier = new AmiVerifier(options);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            IReadOnlyList<AmiOutcome> outcomes;
            try
            {
                outcomes = verifier.VerifyAsync(requests, CancellationToken).GetAwaiter().GetResult();
                WriteVerbose($"{verifier.Calls} DescribeImages call(s) and {requests.Count} assessment(s) in {watch.Elapsed.TotalMilliseconds:0} ms.");
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                options.SecretKey = null;
                options.SessionToken = null;
            }

            foreach (var line in verifier.Diagnostics)
            {
                WriteVerbose(line);
            }

            var reported = new HashSet<AwsApiException>();
            foreach (var outcome in outcomes)
            {
                if (outcome.Report is not null)
                {
                    var output = new FipsAmiReport(outcome.Report, outcome.Request.Expected?.ToKubernetesFlag());
                    ReportFailedChecks(output);
                    WriteObject(Quiet ? (object)output.IsFipsReady : output);
                }
                else if (outcome.Failure is not null && reported.Add(outcome.Failure))
                {
                    WriteFailure(outcome.Failure, outcomes.Where(o => ReferenceEquals(o.Failure, outcome.Failure)).Select(o => o.Request.ImageId).ToList());
                }
            }
        }

        private AwsConnectionOptions BuildOptions() => new AwsConnectionOptions
        {
            ProfileName = ProfileName,
            AccessKey = HasAwsCredential ? AwsCredential!.UserName : null,
            SecretKey = HasAwsCredential ? Reveal(AwsCredential!.Password) : null,
            SessionToken = Reveal(SessionToken),
            EndpointUrl = EndpointUrl,
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            UseFipsEndpoint = UseFipsEndpoint.IsPresent
                || string.Equals(Environment.GetEnvironmentVariable(AwsConnectionOptions.UseFipsEndpointVariable), "true", StringComparison.OrdinalIgnoreCase),
        };

        private void WriteFailure(AwsApiException failure, IReadOnlyList<string> imageIds)
        {
            var images = imageIds.Count <= 5 ? string.Join(", ", imageIds) : string.Join(", ", imageIds.Take(5)) + $" and {imageIds.Count - 5} more";
            var exception = new AwsApiException(failure.Kind, $"{failure.Message} Images not tested: {images}.", failure.Region, failure.Endpoint, failure.ErrorCode, failure, failure.RecommendedAction);
            WriteError(exception);
        }

        private bool HasAwsCredential => AwsCredential is not null && AwsCredential != PSCredential.Empty;

        private sealed class Pending
        {
            public Pending(string imageId, string? region, FipsVersion? expected, FipsBuildDefinition? build)
            {
                ImageId = imageId;
                Region = region;
                Expected = expected;
                Build = build;
            }

            public FipsBuildDefinition? Build { get; }

            public string ImageId { get; }

            public string? Region { get; }

            public FipsVersion? Expected { get; }
        }
    }
}
