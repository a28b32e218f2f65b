using System;
using System.Linq;
using DkpFips.Core.Process;
using DkpFips.Core.Upgrade;

namespace DkpFips
{
    /// <summary>One dkp update step of Update-DkpFipsCluster: its exact arguments and, after a run, its outcome.</summary>
    public sealed class ClusterUpgradeStep
    {
        private readonly CommandPlan command;
        private string? commandLine;

        internal ClusterUpgradeStep(int order, UpgradeStep step, string status, int? exitCode = null, TimeSpan? duration = null, string? logPath = null)
        {
            command = step.Command;
            Order = order;
            Step = step.Kind.ToString();
            Name = step.Name;
            Executable = step.Command.Executable;
            Arguments = step.Command.DisplayArguments.ToArray();
            Status = status;
            ExitCode = exitCode;
            Duration = duration ?? TimeSpan.Zero;
            LogPath = logPath;
        }

        /// <summary>1 for the control plane, then the node pools in order.</summary>
        public int Order { get; }

        /// <summary>ControlPlane or NodePool.</summary>
        public string Step { get; }

        /// <summary>controlplane, or the node pool (MachineDeployment) name.</summary>
        public string Name { get; }

        /// <summary>The dkp (or nkp) program that runs.</summary>
        public string Executable { get; }

        /// <summary>Exactly the arguments the process receives (secret values shown as ***).</summary>
        public string[] Arguments { get; }

        /// <summary>Planned, Succeeded, Failed, TimedOut, Cancelled or NotRun (an earlier step failed).</summary>
        public string Status { get; }

        /// <summary>dkp's exit code; empty when it did not run to its end.</summary>
        public int? ExitCode { get; }

        public TimeSpan Duration { get; }

        /// <summary>The file holding dkp's output for this step (secrets masked).</summary>
        public string? LogPath { get; }

        /// <summary>The command as one PowerShell line (see GetCommandLine for bash and cmd).</summary>
        public string CommandLine => commandLine ??= command.ToCommandLine(ShellKind.Pwsh);

        /// <summary>The command as one line for a shell: bash (also sh, zsh), pwsh (also powershell) or cmd.</summary>
        public string GetCommandLine(string shell) => command.ToCommandLine(ShellQuoting.ParseShell(shell));

        public override string ToString() => CommandLine;
    }
}
