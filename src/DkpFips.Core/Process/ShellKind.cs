namespace DkpFips.Core.Process
{
    /// <summary>The shells a command line can be written for.</summary>
    public enum ShellKind
    {
        /// <summary>POSIX shells: bash, zsh, sh.</summary>
        Bash,

        /// <summary>PowerShell 7.3+ (native argument passing 'Standard' or 'Windows') and Windows PowerShell.</summary>
        Pwsh,

        /// <summary>Windows cmd.exe.</summary>
        Cmd,
    }
}
