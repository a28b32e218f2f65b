using System;
using System.Collections.Generic;
using System.Linq;

namespace DkpFips.Core.Upgrade
{
    /// <summary>
    /// A compliance report of the cluster handed to the upgrade (Test-DkpFipsCluster's, piped):
    /// the fields the upgrade decides on. <see cref="Source"/> is the object as given, the
    /// target of a refusal, so that the error names what the user piped.
    /// </summary>
    public sealed class ReportedClusterState
    {
        public ReportedClusterState(string? clusterName, string? currentVersion, bool isFipsCompliant, string summary, IEnumerable<string> failedChecks, object? source = null)
        {
            ClusterName = clusterName;
            CurrentVersion = currentVersion;
            IsFipsCompliant = isFipsCompliant;
            Summary = summary;
            FailedChecks = (failedChecks ?? Array.Empty<string>()).ToArray();
            Source = source;
        }

        public string? ClusterName { get; }

        public string? CurrentVersion { get; }

        public bool IsFipsCompliant { get; }

        /// <summary>Counts by status, e.g. "1 failed, 31 passed".</summary>
        public string Summary { get; }

        /// <summary>Each failed check as "name" or "name target".</summary>
        public IReadOnlyList<string> FailedChecks { get; }

        public object? Source { get; }
    }
}
