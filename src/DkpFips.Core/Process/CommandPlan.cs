using System;
using System.Collections.Generic;
using System.Linq;

namespace DkpFips.Core.Process
{
    /// <summary>
    /// One external command, fully decided: the executable, the exact argument list, extra
    /// environment variables, and which values are secret. Shared by every DkpFips command that
    /// runs a CLI (dkp create cluster, konvoy-image build): build a plan, show it, run it.
    /// </summary>
    public sealed class CommandPlan
    {
        private readonly IReadOnlyList<string> arguments;
        private readonly IReadOnlyDictionary<string, string?> environment;

        /// <param name="environment">Variables the child gets on top of ours; a null value removes one it would inherit.</param>
        public CommandPlan(string executable, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, IEnumerable<string>? extraSecrets = null)
        {
            Executable = executable ?? throw new ArgumentNullException(nameof(executable));
            this.arguments = arguments.ToArray();

            // The last line of the argv boundary: the plan builders refuse these with specific
            // errors first; reaching here is a bug, never something to run.
            var unsafeValue = CommandLineText.FirstProblem(this.arguments);
            if (unsafeValue is not null)
            {
                throw new InvalidOperationException($"Internal error: argument {unsafeValue.Value.Index + 1} {unsafeValue.Value.Problem}.");
            }
            this.environment = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>(), StringComparer.Ordinal);

            var secrets = new List<string>();
            DisplayArguments = SecretArguments.MaskArguments(this.arguments, secrets);
            // Environment values are never displayed; those named like secrets are masked in output too.
            secrets.AddRange(this.environment.Where(p => p.Value is not null && IsSecretVariable(p.Key)).Select(p => p.Value!));
            if (extraSecrets is not null)
            {
                secrets.AddRange(extraSecrets);
            }

            Masker = new SecretMasker(secrets);

            // A secret value known from elsewhere (an environment variable, a credential) is masked
            // wherever it appears in an argument too.
            DisplayArguments = DisplayArguments.Select(Masker.Apply).ToArray();
        }

        /// <summary>The program to start: a name found on PATH or a path.</summary>
        public string Executable { get; }

        /// <summary>The arguments as shown to people: secret values replaced by ***.</summary>
        public IReadOnlyList<string> DisplayArguments { get; }

        /// <summary>Names of the environment variables the child process gets in addition to ours (values are never shown).</summary>
        public IReadOnlyList<string> EnvironmentNames => environment.Where(p => p.Value is not null).Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray();

        /// <summary>Names of the variables of ours the child does not inherit (removed so that they cannot win over what the run chose).</summary>
        public IReadOnlyList<string> RemovedEnvironmentNames => environment.Where(p => p.Value is null).Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray();

        /// <summary>Masks every secret of this plan in a text.</summary>
        public SecretMasker Masker { get; }

        /// <summary>A command line for a shell, secrets masked.</summary>
        public string ToCommandLine(ShellKind shell) => ShellQuoting.Format(shell, Executable, DisplayArguments);

        /// <summary>The real arguments, secrets included: only for starting the process.</summary>
        internal IReadOnlyList<string> RealArguments => arguments;

        /// <summary>The child's variables on top of ours (null: removed), secrets included: only for starting the process.</summary>
        internal IReadOnlyDictionary<string, string?> Environment => environment;

        /// <summary>True for environment variables that hold secrets (AWS_SECRET_ACCESS_KEY, *_TOKEN, *_PASSWORD, ...).</summary>
        public static bool IsSecretVariable(string name) =>
            SecretArguments.IsSecretFlag(name.Replace('_', '-')) || name.IndexOf("ACCESS_KEY", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
