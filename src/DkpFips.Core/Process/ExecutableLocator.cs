using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace DkpFips.Core.Process
{
    /// <summary>Finds a program the way a shell would: a path as given, a bare name on PATH (with PATHEXT on Windows).</summary>
    public static class ExecutableLocator
    {
        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>The full path of the first candidate that exists, or null.</summary>
        public static string? Find(IEnumerable<string> candidates, string? pathVariable = null, string? workingDirectory = null)
        {
            foreach (var candidate in candidates)
            {
                var found = Find(candidate, pathVariable, workingDirectory);
                if (found is not null)
                {
                    return found;
                }
            }

            return null;
        }

        public static string? Find(string candidate, string? pathVariable = null, string? workingDirectory = null)
        {
            if (string.IsNullOrWhiteSpace(candidate))
            {
                return null;
            }

            var hasDirectory = candidate.IndexOf('/') >= 0 || (IsWindows && candidate.IndexOf('\\') >= 0);
            if (hasDirectory || Path.IsPathRooted(candidate))
            {
                var full = Path.IsPathRooted(candidate) || workingDirectory is null ? Path.GetFullPath(candidate) : Path.GetFullPath(Path.Combine(workingDirectory, candidate));
                return WithExtensions(full).FirstOrDefault(File.Exists);
            }

            var directories = (pathVariable ?? System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries);
            foreach (var directory in directories)
            {
                string full;
                try
                {
                    full = Path.Combine(directory.Trim('"'), candidate);
                }
                catch (ArgumentException)
                {
                    continue;
                }

                var hit = WithExtensions(full).FirstOrDefault(File.Exists);
                if (hit is not null)
                {
                    return hit;
                }
            }

            return null;
        }

        private static IEnumerable<string> WithExtensions(string path)
        {
            yield return path;
            if (!IsWindows || Path.HasExtension(path))
            {
                yield break;
            }

            var extensions = (System.Environment.GetEnvironmentVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD").Split(';');
            foreach (var extension in extensions.Where(e => e.Length > 0))
            {
                yield return path + extension.ToLowerInvariant();
            }
        }
    }
}
