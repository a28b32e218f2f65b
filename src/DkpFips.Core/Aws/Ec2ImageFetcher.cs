using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Aws
{
    /// <summary>
    /// Describes the images of one region in batched DescribeImages calls (chunks of ids), never
    /// one call per image. EC2 fails a whole call when one id is unknown or malformed
    /// (InvalidAMIID.NotFound / .Malformed, naming the ids): those ids are set aside and the
    /// call repeated for the rest; if the message names none of them, the chunk is split.
    /// </summary>
    internal sealed class Ec2ImageFetcher
    {
        public const string NotFoundCode = "InvalidAMIID.NotFound";
        public const string MalformedCode = "InvalidAMIID.Malformed";
        public const string UnavailableCode = "InvalidAMIID.Unavailable";

        private readonly IAmazonEC2 client;
        private readonly RegionImageSet result;
        private readonly int chunkSize;

        public Ec2ImageFetcher(IAmazonEC2 client, string region, string endpoint, int chunkSize)
        {
            this.client = client;
            this.chunkSize = Math.Max(1, chunkSize);
            result = new RegionImageSet(region, endpoint);
        }

        public async Task<RegionImageSet> FetchAsync(IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken)
        {
            try
            {
                foreach (var chunk in Chunk(imageIds.Distinct(StringComparer.Ordinal).ToList(), chunkSize))
                {
                    await DescribeAsync(chunk, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (AwsApiException exception)
            {
                result.Failure = exception;
            }
            catch (Exception exception)
            {
                result.Failure = AwsErrorTranslator.Translate(exception, result.Region, result.Endpoint);
            }

            return result;
        }

        private async Task DescribeAsync(List<string> ids, CancellationToken cancellationToken)
        {
            var pending = ids;
            while (pending.Count > 0)
            {
                DescribeImagesResponse response;
                try
                {
                    result.Calls++;
                    response = await client.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = pending }, cancellationToken).ConfigureAwait(false);
                }
                catch (AmazonEC2Exception e) when (e.ErrorCode == NotFoundCode || e.ErrorCode == MalformedCode || e.ErrorCode == UnavailableCode)
                {
                    var named = IdsNamedIn(e.Message, pending);
                    if (named.Count == 0)
                    {
                        if (pending.Count == 1)
                        {
                            result.Missing[pending[0]] = Reason(e.ErrorCode, pending[0]);
                            return;
                        }

                        // The message names none of our ids: halve the batch until it does.
                        var half = pending.Count / 2;
                        await DescribeAsync(pending.GetRange(0, half), cancellationToken).ConfigureAwait(false);
                        await DescribeAsync(pending.GetRange(half, pending.Count - half), cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    foreach (var id in named)
                    {
                        result.Missing[id] = Reason(e.ErrorCode, id);
                    }

                    pending = pending.Where(id => !named.Contains(id)).ToList();
                    continue;
                }

                // Every EC2 Query API answer carries a requestId; an HTML page or a proxy's page
                // parses as an empty answer, which must not read as "no such image".
                if (string.IsNullOrEmpty(response.ResponseMetadata?.RequestId))
                {
                    throw new AwsApiException(ErrorKind.AwsRequestFailed,
                        $"The endpoint {result.Endpoint} did not return an EC2 response to DescribeImages in {result.Region} (no requestId; an HTML page, a proxy or a different service?).",
                        result.Region, result.Endpoint, recommendedAction: AwsApiException.NotAnEc2ResponseAction);
                }

                foreach (var image in response.Images ?? new List<Image>())
                {
                    if (image?.ImageId is not null)
                    {
                        result.Images[image.ImageId] = AmiImageMapper.From(image);
                    }
                }

                foreach (var id in pending.Where(id => !result.Images.ContainsKey(id)))
                {
                    result.Missing[id] = Reason(NotFoundCode, id);
                }

                return;
            }
        }

        private string Reason(string code, string id) => code switch
        {
            MalformedCode => $"EC2 in {result.Region} says {id} is not a well-formed image id ({code}).",
            UnavailableCode => $"EC2 in {result.Region} says {id} is unavailable ({code}).",
            _ => $"{id} does not exist in {result.Region}, or is not shared with this account ({code}).",
        };

        /// <summary>The requested ids that a message names (each as a whole id, not a prefix of a longer one).</summary>
        internal static HashSet<string> IdsNamedIn(string? message, IEnumerable<string> requested)
        {
            var named = new HashSet<string>(StringComparer.Ordinal);
            if (string.IsNullOrEmpty(message))
            {
                return named;
            }

            foreach (var id in requested)
            {
                if (Regex.IsMatch(message, "(?<![A-Za-z0-9-])" + Regex.Escape(id) + "(?![A-Za-z0-9])", RegexOptions.CultureInvariant))
                {
                    named.Add(id);
                }
            }

            return named;
        }

        private static IEnumerable<List<string>> Chunk(List<string> ids, int size)
        {
            for (var i = 0; i < ids.Count; i += size)
            {
                yield return ids.GetRange(i, Math.Min(size, ids.Count - i));
            }
        }
    }
}
