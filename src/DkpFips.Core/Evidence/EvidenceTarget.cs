using System;
using System.Collections.Generic;
using System.Linq;

namespace DkpFips.Core.Evidence
{
    /// <summary>
    /// One thing that was checked (an AMI in a region, a cluster, a registry's copy of a build, a
    /// cluster creation) with its checks and the inputs that identify it: the unit of a report.
    /// </summary>
    public sealed class EvidenceTarget
    {
        public EvidenceTarget(string kind, string name, IEnumerable<CheckResult> checks, IEnumerable<KeyValuePair<string, string>> inputs, DateTimeOffset? checkedAt)
        {
            if (string.IsNullOrWhiteSpace(kind))
            {
                throw new ArgumentException("A target needs a kind.", nameof(kind));
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("A target needs a name.", nameof(name));
            }

            Kind = kind;
            Name = name;
            Checks = checks.ToArray();
            Inputs = inputs.Where(i => !string.IsNullOrEmpty(i.Value)).ToArray();
            CheckedAt = checkedAt;
        }

        /// <summary>What sort of target: AMI, Cluster, Registry, ClusterCreate, ClusterUpgrade.</summary>
        public string Kind { get; }

        /// <summary>How an auditor names it, e.g. <c>ami-0abc… (us-east-1)</c>.</summary>
        public string Name { get; }

        public IReadOnlyList<CheckResult> Checks { get; }

        /// <summary>What was checked, as the command saw it (image id, region, expected version...).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Inputs { get; }

        /// <summary>When the checks ran; null when the source did not say (e.g. an old saved result).</summary>
        public DateTimeOffset? CheckedAt { get; }

        /// <summary>True when there are checks and none failed or could not be made (warnings allowed).</summary>
        public bool IsCompliant => Checks.Count > 0 && !Checks.Any(c => c.IsProblem);

        public string Verdict => IsCompliant ? "Compliant" : "Not compliant";

        public string Summary => CheckSummary.Describe(Checks);

        /// <summary>The worst status of the checks with this name (a check can run once per node, pod...); null when not made.</summary>
        public CheckStatus? StatusOf(string checkName)
        {
            var statuses = Checks.Where(c => string.Equals(c.Name, checkName, StringComparison.Ordinal)).Select(c => c.Status).ToArray();
            return statuses.Length == 0 ? (CheckStatus?)null : statuses.Min();
        }

        public override string ToString() => $"{Kind} {Name}: {Verdict} ({Summary})";
    }
}
