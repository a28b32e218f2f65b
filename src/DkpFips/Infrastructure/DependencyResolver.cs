using System;
using System.IO;
using System.Reflection;
using System.Threading;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// Finds DkpFips' own assemblies in the module's dependencies/ folder.
    /// On PowerShell 7 only the engine assemblies are bridged into the default context, loaded
    /// through DkpFips' private AssemblyLoadContext; their third-party libraries stay private
    /// to it. On Windows PowerShell 5.1 (one AppDomain, no load contexts) it is a LoadFrom of a
    /// dependencies/ file, only for requests that come from DkpFips' own assemblies
    /// (<see cref="DependencyRequestPolicy"/>).
    /// </summary>
    internal static class DependencyResolver
    {
        private const string LoadContextAssembly = "DkpFips.LoadContext.dll";
        private const string LoadContextType = "DkpFips.LoadContext.DependencyLoadContext";

        // The assemblies the cmdlet assembly references directly and so must be able to see.
        private static readonly string[] BridgedAssemblies = { "DkpFips.Core", "DkpFips.Kubernetes" };

        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location)!;
        private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "dependencies");

        // Load contexts are what the private-context branch needs, so that is what decides it:
        // .NET Framework lacks them, and so does Mono, whose FrameworkDescription says "Mono".
        private static readonly bool HasLoadContexts = Type.GetType("System.Runtime.Loader.AssemblyLoadContext", throwOnError: false) is not null;

        private static int registered;
        private static MethodInfo? loadBridged;
        private static DependencyRequestPolicy? frameworkPolicy;

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

            if (HasLoadContexts)
            {
                return Array.IndexOf(BridgedAssemblies, name) >= 0 ? LoadIntoPrivateContext(name) : null;
            }

            var path = FrameworkPolicy().FileToAnswer(name, RequestingPath(args.RequestingAssembly));
            return path is not null && File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }

        private static DependencyRequestPolicy FrameworkPolicy() =>
            LazyInitializer.EnsureInitialized(ref frameworkPolicy, () => new DependencyRequestPolicy(
                typeof(DependencyResolver).Assembly.Location,
                DependencyDirectory,
                Directory.Exists(DependencyDirectory) ? Directory.GetFiles(DependencyDirectory, "*.dll") : Array.Empty<string>()))!;

        private static string? RequestingPath(Assembly? requesting)
        {
            if (requesting is null)
            {
                return null;
            }

            try
            {
                return requesting.IsDynamic ? string.Empty : requesting.Location;
            }
            catch (NotSupportedException)
            {
                return string.Empty;
            }
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
