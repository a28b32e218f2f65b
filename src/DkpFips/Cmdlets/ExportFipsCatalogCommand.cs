using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DkpFips.Completion;
using DkpFips.Core.Catalog;
using DkpFips.Core.Errors;
using DkpFips.Infrastructure;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Writes FIPS builds that Find-FipsBuild found in a registry as rows of a user catalog file.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "FipsCatalog", SupportsShouldProcess = true, DefaultParameterSetName = ProviderSet, HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/Export-FipsCatalog.md")]
    [OutputType(typeof(FipsBuild))]
    public sealed class ExportFipsCatalogCommand : DkpFipsCmdlet
    {
        private const string ProviderSet = "Provider";
        private const string SupportSet = "Support";

        private CatalogAdditions additions = null!;
        private FoundBuildStatement statement = null!;
        private string fullPath = string.Empty;

        /// <summary>Builds Find-FipsBuild found (DkpFips.FoundFipsBuildInfo); incomplete ones are refused by name.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [Alias("FoundBuild")]
        [ValidateNotNull]
        public FoundFipsBuildInfo[]? InputObject { get; set; }

        /// <summary>The catalog file to write (YAML, schemaVersion 2).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The DKP/NKP release that ships the builds, e.g. 2.17 or 2.17.1: a registry knows no release.</summary>
        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(DkpVersionCompleter))]
        [ValidateNotNullOrEmpty]
        public string DkpVersion { get; set; } = string.Empty;

        /// <summary>Konvoy, DKP or NKP (default NKP: releases newer than the catalog are NKP releases).</summary>
        [Parameter]
        [ValidateSet("Konvoy", "DKP", "NKP")]
        public string Product { get; set; } = "NKP";

        /// <summary>The operating systems the release supports FIPS on, per provider: @{ aws = 'RHEL 8.10'; vsphere = 'RHEL 8.10', 'Oracle Linux 8.10' }.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SupportSet)]
        [ValidateNotNull]
        public Hashtable? Support { get; set; }

        /// <summary>The providers the release supports FIPS on (with -OperatingSystem, each gets the same list).</summary>
        [Parameter(ParameterSetName = ProviderSet)]
        [ArgumentCompleter(typeof(ProviderCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Provider { get; set; }

        /// <summary>The operating systems the release supports FIPS on, on every provider given.</summary>
        [Parameter(ParameterSetName = ProviderSet)]
        [ArgumentCompleter(typeof(FipsOperatingSystemCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? OperatingSystem { get; set; }

        /// <summary>The release's FIPS etcd build; required when the registry has more than one (or none).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(EtcdVersionCompleter))]
        [ValidateNotNullOrEmpty]
        public string? EtcdVersion { get; set; }

        /// <summary>Notes written on every row, e.g. where the release's support was read.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Notes { get; set; }

        /// <summary>Catalog files whose rows count as already in the catalog (besides the built-in rows and DKPFIPS_CATALOG_PATH).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? CatalogPath { get; set; }

        /// <summary>Keeps the rows of an existing file and adds the new ones after them.</summary>
        [Parameter]
        public SwitchParameter Append { get; set; }

        /// <summary>Fails instead of replacing an existing file.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Writes the new rows, as read back from the file, as DkpFips.FipsBuild objects.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            fullPath = ResolveTarget();
            if (!DkpRelease.TryParse(DkpVersion, out _))
            {
                ThrowTerminatingError(new ArgumentException($"-DkpVersion '{Core.Process.CommandLineText.Visible(DkpVersion)}' is not a release number such as 2.17 or 2.17.1."),
                    ErrorKind.InvalidCatalogRow, DkpVersion);
            }

            IReadOnlyList<FipsBuildDefinition> existing = Array.Empty<FipsBuildDefinition>();
            if (Append && File.Exists(fullPath))
            {
                try
                {
                    existing = CatalogReader.ReadFile(fullPath);
                }
                catch (CatalogFileException ex)
                {
                    ThrowTerminatingError(ex, ErrorKind.CatalogFileInvalid, fullPath,
                        "Fix the file at the line and column shown, or write to a new file (leave out -Append).");
                }
            }

            var support = ReadSupport();

            // A provider given in -Support without any operating system states none for it.
            statement = new FoundBuildStatement(
                Product,
                DkpRelease.Normalize(DkpVersion),
                support,
                providersGiven: Support is not null || Provider is not null,
                operatingSystemsGiven: Support is not null ? support!.All(s => s.Value.Count > 0) : OperatingSystem is not null,
                EtcdVersion,
                Notes,
                DateTimeOffset.UtcNow);
            additions = new CatalogAdditions(LoadCatalog(CatalogPath).Builds, existing);
        }

        protected override void ProcessRecord()
        {
            foreach (var found in InputObject!)
            {
                if (found is not null)
                {
                    Add(found);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (additions.Added.Count == 0)
            {
                ThrowTerminatingError(new ArgumentException($"There is no new catalog row to write: no complete, uncatalogued build reached Export-FipsCatalog. '{fullPath}' was not written."),
                    ErrorKind.NoCatalogRows, fullPath,
                    "Pipe Find-FipsBuild objects, e.g. Find-FipsBuild <registry> | Where-Object { -not $_.InCatalog } | Export-FipsCatalog ...");
            }

            var action = $"Write {additions.Added.Count} catalog row(s) ({string.Join(", ", additions.Added.Select(r => r.ToString()))})" + (additions.Existing.Count > 0 ? $" after its {additions.Existing.Count} row(s)" : string.Empty);
            if (!ShouldProcess(fullPath, action))
            {
                return;
            }

            var written = WriteAtomically();
            WriteVerbose($"Wrote {additions.Added.Count} catalog row(s) to '{fullPath}'; read back with the catalog reader. Use it with Get-FipsBuild -CatalogPath or DKPFIPS_CATALOG_PATH.");
            if (PassThru)
            {
                foreach (var row in written.Where(additions.IsAdded))
                {
                    WriteObject(new FipsBuild(row));
                }
            }
        }

        private void Add(FoundFipsBuildInfo found)
        {
            FipsBuildDefinition row;
            try
            {
                row = FoundBuildRow.Create(found.Registry, found.KubernetesVersion, found.IsComplete, found.MissingComponents, found.EtcdVersions, statement);
            }
            catch (CatalogRowException ex) when (ex.Kind == ErrorKind.InvalidCatalogRow)
            {
                // The same statement goes on every row: a value the catalog refuses is a bad invocation.
                ThrowTerminatingError(ex, ErrorKind.InvalidCatalogRow, found.ToString(), "Nothing was written. Correct the value and run again.");
                return;
            }
            catch (CatalogRowException ex)
            {
                WriteError(ex, ex.Kind, found.ToString(), ex.Kind switch
                {
                    ErrorKind.RegistryImageNotFound => "Export the build from a registry that has all of it, or pass only complete builds (Find-FipsBuild -Complete).",
                    ErrorKind.EtcdVersionNotFound => "Give one of the etcd builds the registry has, or mirror the etcd image there first.",
                    _ => "Give -EtcdVersion with the etcd build the release notes name for this Kubernetes version.",
                });
                return;
            }

            if (additions.Known(row) is { } known)
            {
                WriteWarning($"Skipped {row}: the catalog already has {known.Product} {known.DkpVersion} with Kubernetes {known.KubernetesVersion.ToKubernetesFlag()} ({known.Origin}).");
                return;
            }

            if (!additions.TryAdd(row))
            {
                WriteWarning($"Skipped {row} found at {found.Registry}: the same release and Kubernetes version is already among the rows to write.");
            }
        }

        // -Support @{ aws = 'RHEL 8.10' } or -Provider/-OperatingSystem, as the row's support per provider.
        private IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>>? ReadSupport()
        {
            if (Support is not null)
            {
                if (Support.Count == 0)
                {
                    ThrowTerminatingError(new ArgumentException("-Support lists no provider: map each provider to its operating systems, e.g. @{ aws = 'RHEL 8.10' }."),
                        ErrorKind.InvalidCatalogRow, Support);
                }

                var result = new List<KeyValuePair<string, IReadOnlyList<string>>>();
                foreach (DictionaryEntry entry in Support)
                {
                    var systems = LanguagePrimitives.ConvertTo<string[]>(entry.Value) ?? Array.Empty<string>();
                    result.Add(new KeyValuePair<string, IReadOnlyList<string>>(entry.Key?.ToString() ?? string.Empty, systems));
                }

                // A hashtable has no order: write the providers in a stable one.
                return result.OrderBy(r => r.Key, StringComparer.OrdinalIgnoreCase).ToArray();
            }

            if (Provider is null && OperatingSystem is null)
            {
                return null;
            }

            var providers = Provider ?? Core.Cluster.ClusterProvider.FipsCapable.ToArray();
            var operatingSystems = OperatingSystem ?? Array.Empty<string>();
            return providers.Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p, operatingSystems)).ToArray();
        }

        private string ResolveTarget()
        {
            if (Core.Process.CommandLineText.IndexOfControl(Path) >= 0)
            {
                ThrowTerminatingError(new ArgumentException($"-Path '{Core.Process.CommandLineText.Visible(Path)}' contains a control character; a file name cannot."),
                    ErrorKind.CatalogWriteFailed, Core.Process.CommandLineText.Visible(Path));
            }

            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (Directory.Exists(path))
            {
                ThrowTerminatingError(new IOException($"-Path '{Path}' is a directory; give the path of the catalog file in it (for example {System.IO.Path.Combine(Path, "fips-catalog.yaml")})."),
                    ErrorKind.CatalogWriteFailed, path);
            }

            var directory = System.IO.Path.GetDirectoryName(path);
            if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
            {
                ThrowTerminatingError(new DirectoryNotFoundException($"The folder of the catalog file '{path}' does not exist."),
                    ErrorKind.CatalogWriteFailed, path, "Create the folder first, e.g. New-Item -ItemType Directory.");
            }

            if (NoClobber && !Append && File.Exists(path))
            {
                ThrowTerminatingError(new IOException($"The catalog file '{path}' exists and -NoClobber was given."),
                    ErrorKind.CatalogFileExists, path, "Choose another -Path, add to it with -Append, or leave out -NoClobber.");
            }

            return path;
        }

        // All or nothing (see CatalogWriter.WriteFile); every row as read back from the file.
        private IReadOnlyList<FipsBuildDefinition> WriteAtomically()
        {
            try
            {
                CatalogWriter.WriteFile(fullPath, additions.All, new[]
                {
                    "DkpFips user catalog, written by Export-FipsCatalog from builds Find-FipsBuild found in a registry.",
                    "A registry knows no release or OS support: check these rows against the vendor's release notes;",
                    "'unconfirmed' names the fields nobody stated. Use with Get-FipsBuild -CatalogPath or DKPFIPS_CATALOG_PATH.",
                });
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is CatalogFileException || ex is InvalidDataException)
            {
                ThrowTerminatingError(new IOException($"The catalog file '{fullPath}' could not be written: {ex.Message}", ex),
                    ErrorKind.CatalogWriteFailed, fullPath);
            }

            return CatalogReader.ReadFile(fullPath);
        }
    }
}
