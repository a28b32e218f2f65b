using System.Management.Automation;
using DkpFips.Core.ImageBuilder;

namespace DkpFips.Infrastructure
{
    /// <summary>The ErrorId and category of each reason a FIPS image build cannot be planned or used.</summary>
    internal static class KibErrorMap
    {
        public static string ErrorId(KibErrorKind kind) => kind switch
        {
            KibErrorKind.UnknownPlatform => ErrorIds.UnknownPlatform,
            KibErrorKind.ImageDefinitionRequired => ErrorIds.ImageDefinitionRequired,
            KibErrorKind.UnknownOperatingSystem => ErrorIds.UnknownOperatingSystem,
            KibErrorKind.OperatingSystemNotFipsCapable => ErrorIds.OperatingSystemNotFipsCapable,
            KibErrorKind.KubernetesVersionRequired => ErrorIds.KubernetesVersionRequired,
            KibErrorKind.InvalidKubernetesVersion => ErrorIds.InvalidKubernetesVersion,
            KibErrorKind.FipsBuildNotFound => ErrorIds.FipsBuildNotFound,
            KibErrorKind.FipsBuildConflict => ErrorIds.FipsBuildConflict,
            KibErrorKind.ParameterNotForPlatform => ErrorIds.ParameterNotForPlatform,
            KibErrorKind.SourceConflict => ErrorIds.SourceAmiConflict,
            KibErrorKind.InvalidAmiId => ErrorIds.InvalidAmiId,
            KibErrorKind.ManifestNotFound => ErrorIds.PackerManifestNotFound,
            KibErrorKind.ManifestInvalid => ErrorIds.PackerManifestInvalid,
            KibErrorKind.NoImageBuilt => ErrorIds.NoImageBuilt,
            KibErrorKind.ImageNotFips => ErrorIds.ImageNotFips,
            KibErrorKind.VersionMismatch => ErrorIds.ImageVersionMismatch,
            KibErrorKind.ProviderNotSupportedByRelease => ErrorIds.ProviderNotSupportedByRelease,
            KibErrorKind.OperatingSystemNotSupportedByRelease => ErrorIds.OperatingSystemNotSupportedByRelease,
            KibErrorKind.OperatingSystemMismatch => ErrorIds.ImageOperatingSystemMismatch,
            _ => ErrorIds.InvalidArgument,
        };

        public static ErrorCategory Category(KibErrorKind kind) => kind switch
        {
            KibErrorKind.FipsBuildNotFound => ErrorCategory.ObjectNotFound,
            KibErrorKind.ManifestNotFound => ErrorCategory.ObjectNotFound,
            KibErrorKind.ManifestInvalid => ErrorCategory.InvalidData,
            KibErrorKind.NoImageBuilt => ErrorCategory.InvalidResult,
            KibErrorKind.ImageNotFips => ErrorCategory.InvalidResult,
            KibErrorKind.VersionMismatch => ErrorCategory.InvalidResult,
            KibErrorKind.OperatingSystemMismatch => ErrorCategory.InvalidResult,
            KibErrorKind.OperatingSystemNotFipsCapable => ErrorCategory.InvalidArgument,
            _ => ErrorCategory.InvalidArgument,
        };
    }
}
