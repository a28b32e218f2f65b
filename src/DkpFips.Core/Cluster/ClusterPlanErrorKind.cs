namespace DkpFips.Core.Cluster
{
    /// <summary>Why a cluster request cannot become a plan. Each maps to one stable ErrorId.</summary>
    public enum ClusterPlanErrorKind
    {
        InvalidClusterName,
        ProviderRequired,
        UnknownProvider,
        ProviderNotFipsCapable,
        ParameterNotForProvider,
        MachineImageRequired,
        InvalidAmiId,
        KubernetesVersionRequired,
        InvalidKubernetesVersion,
        FipsBuildNotFound,
        FipsBuildConflict,
        InvalidEtcdVersion,
        InvalidImageRepository,
        FipsFlagOverride,
        ReservedArgument,
        InvalidArgument,
        DuplicateClusterName,
        ProviderNotSupportedByRelease,
        SecretNotAllowed,
    }
}
