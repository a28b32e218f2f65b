using System;
using System.Reflection;
using System.Runtime.InteropServices;

namespace DkpFips.Core.Process
{
    /// <summary>Stops a process and everything it started.</summary>
    internal static class ProcessTree
    {
        // Process.Kill(bool entireProcessTree) exists from .NET Core 3.0 (PowerShell 7), not in netstandard2.0.
        private static readonly MethodInfo? KillTree = typeof(System.Diagnostics.Process).GetMethod("Kill", new[] { typeof(bool) });

        public static void Kill(System.Diagnostics.Process process)
        {
            try
            {
                if (process.HasExited)
                {
                    return;
                }

                if (KillTree is not null)
                {
                    KillTree.Invoke(process, new object[] { true });
                    return;
                }

                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    using var taskkill = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("taskkill", "/T /F /PID " + process.Id)
                    {
                        UseShellExecute = false,
                        CreateNoWindow = true,
                    });
                    taskkill?.WaitForExit(10000);
                    return;
                }

                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }
            catch (TargetInvocationException ex) when (ex.InnerException is InvalidOperationException || ex.InnerException is System.ComponentModel.Win32Exception)
            {
                // Exited meanwhile, or part of the tree was already gone.
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
        }
    }
}
