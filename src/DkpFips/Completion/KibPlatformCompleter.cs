using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DkpFips.Core.ImageBuilder;

namespace DkpFips.Completion
{
    /// <summary>Completes the platforms Konvoy Image Builder makes FIPS images for.</summary>
    public sealed class KibPlatformCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return KibPlatform.All
                .Where(p => p.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(p => new CompletionResult(p, p, CompletionResultType.ParameterValue, "konvoy-image build " + p))
                .ToList();
        }
    }
}
