namespace DkpFips.Core.Aws
{
    /// <summary>The answer for one request: a report, or the failure of its region's API calls.</summary>
    public sealed class AmiOutcome
    {
        public AmiOutcome(AmiRequest request, AmiReport? report, AwsApiException? failure)
        {
            Request = request;
            Report = report;
            Failure = failure;
        }

        public AmiRequest Request { get; }

        public AmiReport? Report { get; }

        /// <summary>Shared by every request of a region whose calls failed.</summary>
        public AwsApiException? Failure { get; }
    }
}
