using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DkpFips.Core.Cluster;

namespace DkpFips.Completion
{
    /// <summary>Completes the providers that can carry a FIPS cluster.</summary>
    public sealed class ProviderCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return ClusterProvider.FipsCapable
                .Where(p => p.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(p => new CompletionResult(p, p, CompletionResultType.ParameterValue, "dkp create cluster " + p))
                .ToList();
        }
    }
}
