using System.Management.Automation;
using DkpFips.Core.Upgrade;

namespace DkpFips.Infrastructure
{
    /// <summary>The ErrorId and category of each reason an upgrade is refused.</summary>
    internal static class UpgradeErrorMap
    {
        public static string ErrorId(UpgradeRefusal refusal) => refusal switch
        {
            UpgradeRefusal.KubernetesVersionRequired => ErrorIds.KubernetesVersionRequired,
            UpgradeRefusal.InvalidKubernetesVersion => ErrorIds.InvalidKubernetesVersion,
            UpgradeRefusal.TargetNotFips => ErrorIds.TargetNotFips,
            UpgradeRefusal.TargetNotInCatalog => ErrorIds.TargetNotInCatalog,
            UpgradeRefusal.CurrentVersionUnknown => ErrorIds.CurrentVersionUnknown,
            UpgradeRefusal.ClusterNotFips => ErrorIds.ClusterNotFips,
            UpgradeRefusal.Downgrade => ErrorIds.Downgrade,
            UpgradeRefusal.AlreadyAtTargetVersion => ErrorIds.AlreadyAtTargetVersion,
            UpgradeRefusal.MinorVersionSkip => ErrorIds.MinorVersionSkip,
            UpgradeRefusal.ProviderNotUpgradable => ErrorIds.ProviderNotUpgradable,
            UpgradeRefusal.NodePoolsUnknown => ErrorIds.NodePoolsUnknown,
            UpgradeRefusal.InvalidNodePoolName => ErrorIds.InvalidNodePoolName,
            UpgradeRefusal.ProviderNotSupportedByRelease => ErrorIds.ProviderNotSupportedByRelease,
            _ => ErrorIds.InvalidArgument,
        };

        public static ErrorCategory Category(UpgradeRefusal refusal) => refusal switch
        {
            UpgradeRefusal.TargetNotFips => ErrorCategory.SecurityError,
            UpgradeRefusal.ClusterNotFips => ErrorCategory.InvalidOperation,
            UpgradeRefusal.TargetNotInCatalog => ErrorCategory.ObjectNotFound,
            UpgradeRefusal.Downgrade => ErrorCategory.InvalidOperation,
            UpgradeRefusal.AlreadyAtTargetVersion => ErrorCategory.InvalidOperation,
            UpgradeRefusal.MinorVersionSkip => ErrorCategory.InvalidOperation,
            UpgradeRefusal.ProviderNotUpgradable => ErrorCategory.NotImplemented,
            UpgradeRefusal.CurrentVersionUnknown => ErrorCategory.InvalidArgument,
            _ => ErrorCategory.InvalidArgument,
        };
    }
}
