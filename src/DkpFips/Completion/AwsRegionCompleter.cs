using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DkpFips.Core.Aws;

namespace DkpFips.Completion
{
    /// <summary>Completes AWS region names from the AWS SDK's region list; the tooltip is the region's display name.</summary>
    public sealed class AwsRegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
                return AwsRegions.Known()
                    .Where(r => r.Key.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                    .Select(r => new CompletionResult(r.Key, r.Key, CompletionResultType.ParameterValue, r.Value))
                    .ToList();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }
    }
}
