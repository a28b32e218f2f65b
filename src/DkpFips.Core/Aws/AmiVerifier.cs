using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Aws
{
    /// <summary>
    /// Tests AMIs for FIPS fitness: groups the requests per region, asks every region at once
    /// (batched DescribeImages calls per region), then assesses each image. Outcomes come back
    /// in request order; a region whose calls failed gives its requests that failure.
    /// </summary>
    public sealed class AmiVerifier
    {
        private readonly AwsConnectionOptions options;
        private readonly Func<DateTimeOffset> clock;

        public AmiVerifier(AwsConnectionOptions options, Func<DateTimeOffset>? clock = null)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            this.clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>One line per region: endpoint, images, calls. Never credentials.</summary>
        public List<string> Diagnostics { get; } = new List<string>();

        /// <summary>DescribeImages calls made by the last run, over all regions.</summary>
        public int Calls { get; private set; }

        public async Task<IReadOnlyList<AmiOutcome>> VerifyAsync(IReadOnlyList<AmiRequest> requests, CancellationToken cancellationToken)
        {
            if (requests is null)
            {
                throw new ArgumentNullException(nameof(requests));
            }

            var credentials = new SharedCredentials(options);
            var regions = requests.GroupBy(r => r.Region, StringComparer.Ordinal)
                .Select(g => Task.Run(() => FetchRegionAsync(g.Key, g.Select(r => r.ImageId).ToList(), credentials, cancellationToken), cancellationToken))
                .ToList();
            var sets = (await Task.WhenAll(regions).ConfigureAwait(false)).ToDictionary(s => s.Region, StringComparer.Ordinal);

            Calls = sets.Values.Sum(s => s.Calls);
            foreach (var set in sets.Values.OrderBy(s => s.Region, StringComparer.Ordinal))
            {
                Diagnostics.Add(set.Failure is null
                    ? $"{set.Region}: {set.Images.Count} image(s) described, {set.Missing.Count} not found, in {set.Calls} DescribeImages call(s) to {set.Endpoint} using {options.CredentialSource} ({set.Elapsed.TotalMilliseconds:0} ms)."
                    : $"{set.Region}: DescribeImages to {set.Endpoint} failed after {set.Calls} call(s): {set.Failure.Kind}.");
            }

            var now = clock();
            return requests.Select(request => Outcome(request, sets[request.Region], now)).ToList();
        }

        private static AmiOutcome Outcome(AmiRequest request, RegionImageSet set, DateTimeOffset now)
        {
            if (set.Images.TryGetValue(request.ImageId, out var image))
            {
                return new AmiOutcome(request, AmiAssessor.Assess(image, request.Region, request.Expected, now, request.Build, request.Force), null);
            }

            if (set.Missing.TryGetValue(request.ImageId, out var reason))
            {
                return new AmiOutcome(request, AmiAssessor.NotDescribed(request.ImageId, request.Region, reason), null);
            }

            return new AmiOutcome(request, null, set.Failure
                ?? new AwsApiException(ErrorKind.AwsRequestFailed, $"EC2 in {request.Region} did not answer for {request.ImageId}.", request.Region, set.Endpoint));
        }

        private AwsApiException TimedOut(string region, string endpoint) =>
            new AwsApiException(ErrorKind.AwsTimeout,
                $"The EC2 endpoint {endpoint} for {region} did not answer DescribeImages within {options.Timeout.TotalSeconds:0.#} s (-TimeoutSec).", region, endpoint);

        private async Task<RegionImageSet> FetchRegionAsync(string region, List<string> ids, SharedCredentials credentials, CancellationToken cancellationToken)
        {
            var endpoint = Process.UrlUserInfo.Mask(options.EndpointUrl ?? "the EC2 endpoint of " + region);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                AwsRegions.Validate(region);
                using var client = Ec2ClientFactory.Create(options, region, credentials.Get());
                endpoint = Ec2ClientFactory.EndpointOf(client, options);
                // One deadline for the region's whole read, headers and body, retries included.
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(options.Timeout);
                var set = await new Ec2ImageFetcher(client, region, endpoint, options.ChunkSize).FetchAsync(ids, deadline.Token).ConfigureAwait(false);
                set.Elapsed = watch.Elapsed;
                if (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested && set.Failure?.Kind == ErrorKind.AwsEndpointUnreachable)
                {
                    set.Failure = TimedOut(region, endpoint);
                }

                return set;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException)
            {
                return new RegionImageSet(region, endpoint) { Failure = TimedOut(region, endpoint) };
            }
            catch (Exception exception)
            {
                return new RegionImageSet(region, endpoint) { Failure = AwsErrorTranslator.Translate(exception, region, endpoint) };
            }
        }
    }
}
