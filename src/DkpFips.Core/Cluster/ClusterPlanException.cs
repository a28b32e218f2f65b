using DkpFips.Core.Errors;

namespace DkpFips.Core.Cluster
{
    /// <summary>A cluster request that cannot be planned, with the reason (its kind) and the offending value.</summary>
    public sealed class ClusterPlanException : DkpFipsException
    {
        public ClusterPlanException(ErrorKind kind, string message, object? target = null, string? recommendedAction = null)
            : base(kind, message, target, recommendedAction)
        {
        }
    }
}
