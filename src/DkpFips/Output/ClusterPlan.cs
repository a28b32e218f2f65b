using System.Linq;
using DkpFips.Core.Cluster;
using DkpFips.Core.Process;

namespace DkpFips
{
    /// <summary>
    /// The exact dkp create cluster invocation New-DkpFipsCluster runs (or would run) for one
    /// cluster. Secret values show as ***.
    /// </summary>
    public sealed class ClusterPlan
    {
        // The arguments as planned (Arguments is an array a caller may change): the command lines are written from these.
        private readonly string[] displayArguments;
        private string? commandLine;

        internal ClusterPlan(ClusterCreatePlan plan, FipsBuild fipsBuild, string awsCredentialSource)
        {
            ClusterName = plan.ClusterName;
            Provider = plan.Provider;
            KubernetesVersion = plan.KubernetesVersion.ToKubernetesFlag();
            EtcdVersion = plan.EtcdVersion.ToEtcdFlag();
            KubernetesImageRepository = plan.KubernetesImageRepository;
            EtcdImageRepository = plan.EtcdImageRepository;
            MachineImage = plan.MachineImage;
            DryRun = plan.DryRun;
            Executable = plan.Command.Executable;
            displayArguments = plan.Command.DisplayArguments.ToArray();
            Arguments = (string[])displayArguments.Clone();
            FipsBuild = fipsBuild;
            AwsCredentialSource = awsCredentialSource;
        }

        public string ClusterName { get; }

        /// <summary>aws, vsphere or preprovisioned.</summary>
        public string Provider { get; }

        /// <summary>The --kubernetes-version value, e.g. v1.23.7+fips.0.</summary>
        public string KubernetesVersion { get; }

        /// <summary>The --etcd-version value, e.g. 3.4.13+fips.0.</summary>
        public string EtcdVersion { get; }

        public string KubernetesImageRepository { get; }

        public string EtcdImageRepository { get; }

        /// <summary>The AMI id, VM template or override secret name.</summary>
        public string? MachineImage { get; }

        public bool DryRun { get; }

        /// <summary>The dkp (or nkp) program that runs.</summary>
        public string Executable { get; }

        /// <summary>Exactly the arguments the process receives, except secret values, shown as ***.</summary>
        public string[] Arguments { get; }

        /// <summary>Where the AWS credentials dkp gets come from (-AwsCredential, with a session token or not; a profile; or this session's environment); never their values.</summary>
        public string AwsCredentialSource { get; }

        /// <summary>The command as one PowerShell line (see GetCommandLine for bash and cmd).</summary>
        public string CommandLine => commandLine ??= ShellQuoting.Format(ShellKind.Pwsh, Executable, displayArguments);

        /// <summary>The catalog build the versions come from.</summary>
        public FipsBuild FipsBuild { get; }

        /// <summary>The command as one line for a shell: bash (also sh, zsh), pwsh (also powershell) or cmd.</summary>
        public string GetCommandLine(string shell) => ShellQuoting.Format(ShellQuoting.ParseShell(shell), Executable, displayArguments);

        public override string ToString() => CommandLine;
    }
}
