using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DkpFips.Completion;
using DkpFips.Core.Catalog;
using DkpFips.Core.Errors;
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
        // The default set is Build: PowerShell binds a piped object in the default set first, and
        // a Find-FipsBuild object must reach -FoundBuild (its registry), not -KubernetesVersion
        // by property name (the builds' own repositories).
        private protected const string BuildSet = "Build";
        private protected const string VersionSet = "KubernetesVersion";
        private protected const string FoundSet = "FoundBuild";

        private readonly List<(FipsBuildDefinition Build, RegistryReference? Source)> builds = new List<(FipsBuildDefinition, RegistryReference?)>();
        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private FipsCatalog? catalog;

        /// <summary>Builds, from Get-FipsBuild.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = BuildSet)]
        [ValidateNotNull]
        public FipsBuild[]? Build { get; set; }

        /// <summary>Builds Find-FipsBuild found in a registry: each is read from that registry unless -Source names another.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = FoundSet)]
        [ValidateNotNull]
        public FoundFipsBuildInfo[]? FoundBuild { get; set; }

        /// <summary>Kubernetes versions of catalog builds.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = VersionSet)]
        [ArgumentCompleter(typeof(KubernetesVersionCompleter))]
        [VersionText]
        [ValidateNotNullOrEmpty]
        public string[]? KubernetesVersion { get; set; }

        /// <summary>
        /// The registry namespace to read from instead of the builds' own repositories. Never
        /// bound from a property: a catalog row's Source is its provenance, a test result's
        /// Registry may be the mirror that lacks the images.
        /// </summary>
        [Parameter]
        [ArgumentCompleter(typeof(RegistryCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Source { get; set; }

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

            if (ParameterSetName == FoundSet)
            {
                foreach (var found in FoundBuild!)
                {
                    if (found is not null)
                    {
                        AddFound(found, source);
                    }
                }

                return;
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
            var selector = new FipsBuildSelector(catalog);
            foreach (var text in KubernetesVersion!)
            {
                try
                {
                    foreach (var build in selector.FindAll(text))
                    {
                        Add(build, source);
                    }
                }
                catch (BuildSelectionException ex)
                {
                    WriteError(ex, ex.RecommendedActionWithoutCatalogPath);
                }
            }
        }

        // A found build that is incomplete where it was found, or that no catalog row describes
        // (its etcd and repositories unknown), is refused by name: it never flows on as if whole.
        private void AddFound(FoundFipsBuildInfo found, RegistryReference? source)
        {
            if (source is null && !found.IsComplete)
            {
                WriteError(new ItemNotFoundException($"{found.Registry} lacks {string.Join(", ", found.MissingComponents)} of Kubernetes {found.KubernetesVersion}: the build is incomplete there."),
                    ErrorKind.RegistryImageNotFound, found.ToString(),
                    "Copy the build from a registry that has all of it (-Source), or from its own repositories (Get-FipsBuild | ...).");
                return;
            }

            catalog ??= LoadCatalog(null);
            var builds = FipsVersion.TryParse(found.KubernetesVersion, out var version) ? catalog.Find(version!, null) : Array.Empty<FipsBuildDefinition>();
            if (builds.Count == 0)
            {
                WriteError(new ItemNotFoundException($"Kubernetes {found.KubernetesVersion} (found at {found.Registry}) has no catalog row, so its etcd build and repositories are unknown."),
                    ErrorKind.FipsBuildNotFound, found.ToString(),
                    "Add a row for it with a catalog file (Get-Help about_DkpFips), then run again.");
                return;
            }

            var from = source ?? ParseRegistry(found.Registry, nameof(FoundBuild));
            if (from is null)
            {
                return;
            }

            foreach (var build in builds)
            {
                Add(build, from);
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
                WriteError(ex, ErrorKind.InvalidBuildRepository, build.ToString(),
                    "Fix the image repository of this row in its catalog file, or give -Source.");
            }
        }

    }
}
