using System;

namespace DkpFips.Core.ImageBuilder
{
    /// <summary>A FIPS image build request that cannot be planned, or a build result that cannot be used.</summary>
    public sealed class KibException : Exception
    {
        public KibException(KibErrorKind kind, string message, object? target = null, string? recommendedAction = null)
            : base(message)
        {
            Kind = kind;
            Target = target;
            RecommendedAction = recommendedAction;
        }

        public KibErrorKind Kind { get; }

        /// <summary>The value at fault (a path, a version, a flag).</summary>
        public object? Target { get; }

        public string? RecommendedAction { get; }
    }
}
