using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DkpFips.Core.Catalog;

namespace DkpFips.Completion
{
    /// <summary>Completes registries: the image repositories named in the catalog (docker.io/mesosphere first).</summary>
    public sealed class RegistryCompleter : CatalogCompleterBase
    {
        private protected override IEnumerable<CompletionResult> Complete(FipsCatalog catalog, string typed)
        {
            return new[] { FipsBuildDefinition.DefaultRepository }
                .Concat(catalog.Builds.SelectMany(b => new[] { b.KubernetesImageRepository, b.EtcdImageRepository }))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(r => r.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(r => new CompletionResult(r, r, CompletionResultType.ParameterValue, "Image repository of catalog builds: " + r));
        }
    }
}
