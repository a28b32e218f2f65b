using System;
using System.Management.Automation;
using System.Threading.Tasks;
using DkpFips.Core.Errors;
using DkpFips.Core.Registry;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// What the registry cmdlets (Find-, Copy-FipsBuild) share with Test-FipsBuild: the TLS and
    /// plain-HTTP parameters with the same rules, registry references parsed into specific
    /// errors.
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
                Fail(new ArgumentException($"-{parameterName}: {ex.Message}", ex), ErrorKind.InvalidRegistry, ex.Text, null);
                return null;
            }

            if (registry.IsPlainHttp && !registry.IsLoopback && !AllowInsecure)
            {
                Fail(new InsecureRegistryException("The registry", registry.Host), ErrorKind.InsecureRegistry, registry.ToString(),
                    "Use https://, or add -AllowInsecure if this registry really serves plain HTTP.");
                return null;
            }

            return registry;

            void Fail(Exception exception, ErrorKind kind, object target, string? action)
            {
                if (terminating)
                {
                    ThrowTerminatingError(exception, kind, target, action);
                }

                WriteError(exception, kind, target, action);
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

        private protected void WriteTransferError(RegistryTransferException ex, object target) =>
            WriteError(ex, ex.Kind, target);
    }
}
