using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using DkpFips.Core.Errors;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// The one map from a failure's kind to what PowerShell shows: the ErrorId (the kind's name),
    /// the ErrorCategory and, for the kinds whose remedy does not depend on the command, the
    /// recommended action. Every error record of the module is made here.
    /// </summary>
    internal static class ErrorMap
    {
        private static readonly Dictionary<ErrorKind, ErrorCategory> Categories = Build(
            (ErrorCategory.InvalidArgument, new[]
            {
                ErrorKind.InvalidArgument, ErrorKind.InvalidKubernetesVersion, ErrorKind.KubernetesVersionRequired, ErrorKind.FipsBuildConflict,
                ErrorKind.InvalidEtcdVersion, ErrorKind.EtcdVersionRequired, ErrorKind.InvalidExpectedBuild, ErrorKind.InvalidRegistry,
                ErrorKind.ManagementClusterNameMissing, ErrorKind.KubeconfigInvalid, ErrorKind.InvalidClusterName, ErrorKind.DuplicateClusterName,
                ErrorKind.ProviderRequired, ErrorKind.UnknownProvider, ErrorKind.ParameterNotForProvider, ErrorKind.MachineImageRequired,
                ErrorKind.InvalidAmiId, ErrorKind.InvalidImageRepository, ErrorKind.ReservedArgument, ErrorKind.ParameterRenamed,
                ErrorKind.ProviderNotSupportedByRelease, ErrorKind.OperatingSystemNotSupportedByRelease, ErrorKind.ResumeNeedsJournal,
                ErrorKind.AwsConfigurationInvalid, ErrorKind.AwsRegionInvalid, ErrorKind.AwsRegionMissing,
                ErrorKind.UnknownPlatform, ErrorKind.ImageDefinitionRequired, ErrorKind.UnknownOperatingSystem, ErrorKind.OperatingSystemNotFipsCapable,
                ErrorKind.ParameterNotForPlatform, ErrorKind.SourceAmiConflict, ErrorKind.CurrentVersionUnknown, ErrorKind.NodePoolsUnknown,
                ErrorKind.InvalidNodePoolName, ErrorKind.ReportFormatUnknown, ErrorKind.UnsupportedReportInput, ErrorKind.NoReportInput,
                ErrorKind.NoClusterSpecs, ErrorKind.InvalidOutputVariableName, ErrorKind.InvalidCatalogRow, ErrorKind.NoCatalogRows,
            }),
            (ErrorCategory.ObjectNotFound, new[]
            {
                ErrorKind.FipsBuildNotFound, ErrorKind.TargetNotInCatalog, ErrorKind.CatalogFileNotFound, ErrorKind.ClusterSpecFileNotFound,
                ErrorKind.ClusterObjectNotFound, ErrorKind.DkpNotFound, ErrorKind.KibNotFound, ErrorKind.KubectlNotFound,
                ErrorKind.PackerManifestNotFound, ErrorKind.EtcdVersionNotFound, ErrorKind.RegistryImageNotFound, ErrorKind.ImageArchiveNotFound,
                ErrorKind.ReportDirectoryNotFound,
            }),
            (ErrorCategory.InvalidData, new[]
            {
                ErrorKind.CatalogFileInvalid, ErrorKind.ClusterSpecFileInvalid, ErrorKind.InvalidClusterBatch, ErrorKind.InvalidBuildRepository,
                ErrorKind.PackerManifestInvalid, ErrorKind.RegistryDigestMismatch, ErrorKind.ImageArchiveInvalid, ErrorKind.ReportInputIncomplete,
            }),
            (ErrorCategory.SecurityError, new[]
            {
                ErrorKind.FipsFlagOverride, ErrorKind.SecretNotAllowed, ErrorKind.AmiNotFipsReady, ErrorKind.TargetNotFips,
                ErrorKind.InsecureRegistry, ErrorKind.ClusterTlsFailure,
            }),
            (ErrorCategory.InvalidOperation, new[]
            {
                ErrorKind.ClusterNotFips, ErrorKind.Downgrade, ErrorKind.AlreadyAtTargetVersion, ErrorKind.MinorVersionSkip,
                ErrorKind.DkpStartFailed, ErrorKind.KibStartFailed,
            }),
            (ErrorCategory.InvalidResult, new[]
            {
                ErrorKind.DkpFailed, ErrorKind.KibFailed, ErrorKind.DryRunCheckFailed, ErrorKind.NoImageBuilt, ErrorKind.ImageNotFips,
                ErrorKind.ImageVersionMismatch, ErrorKind.ImageOperatingSystemMismatch, ErrorKind.KubeProxyRepairFailed,
                ErrorKind.UpgradeVerificationFailed,
            }),
            (ErrorCategory.NotImplemented, new[] { ErrorKind.ProviderNotFipsCapable, ErrorKind.ProviderNotUpgradable, ErrorKind.RequiresPowerShell7 }),
            (ErrorCategory.NotInstalled, new[] { ErrorKind.ClusterApiNotInstalled }),
            (ErrorCategory.PermissionDenied, new[]
            {
                ErrorKind.ClusterPermissionDenied, ErrorKind.AwsAuthFailure, ErrorKind.AwsUnauthorized, ErrorKind.RegistryUnauthorized,
                ErrorKind.RegistryWriteRefused,
            }),
            (ErrorCategory.AuthenticationError, new[] { ErrorKind.ClusterUnauthorized, ErrorKind.AwsCredentialsNotFound }),
            (ErrorCategory.ConnectionError, new[] { ErrorKind.ClusterUnreachable, ErrorKind.AwsEndpointUnreachable, ErrorKind.RegistryRequestFailed }),
            (ErrorCategory.ProtocolError, new[] { ErrorKind.ClusterReadFailed, ErrorKind.AwsRequestFailed }),
            (ErrorCategory.OperationTimeout, new[] { ErrorKind.ClusterTimeout, ErrorKind.AwsTimeout, ErrorKind.DkpTimedOut, ErrorKind.KibTimedOut }),
            (ErrorCategory.OperationStopped, new[] { ErrorKind.DkpCancelled, ErrorKind.KibCancelled }),
            (ErrorCategory.LimitsExceeded, new[] { ErrorKind.AwsThrottled }),
            (ErrorCategory.ResourceExists, new[] { ErrorKind.ReportFileExists, ErrorKind.CatalogFileExists, ErrorKind.ImageArchiveExists }),
            (ErrorCategory.WriteError, new[] { ErrorKind.JournalWriteFailed, ErrorKind.ReportWriteFailed, ErrorKind.CatalogWriteFailed, ErrorKind.ImageArchiveWriteFailed }));

        // File and network kinds name what was being done; the category says which way it failed,
        // and only the exception knows that (a missing folder, a denied write, a timeout).
        private static readonly HashSet<ErrorKind> CategorizedByCause = new HashSet<ErrorKind>
        {
            ErrorKind.JournalWriteFailed, ErrorKind.ReportWriteFailed, ErrorKind.CatalogWriteFailed, ErrorKind.ImageArchiveWriteFailed,
            ErrorKind.ImageArchiveInvalid, ErrorKind.ClusterSpecFileNotFound, ErrorKind.RegistryRequestFailed,
        };

        // The remedies that are the same whichever command met the failure.
        private static readonly Dictionary<ErrorKind, string> Actions = new Dictionary<ErrorKind, string>
        {
            [ErrorKind.KubeconfigInvalid] = "Pass -Kubeconfig and -Context that name the cluster (kubectl config get-contexts).",
            [ErrorKind.ClusterUnreachable] = "Check the server address in the kubeconfig, the network path and that the API server is up.",
            [ErrorKind.ClusterTlsFailure] = "Check certificate-authority-data in the kubeconfig against the API server's certificate.",
            [ErrorKind.ClusterUnauthorized] = "Refresh the credentials in the kubeconfig (an expired token or certificate).",
            [ErrorKind.ClusterApiNotInstalled] = "-ManagementKubeconfig must point at the management cluster, where Cluster API runs.",
            [ErrorKind.ClusterObjectNotFound] = "Check -ClusterName and -Namespace (kubectl get clusters -A on the management cluster).",
            [ErrorKind.ClusterTimeout] = "Raise -TimeoutSec, or check the API server's health.",
            [ErrorKind.ClusterReadFailed] = "Check the API server's health and logs.",
            [ErrorKind.AwsAuthFailure] = "Check the credentials (access key, secret key, session token or profile) and that they allow ec2:DescribeImages.",
            [ErrorKind.AwsUnauthorized] = "Grant the caller the ec2:DescribeImages permission.",
            [ErrorKind.AwsThrottled] = "Try again later, or test fewer images at once.",
            [ErrorKind.AwsEndpointUnreachable] = "Check the network path to the endpoint, the proxy settings and -EndpointUrl.",
            [ErrorKind.AwsRegionInvalid] = "Give a region name such as us-east-1 (press Tab after -Region to list them).",
            [ErrorKind.AwsRegionMissing] = "Give -Region, or set AWS_REGION.",
            [ErrorKind.AwsCredentialsNotFound] = "Give -AwsCredential or -ProfileName, or set AWS_PROFILE.",
            [ErrorKind.AwsRequestFailed] = "See the message from EC2.",
            [ErrorKind.AwsTimeout] = "Raise -TimeoutSec, or check the endpoint's health and the network path.",
            [ErrorKind.RegistryImageNotFound] = "Check the image name and tag; Find-FipsBuild lists the builds the source has.",
            [ErrorKind.RegistryUnauthorized] = "Pass a credential of a user that may use the registry (-Credential for the source, -DestinationCredential for the destination).",
            [ErrorKind.RegistryWriteRefused] = "Use a destination that accepts pushes, and a credential that may push to it.",
            [ErrorKind.RegistryDigestMismatch] = "The content is not what its digest says: do not use it; fetch it again from the vendor's registry.",
            [ErrorKind.ImageArchiveInvalid] = "The archive is cut short or damaged: save it again with Save-FipsBuild.",
            [ErrorKind.RegistryRequestFailed] = "Check that the registry address is right and reachable.",
        };

        /// <summary>The ErrorId users filter on: the kind's name, which never changes once released.</summary>
        public static string ErrorId(ErrorKind kind) => kind.ToString();

        /// <summary>The category of <paramref name="kind"/>; for file and network kinds, refined by what <paramref name="cause"/> says happened.</summary>
        public static ErrorCategory Category(ErrorKind kind, Exception? cause = null)
        {
            var category = Categories.TryGetValue(kind, out var mapped) ? mapped : ErrorCategory.NotSpecified;
            return cause is not null && CategorizedByCause.Contains(kind) ? CauseCategory(cause, category) : category;
        }

        /// <summary>The remedy that holds for <paramref name="kind"/> wherever it happens; null when the command must say it.</summary>
        public static string? DefaultAction(ErrorKind kind) => Actions.TryGetValue(kind, out var action) ? action : null;

        /// <summary>True when <paramref name="kind"/> has a category of its own (a test holds every kind to it).</summary>
        public static bool IsMapped(ErrorKind kind) => Categories.ContainsKey(kind);

        public static ErrorRecord Record(Exception exception, ErrorKind kind, object? target, string? recommendedAction)
        {
            var record = new ErrorRecord(exception, ErrorId(kind), Category(kind, exception), target);
            var action = recommendedAction ?? DefaultAction(kind);
            if (action is not null)
            {
                record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = action };
            }

            return record;
        }

        private static ErrorCategory CauseCategory(Exception cause, ErrorCategory category) => cause switch
        {
            ArgumentException => ErrorCategory.InvalidArgument,
            UnauthorizedAccessException => ErrorCategory.PermissionDenied,
            DirectoryNotFoundException or FileNotFoundException => ErrorCategory.ObjectNotFound,
            TimeoutException => ErrorCategory.OperationTimeout,
            // Content that could not be read at all is a read error, not bad data.
            IOException when category == ErrorCategory.InvalidData => ErrorCategory.ReadError,
            _ => category,
        };

        private static Dictionary<ErrorKind, ErrorCategory> Build(params (ErrorCategory Category, ErrorKind[] Kinds)[] groups)
        {
            var map = new Dictionary<ErrorKind, ErrorCategory>();
            foreach (var (category, kinds) in groups)
            {
                foreach (var kind in kinds)
                {
                    map.Add(kind, category);
                }
            }

            return map;
        }
    }
}
