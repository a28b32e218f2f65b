using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DkpFips.Core.Catalog;

namespace DkpFips.Completion
{
    /// <summary>Completes DKP/NKP releases that have a FIPS build in the catalog, newest first.</summary>
    public sealed class DkpVersionCompleter : CatalogCompleterBase
    {
        private protected override IEnumerable<CompletionResult> Complete(FipsCatalog catalog, string typed)
        {
            var prefix = StripV(typed);
            // Newest release first; a patch release (2.3.2) sorts above its minor (2.3).
            return catalog.Builds
                .Reverse()
                .GroupBy(b => b.DkpVersion)
                .Select(g => g.First())
                .OrderByDescending(b => b.DkpVersion, Comparer<string>.Create(DkpRelease.Compare))
                .Where(b => b.DkpVersion.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(b => new CompletionResult(
                    b.DkpVersion,
                    b.DkpVersion,
                    CompletionResultType.ParameterValue,
                    $"{b.Product} {b.DkpVersion}: Kubernetes {b.KubernetesVersion} ({b.Basis}); " + string.Join("; ", b.DescribeSupport())));
        }
    }
}
