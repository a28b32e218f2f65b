namespace DkpFips.Core.Errors
{
    /// <summary>
    /// Every way a DkpFips command can fail, one member per failure. The member's name is the
    /// ErrorId users see (FullyQualifiedErrorId): scripts and CI filter on it, so a member is never
    /// renamed once released, and a new failure gets a new member. Engine exceptions carry one
    /// (<see cref="DkpFipsException.Kind"/>); the cmdlets map it to an ErrorCategory in one place
    /// (DkpFips.Infrastructure.ErrorMap).
    /// </summary>
    public enum ErrorKind
    {
        InvalidKubernetesVersion,
        FipsBuildNotFound,
        CatalogFileInvalid,
        CatalogFileNotFound,
        InvalidRegistry,
        InsecureRegistry,
        InvalidBuildRepository,
        RegistryUnauthorized,
        RegistryRequestFailed,

        // Test-DkpFipsCluster
        RequiresPowerShell7,
        InvalidExpectedBuild,
        ManagementClusterNameMissing,
        KubeconfigInvalid,
        ClusterUnreachable,
        ClusterTlsFailure,
        ClusterUnauthorized,
        ClusterPermissionDenied,
        ClusterApiNotInstalled,
        ClusterObjectNotFound,
        ClusterTimeout,
        ClusterReadFailed,

        // New-DkpFipsCluster: a request that cannot be planned (ClusterPlanException).
        InvalidClusterName,
        ProviderRequired,
        UnknownProvider,
        ProviderNotFipsCapable,
        ParameterNotForProvider,
        MachineImageRequired,
        InvalidAmiId,
        KubernetesVersionRequired,
        FipsBuildConflict,
        InvalidEtcdVersion,
        InvalidImageRepository,
        FipsFlagOverride,
        ReservedArgument,
        InvalidArgument,

        // New-DkpFipsCluster: batches and runs.
        DuplicateClusterName,
        ResumeNeedsJournal,
        JournalWriteFailed,
        DkpNotFound,
        DkpStartFailed,
        DkpFailed,
        DkpTimedOut,
        DkpCancelled,
        DryRunCheckFailed,

        // Test-FipsAmi
        AwsAuthFailure,
        AwsUnauthorized,
        AwsThrottled,
        AwsEndpointUnreachable,
        AwsRegionInvalid,
        AwsRegionMissing,
        AwsCredentialsNotFound,
        AwsConfigurationInvalid,
        AwsRequestFailed,
        // New-FipsAmi: an image build that cannot be planned, run or used.
        UnknownPlatform,
        ImageDefinitionRequired,
        UnknownOperatingSystem,
        OperatingSystemNotFipsCapable,
        ParameterNotForPlatform,
        SourceAmiConflict,
        KibNotFound,
        KibStartFailed,
        KibFailed,
        KibTimedOut,
        KibCancelled,
        PackerManifestNotFound,
        PackerManifestInvalid,
        NoImageBuilt,
        ImageNotFips,
        ImageVersionMismatch,
        // Update-DkpFipsCluster: refusals (UpgradePlanException) and runs.
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
        KubectlNotFound,
        KubeProxyRepairFailed,
        UpgradeVerificationFailed,

        // Export-DkpFipsReport
        ReportFormatUnknown,
        ReportDirectoryNotFound,
        ReportFileExists,
        UnsupportedReportInput,
        NoReportInput,
        ReportInputIncomplete,
        ReportWriteFailed,

        // Import-DkpFipsClusterSpec
        ClusterSpecFileNotFound,
        ClusterSpecFileInvalid,
        // ConvertTo-DkpFipsPipelineMatrix
        InvalidClusterBatch,
        NoClusterSpecs,
        InvalidOutputVariableName,
        // Pipes: a piped result that says "unfit" never flows on as if it were fit.
        AmiNotFipsReady,
        // A field renamed in 0.x (Kubeconfig -> ManagementKubeconfig), refused rather than ignored.
        ParameterRenamed,

        // The catalog's support per provider (New-FipsAmi, New-/Update-DkpFipsCluster; -Force goes past)
        ProviderNotSupportedByRelease,
        OperatingSystemNotSupportedByRelease,

        // Find-, Copy-FipsBuild (registries)
        RegistryImageNotFound,
        RegistryWriteRefused,
        RegistryDigestMismatch,
        ImageArchiveInvalid,
        ImageArchiveExists,
        ImageArchiveNotFound,
        ImageArchiveWriteFailed,

        // Hostile input (issue 17).
        SecretNotAllowed,
        AwsTimeout,
        ImageOperatingSystemMismatch,

        // Export-FipsCatalog (a found build written as a user catalog row)
        InvalidCatalogRow,
        EtcdVersionRequired,
        EtcdVersionNotFound,
        NoCatalogRows,
        CatalogFileExists,
        CatalogWriteFailed,
    }
}
