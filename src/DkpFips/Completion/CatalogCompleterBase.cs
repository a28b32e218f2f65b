using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DkpFips.Core.Catalog;
using DkpFips.Infrastructure;

namespace DkpFips.Completion
{
    /// <summary>
    /// Completes a parameter from the catalog the command would see, including files given
    /// earlier on the same command line with -CatalogPath. Never throws: a completer that fails
    /// just offers nothing.
    /// </summary>
    public abstract class CatalogCompleterBase : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var catalog = CatalogSession.Load(CatalogPathsFrom(fakeBoundParameters)).Catalog;
                var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
                return Complete(catalog, typed).ToList();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        private protected abstract IEnumerable<CompletionResult> Complete(FipsCatalog catalog, string typed);

        private protected static string StripV(string text) =>
            text.Length > 0 && (text[0] == 'v' || text[0] == 'V') ? text.Substring(1) : text;

        private static IEnumerable<string>? CatalogPathsFrom(IDictionary fakeBoundParameters)
        {
            if (fakeBoundParameters is null || !fakeBoundParameters.Contains("CatalogPath"))
            {
                return null;
            }

            return LanguagePrimitives.ConvertTo<string[]>(fakeBoundParameters["CatalogPath"]);
        }
    }
}
