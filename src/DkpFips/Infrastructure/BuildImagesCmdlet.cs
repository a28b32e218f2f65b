using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DkpFips.Completion;
using DkpFips.Core.Catalog;
using DkpFips.Core.Registry;
using DkpFips.Core.Versioning;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// The input of the cmdlets that move a build's images (Copy-, Save-FipsBuild): builds from
    /// Get-FipsBuild or Kubernetes versions of catalog builds (Find-FipsBuild binds by property
    /// name), an optional source registry instead of the builds' own repositories, its
    /// credential, and -IncludeUpstream; all collected for EndProcessing.
    /// </summary>
    public abstract class BuildImagesCmdlet : RegistryCmdlet
    {
        private protected const string BuildSet = "Build";
        private protected const string VersionSet = "KubernetesVersion";

        private readonly List<(FipsBuildDefinition Build, RegistryReference? Source)> builds = new List<(FipsBuildDefinition, RegistryReference?)>();
        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private FipsCatalog? catalog;

        /// <summary>Builds, from Get-FipsBuild.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = BuildSet)]
        [ValidateNotNull]
        public FipsBuild[]? Build { get; set; }

        /// <summary>Kubernetes versions of catalog builds (from Find-FipsBuild by property name).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = VersionSet)]
        [ArgumentCompleter(typeof(KubernetesVersionCompleter))]
        [VersionText]
        [ValidateNotNullOrEmpty]
        public string[]? KubernetesVersion { get; set; }

        /// <summary>The registry namespace to read from instead of the builds' own repositories (Find-FipsBuild's Registry binds here).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Registry")]
        [ArgumentCompleter(typeof(RegistryCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Source { get; set; }

        /// <summary>User name and password for the source registry.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>Also pause and CoreDNS, the upstream images kubeadm pulls from the same repository.</summary>
        [Parameter]
        public SwitchParameter IncludeUpstream { get; set; }

        /// <summary>The builds collected from the pipeline, each with its source (null: its own repositories).</summary>
        private protected IReadOnlyList<(FipsBuildDefinition Build, RegistryReference? Source)> Builds => builds;

        protected override void ProcessRecord()
        {
            RegistryReference? source = null;
            if (Source is not null)
            {
                source = ParseRegistry(Source, nameof(Source));
                if (source is null)
                {
                    return;
                }
            }

            if (ParameterSetName == BuildSet)
            {
                foreach (var build in Build!)
                {
                    if (build is not null)
                    {
                        Add(build.Definition, source);
                    }
                }

                return;
            }

            catalog ??= LoadCatalog(null);
            foreach (var text in KubernetesVersion!)
            {
                if (!FipsVersion.TryParse(text, out var wanted))
                {
                    WriteError(new FipsVersionFormatException(text), ErrorIds.InvalidKubernetesVersion, ErrorCategory.InvalidArgument, text);
                    continue;
                }

                var found = catalog.Find(wanted!, null);
                if (found.Count == 0)
                {
                    var nearest = catalog.NearestKubernetesVersions(wanted!).Select(v => v.ToFlagString());
                    WriteError(new ItemNotFoundException($"No FIPS build in the catalog matches Kubernetes {text}. Nearest supported: {string.Join(", ", nearest)}."),
                        ErrorIds.FipsBuildNotFound, ErrorCategory.ObjectNotFound, text,
                        "Run Get-FipsBuild to list every build, or add a row with a catalog file if your release is newer than this module.");
                    continue;
                }

                foreach (var build in found)
                {
                    Add(build, source);
                }
            }
        }

        private void Add(FipsBuildDefinition build, RegistryReference? source)
        {
            if (!seen.Add(build.Key + "|" + source))
            {
                return;
            }

            try
            {
                FipsBuildRegistryChecker.Locate(build, source, IncludeUpstream);
                builds.Add((build, source));
            }
            catch (RegistryReferenceFormatException ex)
            {
                WriteError(ex, ErrorIds.InvalidBuildRepository, ErrorCategory.InvalidData, build.ToString(),
                    "Fix the image repository of this row in its catalog file, or give -Source.");
            }
        }

    }
}
