using System;
using System.Collections.Generic;
using System.Linq;

namespace DkpFips.Core.Evidence
{
    /// <summary>Everything a compliance report shows: the targets and where the verdicts came from.</summary>
    public sealed class EvidenceReport
    {
        public EvidenceReport(string title, IEnumerable<EvidenceTarget> targets, DateTimeOffset generatedAt, string moduleVersion, IEnumerable<string> catalogSources)
        {
            Title = string.IsNullOrWhiteSpace(title) ? DefaultTitle : title;
            Targets = targets.ToArray();
            GeneratedAt = generatedAt;
            ModuleVersion = moduleVersion;
            CatalogSources = catalogSources.ToArray();
        }

        public const string DefaultTitle = "DkpFips FIPS compliance report";

        public string Title { get; }

        public IReadOnlyList<EvidenceTarget> Targets { get; }

        public DateTimeOffset GeneratedAt { get; }

        public string ModuleVersion { get; }

        /// <summary>The catalog the verdicts rest on: the built-in one and every user file, with its hash.</summary>
        public IReadOnlyList<string> CatalogSources { get; }

        public int CompliantCount => Targets.Count(t => t.IsCompliant);

        public bool IsCompliant => Targets.Count > 0 && Targets.All(t => t.IsCompliant);

        public int CheckCount => Targets.Sum(t => t.Checks.Count);

        /// <summary>Checks that failed or could not be made.</summary>
        public int ProblemCount => Targets.Sum(t => t.Checks.Count(c => c.IsProblem));

        /// <summary>The kinds of target in the report, in the order they first appear.</summary>
        public IReadOnlyList<string> Kinds => Targets.Select(t => t.Kind).Distinct(StringComparer.Ordinal).ToArray();

        /// <summary>The check names of one kind, in the order they first appear: the columns of its compliance matrix.</summary>
        public IReadOnlyList<string> CheckNamesOf(string kind) =>
            Targets.Where(t => t.Kind == kind).SelectMany(t => t.Checks).Select(c => c.Name).Distinct(StringComparer.Ordinal).ToArray();
    }
}
