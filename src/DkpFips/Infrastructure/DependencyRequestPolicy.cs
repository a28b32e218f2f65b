using System;
using System.Collections.Generic;
using System.IO;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// Decides which assembly-resolve requests DkpFips answers on Windows PowerShell 5.1, where
    /// there is one AppDomain and an AssemblyResolve handler sees every failed load in the process.
    /// Answering all of them would hand DkpFips' private copies of YamlDotNet, AWSSDK or
    /// System.Text.Json to another module that asked for its own (the conflict the dependencies/
    /// folder exists to avoid). As PSResourceGet does, a request is answered only when it names a
    /// file of dependencies/ and comes from DkpFips itself or from an assembly loaded out of
    /// dependencies/. A request without a requesting assembly (reflection by name, which the
    /// runtime reports without one) is judged by the name alone.
    /// </summary>
    internal sealed class DependencyRequestPolicy
    {
        private readonly Dictionary<string, string> ownAssemblies;
        private readonly string moduleAssemblyPath;
        private readonly string dependencyDirectory;

        public DependencyRequestPolicy(string moduleAssemblyPath, string dependencyDirectory, IEnumerable<string> dependencyFileNames)
        {
            this.moduleAssemblyPath = Path.GetFullPath(moduleAssemblyPath);
            this.dependencyDirectory = WithTrailingSeparator(Path.GetFullPath(dependencyDirectory));
            // Assembly names are case-insensitive; the file is answered as it is named on disk.
            ownAssemblies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in dependencyFileNames)
            {
                if (string.Equals(Path.GetExtension(file), ".dll", StringComparison.OrdinalIgnoreCase))
                {
                    ownAssemblies[Path.GetFileNameWithoutExtension(file)] = Path.Combine(this.dependencyDirectory, Path.GetFileName(file));
                }
            }
        }

        /// <summary>The dependencies/ file to load for this request, or null to leave it to others.</summary>
        /// <param name="requestedName">The simple name of the assembly asked for.</param>
        /// <param name="requestingAssemblyPath">Where the asking assembly was loaded from; null when the runtime gives none, "" for an in-memory assembly.</param>
        public string? FileToAnswer(string requestedName, string? requestingAssemblyPath)
        {
            if (string.IsNullOrEmpty(requestedName) || !ownAssemblies.TryGetValue(requestedName, out var file))
            {
                return null;
            }

            if (requestingAssemblyPath is not null && !IsOwnAssembly(requestingAssemblyPath))
            {
                return null;
            }

            return file;
        }

        private bool IsOwnAssembly(string path)
        {
            if (path.Length == 0)
            {
                return false;
            }

            var full = Path.GetFullPath(path);
            return string.Equals(full, moduleAssemblyPath, StringComparison.OrdinalIgnoreCase)
                || (full.StartsWith(dependencyDirectory, StringComparison.OrdinalIgnoreCase)
                    && full.IndexOfAny(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, dependencyDirectory.Length) < 0);
        }

        private static string WithTrailingSeparator(string directory) =>
            directory.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? directory : directory + Path.DirectorySeparatorChar;
    }
}
