namespace DkpFips.Infrastructure
{
    /// <summary>
    /// Stable ErrorIds: scripts and CI filter on them (FullyQualifiedErrorId), so they never change
    /// once released. New failures get new ids.
    /// </summary>
    internal static class ErrorIds
    {
        public const string InvalidKubernetesVersion = "InvalidKubernetesVersion";
        public const string FipsBuildNotFound = "FipsBuildNotFound";
        public const string CatalogFileInvalid = "CatalogFileInvalid";
        public const string CatalogFileNotFound = "CatalogFileNotFound";

        // New-DkpFipsCluster: a request that cannot be planned (one id per ClusterPlanErrorKind).
        public const string InvalidClusterName = "InvalidClusterName";
        public const string ProviderRequired = "ProviderRequired";
        public const string UnknownProvider = "UnknownProvider";
        public const string ProviderNotFipsCapable = "ProviderNotFipsCapable";
        public const string ParameterNotForProvider = "ParameterNotForProvider";
        public const string MachineImageRequired = "MachineImageRequired";
        public const string InvalidAmiId = "InvalidAmiId";
        public const string KubernetesVersionRequired = "KubernetesVersionRequired";
        public const string FipsBuildConflict = "FipsBuildConflict";
        public const string InvalidEtcdVersion = "InvalidEtcdVersion";
        public const string InvalidImageRepository = "InvalidImageRepository";
        public const string FipsFlagOverride = "FipsFlagOverride";
        public const string ReservedArgument = "ReservedArgument";
        public const string InvalidArgument = "InvalidArgument";

        // New-DkpFipsCluster: batches and runs.
        public const string DuplicateClusterName = "DuplicateClusterName";
        public const string ResumeNeedsJournal = "ResumeNeedsJournal";
        public const string JournalWriteFailed = "JournalWriteFailed";
        public const string DkpNotFound = "DkpNotFound";
        public const string DkpStartFailed = "DkpStartFailed";
        public const string DkpFailed = "DkpFailed";
        public const string DkpTimedOut = "DkpTimedOut";
        public const string DkpCancelled = "DkpCancelled";
        public const string DryRunCheckFailed = "DryRunCheckFailed";
    }
}
