using System.Collections.Generic;
using DkpFips.Core.Process;

namespace DkpFips.Core.Cluster
{
    /// <summary>What one <c>dkp create cluster</c> run of a <see cref="ClusterCreateRun"/> came to.</summary>
    public sealed class ClusterCreateOutcome
    {
        public ClusterCreateOutcome(ClusterCreatePlan plan, RunStatus status, IReadOnlyList<ManifestCheck> checks, string? kubeconfigPath)
        {
            Plan = plan;
            Status = status;
            Checks = checks;
            KubeconfigPath = kubeconfigPath;
        }

        /// <summary>The plan that ran (its management cluster and namespace say where the new cluster's objects are).</summary>
        public ClusterCreatePlan Plan { get; }

        /// <summary>Failed also when dkp succeeded but a dry run's manifests are not FIPS.</summary>
        public RunStatus Status { get; }

        /// <summary>The FIPS checks of a dry run's manifests; none for a real run or a failed dry run.</summary>
        public IReadOnlyList<ManifestCheck> Checks { get; }

        /// <summary>The new cluster's kubeconfig (&lt;cluster&gt;.conf) when this run wrote one.</summary>
        public string? KubeconfigPath { get; }
    }
}
