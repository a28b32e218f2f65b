using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// Finds DkpFips' own assemblies in the module's dependencies/ folder.
    /// On PowerShell 7 only the engine assemblies are bridged into the default context, loaded
    /// through DkpFips' private AssemblyLoadContext; their third-party libraries stay private
    /// to it. On Windows PowerShell 5.1 (one AppDomain, no load contexts) it is a best-effort
    /// LoadFrom of any file in dependencies/.
    /// </summary>
    internal static class DependencyResolver
    {
        private const string LoadContextAssembly = "DkpFips.LoadContext.dll";
        private const string LoadContextType = "DkpFips.LoadContext.DependencyLoadContext";

        // The assemblies the cmdlet assembly references directly and so must be able to see.
        private static readonly string[] BridgedAssemblies = { "DkpFips.Core", "DkpFips.Kubernetes" };

        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location)!;
        private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "dependencies");
        private static readonly bool IsCoreClr = !RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        private static int registered;
        private static MethodInfo? loadBridged;

        public static void Register()
        {
            // Import-Module -Force runs OnImport again on the same loaded assembly.
            if (Interlocked.Exchange(ref registered, 1) == 0)
            {
                AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
            }
        }

        public static void Unregister()
        {
            if (Interlocked.Exchange(ref registered, 0) == 1)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
            }
        }

        private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (name is null)
            {
                return null;
            }

            if (IsCoreClr)
            {
                return Array.IndexOf(BridgedAssemblies, name) >= 0 ? LoadIntoPrivateContext(name) : null;
            }

            var path = Path.Combine(DependencyDirectory, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }

        private static Assembly? LoadIntoPrivateContext(string name)
        {
            if (!File.Exists(Path.Combine(DependencyDirectory, name + ".dll")))
            {
                return null;
            }

            if (loadBridged is null)
            {
                var contextAssembly = Assembly.LoadFrom(Path.Combine(ModuleDirectory, LoadContextAssembly));
                loadBridged = contextAssembly.GetType(LoadContextType, throwOnError: true)!.GetMethod("LoadBridged", BindingFlags.Public | BindingFlags.Static)
                    ?? throw new MissingMethodException(LoadContextType, "LoadBridged");
            }

            return (Assembly?)loadBridged.Invoke(null, new object[] { DependencyDirectory, name });
        }
    }
}
