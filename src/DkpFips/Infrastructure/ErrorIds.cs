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
        public const string InvalidRegistry = "InvalidRegistry";
        public const string InsecureRegistry = "InsecureRegistry";
        public const string InvalidBuildRepository = "InvalidBuildRepository";
        public const string RegistryUnauthorized = "RegistryUnauthorized";
        public const string RegistryRequestFailed = "RegistryRequestFailed";

        // Test-DkpFipsCluster
        public const string RequiresPowerShell7 = "RequiresPowerShell7";
        public const string InvalidExpectedBuild = "InvalidExpectedBuild";
        public const string ManagementClusterNameMissing = "ManagementClusterNameMissing";
        public const string KubeconfigInvalid = "KubeconfigInvalid";
        public const string ClusterUnreachable = "ClusterUnreachable";
        public const string ClusterTlsFailure = "ClusterTlsFailure";
        public const string ClusterUnauthorized = "ClusterUnauthorized";
        public const string ClusterPermissionDenied = "ClusterPermissionDenied";
        public const string ClusterApiNotInstalled = "ClusterApiNotInstalled";
        public const string ClusterObjectNotFound = "ClusterObjectNotFound";
        public const string ClusterTimeout = "ClusterTimeout";
        public const string ClusterReadFailed = "ClusterReadFailed";

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

        // Test-FipsAmi
        public const string AwsAuthFailure = "AwsAuthFailure";
        public const string AwsUnauthorized = "AwsUnauthorized";
        public const string AwsThrottled = "AwsThrottled";
        public const string AwsEndpointUnreachable = "AwsEndpointUnreachable";
        public const string AwsRegionInvalid = "AwsRegionInvalid";
        public const string AwsRegionMissing = "AwsRegionMissing";
        public const string AwsCredentialsNotFound = "AwsCredentialsNotFound";
        public const string AwsConfigurationInvalid = "AwsConfigurationInvalid";
        public const string AwsRequestFailed = "AwsRequestFailed";
        // New-FipsAmi: an image build that cannot be planned, run or used.
        public const string UnknownPlatform = "UnknownPlatform";
        public const string ImageDefinitionRequired = "ImageDefinitionRequired";
        public const string UnknownOperatingSystem = "UnknownOperatingSystem";
        public const string OperatingSystemNotFipsCapable = "OperatingSystemNotFipsCapable";
        public const string ParameterNotForPlatform = "ParameterNotForPlatform";
        public const string SourceAmiConflict = "SourceAmiConflict";
        public const string KibNotFound = "KibNotFound";
        public const string KibStartFailed = "KibStartFailed";
        public const string KibFailed = "KibFailed";
        public const string KibTimedOut = "KibTimedOut";
        public const string KibCancelled = "KibCancelled";
        public const string PackerManifestNotFound = "PackerManifestNotFound";
        public const string PackerManifestInvalid = "PackerManifestInvalid";
        public const string NoImageBuilt = "NoImageBuilt";
        public const string ImageNotFips = "ImageNotFips";
        public const string ImageVersionMismatch = "ImageVersionMismatch";
        // Update-DkpFipsCluster: refusals (one id per UpgradeRefusal) and runs.
        public const string TargetNotFips = "TargetNotFips";
        public const string TargetNotInCatalog = "TargetNotInCatalog";
        public const string CurrentVersionUnknown = "CurrentVersionUnknown";
        public const string ClusterNotFips = "ClusterNotFips";
        public const string Downgrade = "Downgrade";
        public const string AlreadyAtTargetVersion = "AlreadyAtTargetVersion";
        public const string MinorVersionSkip = "MinorVersionSkip";
        public const string ProviderNotUpgradable = "ProviderNotUpgradable";
        public const string NodePoolsUnknown = "NodePoolsUnknown";
        public const string InvalidNodePoolName = "InvalidNodePoolName";
        public const string KubectlNotFound = "KubectlNotFound";
        public const string KubeProxyRepairFailed = "KubeProxyRepairFailed";
        public const string UpgradeVerificationFailed = "UpgradeVerificationFailed";

        // Export-DkpFipsReport
        public const string ReportFormatUnknown = "ReportFormatUnknown";
        public const string ReportDirectoryNotFound = "ReportDirectoryNotFound";
        public const string ReportFileExists = "ReportFileExists";
        public const string UnsupportedReportInput = "UnsupportedReportInput";
        public const string NoReportInput = "NoReportInput";
        public const string ReportInputIncomplete = "ReportInputIncomplete";
        public const string ReportWriteFailed = "ReportWriteFailed";

        // Import-DkpFipsClusterSpec
        public const string ClusterSpecFileNotFound = "ClusterSpecFileNotFound";
        public const string ClusterSpecFileInvalid = "ClusterSpecFileInvalid";
        // ConvertTo-DkpFipsPipelineMatrix
        public const string InvalidClusterBatch = "InvalidClusterBatch";
        public const string NoClusterSpecs = "NoClusterSpecs";
        public const string InvalidOutputVariableName = "InvalidOutputVariableName";
        // Pipes: a piped result that says "unfit" never flows on as if it were fit.
        public const string AmiNotFipsReady = "AmiNotFipsReady";
        // A field renamed in 0.x (Kubeconfig -> ManagementKubeconfig), refused rather than ignored.
        public const string ParameterRenamed = "ParameterRenamed";

        // The catalog's support per provider (New-FipsAmi, New-/Update-DkpFipsCluster; -Force goes past)
        public const string ProviderNotSupportedByRelease = "ProviderNotSupportedByRelease";
        public const string OperatingSystemNotSupportedByRelease = "OperatingSystemNotSupportedByRelease";

        // Find-, Copy-FipsBuild (registries)
        public const string RegistryImageNotFound = "RegistryImageNotFound";
        public const string RegistryWriteRefused = "RegistryWriteRefused";
        public const string RegistryDigestMismatch = "RegistryDigestMismatch";
        public const string ImageArchiveInvalid = "ImageArchiveInvalid";
        public const string ImageArchiveExists = "ImageArchiveExists";
        public const string ImageArchiveNotFound = "ImageArchiveNotFound";
        public const string ImageArchiveWriteFailed = "ImageArchiveWriteFailed";

        // Hostile input (issue 17).
        public const string SecretNotAllowed = "SecretNotAllowed";
        public const string FileTooLarge = "FileTooLarge";
        public const string AwsTimeout = "AwsTimeout";
        public const string ImageOperatingSystemMismatch = "ImageOperatingSystemMismatch";

        // Export-FipsCatalog (a found build written as a user catalog row)
        public const string InvalidCatalogRow = "InvalidCatalogRow";
        public const string EtcdVersionRequired = "EtcdVersionRequired";
        public const string EtcdVersionNotFound = "EtcdVersionNotFound";
        public const string NoCatalogRows = "NoCatalogRows";
        public const string CatalogFileExists = "CatalogFileExists";
        public const string CatalogWriteFailed = "CatalogWriteFailed";
    }
}
