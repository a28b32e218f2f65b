using System;

namespace DkpFips.Core.Cluster
{
    /// <summary>A cluster request that cannot be planned, with the reason and the offending value.</summary>
    public sealed class ClusterPlanException : Exception
    {
        public ClusterPlanException(ClusterPlanErrorKind kind, string message, object? target = null, string? recommendedAction = null)
            : base(message)
        {
            Kind = kind;
            Target = target;
            RecommendedAction = recommendedAction;
        }

        public ClusterPlanErrorKind Kind { get; }

        /// <summary>The value at fault (a name, a flag, a version).</summary>
        public object? Target { get; }

        public string? RecommendedAction { get; }
    }
}
