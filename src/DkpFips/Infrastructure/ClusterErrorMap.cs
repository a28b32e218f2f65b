using System.Management.Automation;
using DkpFips.Core.Cluster;

namespace DkpFips.Infrastructure
{
    /// <summary>The ErrorId and category of each reason a cluster request cannot be planned.</summary>
    internal static class ClusterErrorMap
    {
        public static string ErrorId(ClusterPlanErrorKind kind) => kind switch
        {
            ClusterPlanErrorKind.InvalidClusterName => ErrorIds.InvalidClusterName,
            ClusterPlanErrorKind.ProviderRequired => ErrorIds.ProviderRequired,
            ClusterPlanErrorKind.UnknownProvider => ErrorIds.UnknownProvider,
            ClusterPlanErrorKind.ProviderNotFipsCapable => ErrorIds.ProviderNotFipsCapable,
            ClusterPlanErrorKind.ParameterNotForProvider => ErrorIds.ParameterNotForProvider,
            ClusterPlanErrorKind.MachineImageRequired => ErrorIds.MachineImageRequired,
            ClusterPlanErrorKind.InvalidAmiId => ErrorIds.InvalidAmiId,
            ClusterPlanErrorKind.KubernetesVersionRequired => ErrorIds.KubernetesVersionRequired,
            ClusterPlanErrorKind.InvalidKubernetesVersion => ErrorIds.InvalidKubernetesVersion,
            ClusterPlanErrorKind.FipsBuildNotFound => ErrorIds.FipsBuildNotFound,
            ClusterPlanErrorKind.FipsBuildConflict => ErrorIds.FipsBuildConflict,
            ClusterPlanErrorKind.InvalidEtcdVersion => ErrorIds.InvalidEtcdVersion,
            ClusterPlanErrorKind.InvalidImageRepository => ErrorIds.InvalidImageRepository,
            ClusterPlanErrorKind.FipsFlagOverride => ErrorIds.FipsFlagOverride,
            ClusterPlanErrorKind.ReservedArgument => ErrorIds.ReservedArgument,
            ClusterPlanErrorKind.DuplicateClusterName => ErrorIds.DuplicateClusterName,
            ClusterPlanErrorKind.ProviderNotSupportedByRelease => ErrorIds.ProviderNotSupportedByRelease,
            ClusterPlanErrorKind.SecretNotAllowed => ErrorIds.SecretNotAllowed,
            _ => ErrorIds.InvalidArgument,
        };

        public static ErrorCategory Category(ClusterPlanErrorKind kind) => kind switch
        {
            ClusterPlanErrorKind.FipsBuildNotFound => ErrorCategory.ObjectNotFound,
            ClusterPlanErrorKind.ProviderNotFipsCapable => ErrorCategory.NotImplemented,
            ClusterPlanErrorKind.FipsFlagOverride => ErrorCategory.SecurityError,
            ClusterPlanErrorKind.SecretNotAllowed => ErrorCategory.SecurityError,
            _ => ErrorCategory.InvalidArgument,
        };
    }
}
