using System;
using System.Management.Automation;
using System.Threading.Tasks;
using DkpFips.Core.Registry;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// What the registry cmdlets (Find-, Copy-FipsBuild) share with Test-FipsBuild: the TLS and
    /// plain-HTTP parameters with the same rules, registry references parsed into specific
    /// errors, and one mapping of transfer failures to ErrorIds.
    /// </summary>
    public abstract class RegistryCmdlet : DkpFipsCmdlet
    {
        /// <summary>
        /// User name and password for the registry the cmdlet reads or writes (-Registry, or
        /// -Source for Copy-/Save-FipsBuild): basic auth, or for its token service.
        /// </summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>Allow plain HTTP to a registry or token service that is not loopback.</summary>
        [Parameter]
        public SwitchParameter AllowInsecure { get; set; }

        /// <summary>Accept any TLS certificate of the registry.</summary>
        [Parameter]
        public SwitchParameter SkipTlsVerify { get; set; }

        /// <summary>Time limit of each HTTP request (not of a whole blob transfer), in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 30;

        private protected RegistryClientOptions NewOptions(PSCredential? credential, int maxConcurrency = 8) => new RegistryClientOptions
        {
            AllowInsecure = AllowInsecure,
            SkipTlsVerify = SkipTlsVerify,
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            MaxConcurrency = maxConcurrency,
            Credential = credential is null ? null : new RegistryCredential(credential.UserName, credential.GetNetworkCredential().Password),
        };

        /// <summary>
        /// The parsed reference, or null after an error (malformed, or plain HTTP without
        /// -AllowInsecure): non-terminating for a per-record input, terminating with
        /// <paramref name="terminating"/> (a destination the whole invocation needs).
        /// </summary>
        private protected RegistryReference? ParseRegistry(string text, string parameterName, bool terminating = false)
        {
            RegistryReference registry;
            try
            {
                registry = RegistryReference.Parse(text);
            }
            catch (RegistryReferenceFormatException ex)
            {
                Fail(new ArgumentException($"-{parameterName}: {ex.Message}", ex), ErrorIds.InvalidRegistry, ErrorCategory.InvalidArgument, ex.Text, null);
                return null;
            }

            if (registry.IsPlainHttp && !registry.IsLoopback && !AllowInsecure)
            {
                Fail(new InsecureRegistryException("The registry", registry.Host), ErrorIds.InsecureRegistry, ErrorCategory.SecurityError, registry.ToString(),
                    "Use https://, or add -AllowInsecure if this registry really serves plain HTTP.");
                return null;
            }

            return registry;

            void Fail(Exception exception, string id, ErrorCategory category, object target, string? action)
            {
                if (terminating)
                {
                    ThrowTerminatingError(exception, id, category, target, action);
                }

                WriteError(exception, id, category, target, action);
            }
        }

        /// <summary>Waits for work on worker threads; Ctrl+C stops the pipeline.</summary>
        private protected T Await<T>(Task<T> task)
        {
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        private protected void WriteTransferError(RegistryTransferException ex, object target)
        {
            var (id, category, action) = Classify(ex.Failure);
            WriteError(ex, id, category, target, action);
        }

        internal static (string ErrorId, ErrorCategory Category, string Action) Classify(TransferFailure failure) => failure switch
        {
            TransferFailure.NotFound => (ErrorIds.RegistryImageNotFound, ErrorCategory.ObjectNotFound, "Check the image name and tag; Find-FipsBuild lists the builds the source has."),
            TransferFailure.Unauthorized => (ErrorIds.RegistryUnauthorized, ErrorCategory.PermissionDenied, "Pass a credential of a user that may use the registry (-Credential for the source, -DestinationCredential for the destination)."),
            TransferFailure.WriteRefused => (ErrorIds.RegistryWriteRefused, ErrorCategory.PermissionDenied, "Use a destination that accepts pushes, and a credential that may push to it."),
            TransferFailure.DigestMismatch => (ErrorIds.RegistryDigestMismatch, ErrorCategory.InvalidData, "The content is not what its digest says: do not use it; fetch it again from the vendor's registry."),
            TransferFailure.InvalidArchive => (ErrorIds.ImageArchiveInvalid, ErrorCategory.InvalidData, "The archive is cut short or damaged: save it again with Save-FipsBuild."),
            _ => (ErrorIds.RegistryRequestFailed, ErrorCategory.ConnectionError, "Check that the registry address is right and reachable."),
        };
    }
}
