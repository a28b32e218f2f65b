using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace DkpFips.LoadContext
{
    /// <summary>
    /// Loads the DkpFips engine and its libraries (YamlDotNet, AWSSDK, KubernetesClient) from the
    /// module's dependencies/ folder into one private context, so another module's copy of the
    /// same library (AWS.Tools, Az.Aks, powershell-yaml, PlatyPS) never meets ours, whichever
    /// loads first.
    /// </summary>
    public sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private static readonly object Gate = new object();
        private static DependencyLoadContext? instance;

        private readonly string dependencyDirectory;
        private readonly HashSet<string> frameworkAssemblies;

        private DependencyLoadContext(string dependencyDirectory)
            : base("DkpFips", isCollectible: false)
        {
            this.dependencyDirectory = dependencyDirectory;
            frameworkAssemblies = ReadFrameworkAssemblyNames();
        }

        /// <summary>
        /// Called by the cmdlet assembly (through reflection: it targets netstandard2.0) when the
        /// default context cannot find one of the bridged assemblies. Returns the copy loaded in
        /// the private context, which the cmdlet assembly then binds to.
        /// </summary>
        public static Assembly LoadBridged(string dependencyDirectory, string assemblyName)
        {
            lock (Gate)
            {
                instance ??= new DependencyLoadContext(dependencyDirectory);
            }

            return instance.LoadFromAssemblyName(new AssemblyName(assemblyName));
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var name = assemblyName.Name;
            if (name is null || frameworkAssemblies.Contains(name))
            {
                // Framework assemblies and polyfills the runtime already has come from the
                // default context: two copies of System.Text.Json in one process break casts.
                return null;
            }

            var path = Path.Combine(dependencyDirectory, name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        private static HashSet<string> ReadFrameworkAssemblyNames()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
            {
                foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    names.Add(Path.GetFileNameWithoutExtension(path));
                }
            }

            return names;
        }
    }
}
