namespace DkpFips.Core.ImageBuilder
{
    /// <summary>Why a FIPS image build cannot be planned or its result cannot be used. Each maps to one stable ErrorId.</summary>
    public enum KibErrorKind
    {
        UnknownPlatform,
        ImageDefinitionRequired,
        UnknownOperatingSystem,
        OperatingSystemNotFipsCapable,
        KubernetesVersionRequired,
        InvalidKubernetesVersion,
        FipsBuildNotFound,
        FipsBuildConflict,
        ParameterNotForPlatform,
        SourceConflict,
        InvalidAmiId,
        InvalidArgument,
        ManifestNotFound,
        ManifestInvalid,
        NoImageBuilt,
        ImageNotFips,
        VersionMismatch,
        ProviderNotSupportedByRelease,
        OperatingSystemNotSupportedByRelease,
        OperatingSystemMismatch,
    }
}
