using System;

namespace DkpFips.Core.Upgrade
{
    /// <summary>Why an upgrade is refused. Each maps to one stable ErrorId.</summary>
    public enum UpgradeRefusal
    {
        KubernetesVersionRequired,
        InvalidKubernetesVersion,
        TargetNotFips,
        TargetNotInCatalog,
        CurrentVersionUnknown,
        ClusterNotFips,
        Downgrade,
        AlreadyAtTargetVersion,
        MinorVersionSkip,
        ProviderNotUpgradable,
        NodePoolsUnknown,
        InvalidNodePoolName,
        ProviderNotSupportedByRelease,
        InvalidArgument,
    }

    /// <summary>An upgrade that must not run, with the reason and the offending value.</summary>
    public sealed class UpgradePlanException : Exception
    {
        public UpgradePlanException(UpgradeRefusal refusal, string message, object? target = null, string? recommendedAction = null)
            : base(message)
        {
            Refusal = refusal;
            Target = target;
            RecommendedAction = recommendedAction;
        }

        public UpgradeRefusal Refusal { get; }

        public object? Target { get; }

        public string? RecommendedAction { get; }
    }
}
