using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DkpFips.Core.Catalog;

namespace DkpFips.Completion
{
    /// <summary>Completes FIPS Kubernetes versions from the catalog, newest first; "1.2" or "v1.2" both match.</summary>
    public sealed class KubernetesVersionCompleter : CatalogCompleterBase
    {
        private protected override IEnumerable<CompletionResult> Complete(FipsCatalog catalog, string typed)
        {
            var prefix = StripV(typed);
            return catalog.Builds
                .Reverse()
                .GroupBy(b => b.KubernetesVersion)
                .Select(g => g.First())
                .Where(b => b.KubernetesVersion.ToKubernetesFlag().StartsWith("v" + prefix, StringComparison.OrdinalIgnoreCase))
                .Select(b => new CompletionResult(
                    b.KubernetesVersion.ToKubernetesFlag(),
                    b.KubernetesVersion.ToKubernetesFlag(),
                    CompletionResultType.ParameterValue,
                    $"{b.Product} {b.DkpVersion} ({b.Basis}): etcd {b.EtcdVersion.ToEtcdFlag()}"));
        }
    }
}
