using System.Collections.Generic;
using System.Linq;

namespace DkpFips.Core.Evidence
{
    /// <summary>Counts of checks by status, in words: "1 failed, 2 warnings, 31 passed".</summary>
    public static class CheckSummary
    {
        public static string Describe(IEnumerable<CheckResult> checks)
        {
            var counts = checks.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Count());
            var parts = new List<string>();
            foreach (var status in new[] { CheckStatus.Failed, CheckStatus.Error, CheckStatus.Warning, CheckStatus.Skipped, CheckStatus.Passed })
            {
                if (counts.TryGetValue(status, out var n))
                {
                    parts.Add(n + " " + Word(status, n));
                }
            }

            return parts.Count == 0 ? "no checks" : string.Join(", ", parts);
        }

        private static string Word(CheckStatus status, int count) => status switch
        {
            CheckStatus.Error => count == 1 ? "error" : "errors",
            CheckStatus.Warning => count == 1 ? "warning" : "warnings",
            _ => status.ToString().ToLowerInvariant(),
        };
    }
}
