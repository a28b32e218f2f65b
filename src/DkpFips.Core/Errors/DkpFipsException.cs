using System;

namespace DkpFips.Core.Errors
{
    /// <summary>
    /// The one shape of an engine failure: what kind it is (the ErrorId users see), the value at
    /// fault and, when the engine knows it, what to do. Each domain throws its own subclass
    /// (a plan, a catalog file, a registry transfer...) so callers can catch by domain, and every
    /// cmdlet turns any of them into an error record the same way.
    /// </summary>
    public class DkpFipsException : Exception
    {
        public DkpFipsException(ErrorKind kind, string message, object? target = null, string? recommendedAction = null, Exception? innerException = null)
            : base(message, innerException)
        {
            Kind = kind;
            Target = target;
            RecommendedAction = recommendedAction;
        }

        /// <summary>What failed; its name is the ErrorId.</summary>
        public ErrorKind Kind { get; }

        /// <summary>The value at fault (a name, a flag, a version, a path), already safe to show.</summary>
        public object? Target { get; }

        /// <summary>What the user can do about it; null when the cmdlet knows better (it names parameters).</summary>
        public string? RecommendedAction { get; }
    }
}
