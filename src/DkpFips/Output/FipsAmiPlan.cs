using System.Linq;
using DkpFips.Core.ImageBuilder;
using DkpFips.Core.Process;

namespace DkpFips
{
    /// <summary>
    /// The exact konvoy-image build invocation New-FipsAmi runs (or would run) for one FIPS
    /// machine image. Secret values show as ***.
    /// </summary>
    public sealed class FipsAmiPlan
    {
        // The arguments as planned (Arguments is an array a caller may change): the command lines are written from these.
        private readonly string[] displayArguments;
        private string? commandLine;

        internal FipsAmiPlan(KibBuildPlan plan, string workingDirectory, string awsCredentialSource)
        {
            Platform = plan.Platform;
            ImageDefinition = plan.Image.Path;
            OperatingSystem = plan.Image.OperatingSystem;
            KubernetesVersion = plan.KubernetesVersion.ToKubernetesFlag();
            FipsBuild = plan.Build is null ? null : new FipsBuild(plan.Build);
            Executable = plan.Command.Executable;
            displayArguments = plan.Command.DisplayArguments.ToArray();
            Arguments = (string[])displayArguments.Clone();
            EnvironmentVariables = plan.Command.EnvironmentNames.ToArray();
            WorkingDirectory = workingDirectory;
            AwsCredentialSource = awsCredentialSource;
        }

        /// <summary>aws (an AMI) or vsphere (a VM template).</summary>
        public string Platform { get; }

        /// <summary>The image definition KIB builds, e.g. images/ami/rhel-84.yaml.</summary>
        public string ImageDefinition { get; }

        /// <summary>The operating system of the image definition, e.g. RHEL 8.4.</summary>
        public string OperatingSystem { get; }

        /// <summary>The Kubernetes version the image will carry, e.g. v1.23.7+fips.0 (KIB gets 1.23.7; the fips override adds +fips.0).</summary>
        public string KubernetesVersion { get; }

        /// <summary>The catalog build the version comes from; null when -Force allowed a version the catalog does not know.</summary>
        public FipsBuild? FipsBuild { get; }

        /// <summary>The konvoy-image program that runs.</summary>
        public string Executable { get; }

        /// <summary>Exactly the arguments the process receives, except secret values, shown as ***.</summary>
        public string[] Arguments { get; }

        /// <summary>Names of the environment variables KIB gets (values are never shown).</summary>
        public string[] EnvironmentVariables { get; }

        /// <summary>Where the AWS credentials KIB (and packer) gets come from (-AwsCredential, with a session token or not; a profile; or this session's environment); never their values.</summary>
        public string AwsCredentialSource { get; }

        /// <summary>KIB's working folder (its overrides/ and images/ folders, and where packer writes manifest.json).</summary>
        public string WorkingDirectory { get; }

        /// <summary>The command as one PowerShell line (see GetCommandLine for bash and cmd).</summary>
        public string CommandLine => commandLine ??= ShellQuoting.Format(ShellKind.Pwsh, Executable, displayArguments);

        /// <summary>The command as one line for a shell: bash (also sh, zsh), pwsh (also powershell) or cmd.</summary>
        public string GetCommandLine(string shell) => ShellQuoting.Format(ShellQuoting.ParseShell(shell), Executable, displayArguments);

        public override string ToString() => CommandLine;
    }
}
