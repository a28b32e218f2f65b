using System;
using System.Linq;
using System.Management.Automation;
using DkpFips.Core.Evidence;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// A Test-FipsAmi report piped into a cmdlet that would use its AMI: an AMI the report has
    /// just found unfit never flows on as if it were fit (New- and Update-DkpFipsCluster).
    /// </summary>
    internal static class UnfitAmi
    {
        /// <summary>The error to write for an unfit AMI; null for a FIPS-ready one (or none).</summary>
        public static (Exception Exception, string RecommendedAction)? Problem(FipsAmiReport? report, string clusterName, string use)
        {
            if (report is null || report.IsFipsReady)
            {
                return null;
            }

            var failed = report.Checks
                .Where(c => c.Status == nameof(CheckStatus.Failed) || c.Status == nameof(CheckStatus.Error))
                .Select(c => c.Name + ": " + c.Message)
                .ToArray();
            var why = failed.Length == 0 ? report.Reason : string.Join("; ", failed);
            return (new ArgumentException($"Cluster '{clusterName}': the AMI {report.ImageId} ({report.Region}) is not FIPS-ready, so it is not {use}. Failed checks: {why}"),
                "Build a FIPS AMI with New-FipsAmi, check it with Test-FipsAmi, and pipe only a ready one.");
        }
    }
}
