using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DkpFips.Completion;
using DkpFips.Core.Catalog;
using DkpFips.Core.Errors;
using DkpFips.Core.Versioning;
using DkpFips.Infrastructure;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the FIPS builds that DKP and NKP can create clusters from.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "FipsBuild", HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/Get-FipsBuild.md")]
    [OutputType(typeof(FipsBuild))]
    public sealed class GetFipsBuildCommand : DkpFipsCmdlet
    {
        private FipsCatalog catalog = null!;
        private readonly HashSet<string> emitted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Kubernetes versions or version lines to select (1.23, v1.23.7, 1.23.7+fips.0, v1.23.7_fips.0, 1.23.7-fips.0).</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(KubernetesVersionCompleter))]
        [VersionText]
        [ValidateNotNullOrEmpty]
        public string[]? KubernetesVersion { get; set; }

        /// <summary>DKP/NKP releases to select; wildcards allowed; 2.3 selects every 2.3 and 2.3.x row; a patch release (2.3.1) selects the newest release at or below it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(DkpVersionCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? DkpVersion { get; set; }

        /// <summary>Only the newest build among those selected.</summary>
        [Parameter]
        public SwitchParameter Latest { get; set; }

        /// <summary>Catalog files whose rows are added to (or replace) the built-in ones.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? CatalogPath { get; set; }

        protected override void BeginProcessing()
        {
            catalog = LoadCatalog(CatalogPath);
        }

        protected override void ProcessRecord()
        {
            var dkpFilter = BuildDkpFilter();
            if (KubernetesVersion is null)
            {
                Emit(catalog.Find(null, dkpFilter), describeFilter: DescribeDkpFilter(), wanted: null);
                return;
            }

            foreach (var text in KubernetesVersion)
            {
                var wanted = ParseVersionOrWriteError(text);
                if (wanted is null)
                {
                    continue;
                }

                var description = "Kubernetes " + text + (DkpVersion is null ? string.Empty : " and " + DescribeDkpFilter());
                Emit(catalog.Find(wanted, dkpFilter), description, wanted);
            }
        }

        private void Emit(IReadOnlyList<FipsBuildDefinition> builds, string describeFilter, FipsVersion? wanted)
        {
            if (builds.Count == 0)
            {
                WriteNotFound(describeFilter, wanted);
                return;
            }

            var selected = Latest ? new[] { builds[builds.Count - 1] } : builds;
            foreach (var build in selected)
            {
                if (emitted.Add(build.Key))
                {
                    WriteObject(new FipsBuild(build));
                }
            }
        }

        private void WriteNotFound(string describeFilter, FipsVersion? wanted)
        {
            if (wanted is not null)
            {
                WriteError(new FipsBuildSelector(catalog).NotFound(wanted, describeFilter, describeFilter));
                return;
            }

            // A patch release that found nothing: say which rule selected nothing, not only what exists.
            var patchRule = DkpVersion is not null && DkpVersion.Any(t => DkpRelease.TryParse(t, out var r) && r.Patch is not null)
                ? " (a patch release selects the newest release of its line at or below it)"
                : string.Empty;
            var releases = catalog.Builds.Select(b => b.DkpVersion).Distinct().OrderBy(r => r, Comparer<string>.Create(DkpRelease.Compare));
            WriteError(BuildSelectionException.NotFound(describeFilter + patchRule, releases, describeFilter));
        }

        private Func<string, bool>? BuildDkpFilter()
        {
            if (DkpVersion is null)
            {
                return null;
            }

            // A release number selects rows by DkpRelease's rule (2.3 = the whole line, 2.3.3 = the
            // newest release at or below it); anything else is a wildcard pattern. A pattern that
            // is not a valid wildcard ('[') is an error about that value alone; the others still filter.
            var releases = catalog.Builds.Select(b => b.DkpVersion).ToArray();
            var selected = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var patterns = new List<WildcardPattern>();
            foreach (var text in DkpVersion)
            {
                var byNumber = DkpRelease.Select(text, releases);
                if (byNumber is not null)
                {
                    selected.UnionWith(byNumber);
                    continue;
                }

                var pattern = new WildcardPattern(DkpRelease.Normalize(text), WildcardOptions.IgnoreCase);
                try
                {
                    pattern.IsMatch(string.Empty);
                    patterns.Add(pattern);
                }
                catch (WildcardPatternException ex)
                {
                    WriteError(new ArgumentException($"-DkpVersion '{text}' is not a valid wildcard pattern: {ex.Message} Escape [ and ] with a backtick, or give a version such as 2.3.", ex),
                        ErrorKind.InvalidArgument, text);
                }
            }

            return release => selected.Contains(release) || patterns.Any(p => p.IsMatch(release));
        }

        private string DescribeDkpFilter() => DkpVersion is null ? "the catalog" : "DKP " + string.Join(", ", DkpVersion);
    }
}
