using System;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// The cluster cmdlets' door to DkpFips.Kubernetes (KubernetesClient, net8.0): refused on
    /// Windows PowerShell 5.1 with a clear error, loaded by name on PowerShell 7 (the resolver
    /// bridges it into the private load context), and reached only through IClusterReader.
    /// </summary>
    internal static class KubernetesRuntime
    {
        private const string AssemblyName = "DkpFips.Kubernetes";
        private const string ReaderType = "DkpFips.Kubernetes.KubernetesClusterReader";

        /// <summary>
        /// Null when <paramref name="frameworkDescription"/> is .NET (PowerShell 7); otherwise the
        /// error to stop with. A seam: tests pass Windows PowerShell's description.
        /// </summary>
        public static ErrorRecord? CheckSupported(string frameworkDescription, string commandName)
        {
            if (!frameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var exception = new PlatformNotSupportedException(
                $"{commandName} needs PowerShell 7.4 or later: it reads clusters with KubernetesClient, which has no build for Windows PowerShell 5.1 ({frameworkDescription}).");
            return ErrorMap.Record(exception, ErrorKind.RequiresPowerShell7, commandName, "Run the command in pwsh 7.4+ (https://aka.ms/powershell); the rest of DkpFips works in both.");
        }

        public static ErrorRecord? CheckSupported(string commandName) => CheckSupported(RuntimeInformation.FrameworkDescription, commandName);

        public static IClusterReader CreateReader()
        {
            var assembly = Assembly.Load(new AssemblyName(AssemblyName));
            var type = assembly.GetType(ReaderType, throwOnError: true)!;
            return (IClusterReader)Activator.CreateInstance(type)!;
        }
    }
}
