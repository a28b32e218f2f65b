using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DkpFips.Core.Catalog;

namespace DkpFips.Completion
{
    /// <summary>Completes FIPS etcd versions from the catalog, newest first; the tooltip names the builds that use each.</summary>
    public sealed class EtcdVersionCompleter : CatalogCompleterBase
    {
        private protected override IEnumerable<CompletionResult> Complete(FipsCatalog catalog, string typed)
        {
            var prefix = StripV(typed);
            return catalog.Builds
                .Reverse()
                .GroupBy(b => b.EtcdVersion.ToEtcdFlag())
                .Where(g => g.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(g => new CompletionResult(
                    g.Key,
                    g.Key,
                    CompletionResultType.ParameterValue,
                    "etcd of " + string.Join(", ", g.Select(b => $"{b.Product} {b.DkpVersion}").Reverse())));
        }
    }
}
