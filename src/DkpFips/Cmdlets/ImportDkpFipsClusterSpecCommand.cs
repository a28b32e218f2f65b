using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using DkpFips.Core.Batch;
using DkpFips.Core.Errors;
using DkpFips.Infrastructure;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Reads a YAML batch of cluster specs (defaults plus a list of clusters) for New-DkpFipsCluster.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "DkpFipsClusterSpec", DefaultParameterSetName = PathSet,
        HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/Import-DkpFipsClusterSpec.md")]
    [OutputType(typeof(ClusterSpec))]
    public sealed class ImportDkpFipsClusterSpecCommand : DkpFipsCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>Spec files; wildcards are expanded.</summary>
        /// <remarks>Not by property name: another cmdlet's Path (an exported report) is not a spec file.</remarks>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = null!;

        /// <summary>Spec files, taken exactly as written (no wildcards).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = null!;

        protected override void ProcessRecord()
        {
            foreach (var file in ResolveFiles())
            {
                IReadOnlyList<Core.Cluster.ClusterOptions> specs;
                try
                {
                    specs = ClusterSpecReader.ReadFile(file);
                }
                catch (ClusterSpecFileException ex)
                {
                    WriteError(ex,
                        ex.Kind,
                        file,
                        ex.IsMissingFile ? null : "Fix the file at the line and column shown; no cluster of this file was emitted.");
                    continue;
                }

                WriteVerbose($"{file}: {specs.Count} cluster(s).");
                foreach (var spec in specs)
                {
                    WriteObject(new ClusterSpec(spec));
                }
            }
        }

        private IEnumerable<string> ResolveFiles()
        {
            if (ParameterSetName == LiteralPathSet)
            {
                foreach (var path in LiteralPath)
                {
                    yield return SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                }

                yield break;
            }

            foreach (var path in Path)
            {
                var files = new List<string>();
                ProviderInfo? provider = null;
                try
                {
                    files.AddRange(SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider));
                }
                catch (ItemNotFoundException)
                {
                }

                if (provider is not null && provider.Name != "FileSystem")
                {
                    WriteError(new ArgumentException($"'{path}' is not a file system path; a cluster spec is a file."),
                        ErrorKind.ClusterSpecFileNotFound, path);
                    continue;
                }

                if (files.Count == 0)
                {
                    WriteError(new FileNotFoundException($"No cluster spec file matches '{path}'.", path),
                        ErrorKind.ClusterSpecFileNotFound, path);
                    continue;
                }

                foreach (var file in files)
                {
                    yield return file;
                }
            }
        }
    }
}
