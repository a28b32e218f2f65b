using DkpFips.Core.Errors;

namespace DkpFips.Core.Upgrade
{
    /// <summary>An upgrade that must not run, with the reason (its kind) and the offending value.</summary>
    public sealed class UpgradePlanException : DkpFipsException
    {
        public UpgradePlanException(ErrorKind kind, string message, object? target = null, string? recommendedAction = null)
            : base(kind, message, target, recommendedAction)
        {
        }
    }
}
