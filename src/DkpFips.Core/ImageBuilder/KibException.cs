using DkpFips.Core.Errors;

namespace DkpFips.Core.ImageBuilder
{
    /// <summary>A FIPS image build request that cannot be planned, or a build result that cannot be used.</summary>
    public sealed class KibException : DkpFipsException
    {
        public KibException(ErrorKind kind, string message, object? target = null, string? recommendedAction = null)
            : base(kind, message, target, recommendedAction)
        {
        }
    }
}
