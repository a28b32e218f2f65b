using DkpFips.Core.Errors;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// A program a cmdlet runs, as <see cref="DkpFipsCmdlet.ResolveTool"/> looks it up: the names
    /// tried on PATH, and what the user is told when it is missing.
    /// </summary>
    internal sealed class ToolProgram
    {
        public static readonly ToolProgram Dkp = new ToolProgram(
            new[] { "dkp", "nkp" },
            ErrorKind.DkpNotFound,
            "Neither dkp nor nkp was found on PATH; nothing was run.",
            "The dkp program '{0}' was not found; nothing was run.",
            "Install the DKP (dkp) or NKP (nkp) CLI on PATH, or give its path with -DkpPath.");

        public static readonly ToolProgram Kib = new ToolProgram(
            new[] { "konvoy-image" },
            ErrorKind.KibNotFound,
            "konvoy-image (Konvoy Image Builder) was not found on PATH; nothing was run.",
            "The konvoy-image program '{0}' was not found; nothing was run.",
            "Unpack the Konvoy Image Builder bundle and put konvoy-image on PATH, or give its path with -KibPath.");

        public static readonly ToolProgram Kubectl = new ToolProgram(
            new[] { "kubectl" },
            ErrorKind.KubectlNotFound,
            "-RepairKubeProxy needs kubectl, and 'kubectl' was not found; kube-proxy was not repaired.",
            "-RepairKubeProxy needs kubectl, and '{0}' was not found; kube-proxy was not repaired.",
            "Install kubectl on PATH or give its path with -KubectlPath.");

        private ToolProgram(string[] names, ErrorKind notFoundKind, string notOnPath, string notFoundAt, string action)
        {
            Names = names;
            NotFoundKind = notFoundKind;
            NotOnPath = notOnPath;
            NotFoundAt = notFoundAt;
            Action = action;
        }

        /// <summary>The names tried on PATH, in order, when no path is given.</summary>
        public string[] Names { get; }

        public ErrorKind NotFoundKind { get; }

        /// <summary>The message when none of <see cref="Names"/> is on PATH.</summary>
        public string NotOnPath { get; }

        /// <summary>The message when the given program is missing; {0} is what was given.</summary>
        public string NotFoundAt { get; }

        public string Action { get; }
    }
}
