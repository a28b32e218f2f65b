using System;
using System.Collections.Generic;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// Plans the clusters of one batch: each request through <see cref="ClusterPlanBuilder"/>,
    /// and every cluster name once. New-DkpFipsCluster's batch mode and the pipeline matrix
    /// both validate a batch through this class, so they accept and refuse the same batches.
    /// </summary>
    public sealed class ClusterBatchPlanner
    {
        private readonly ClusterPlanBuilder builder;
        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> duplicates = new HashSet<string>(StringComparer.Ordinal);

        public ClusterBatchPlanner(ClusterPlanBuilder builder)
        {
            this.builder = builder ?? throw new ArgumentNullException(nameof(builder));
        }

        /// <summary>The plan of one cluster of the batch; a <see cref="ClusterPlanException"/> when it is refused.</summary>
        public ClusterCreatePlan Plan(ClusterCreateRequest request)
        {
            var plan = builder.Build(request);
            if (!seen.Add(plan.ClusterName))
            {
                duplicates.Add(plan.ClusterName);
                throw new ClusterPlanException(
                    ErrorKind.DuplicateClusterName,
                    $"The cluster name '{plan.ClusterName}' appears more than once in this batch; none of its rows run.",
                    plan.ClusterName,
                    "Give every cluster of a batch its own name.");
            }

            return plan;
        }

        /// <summary>True when the name came more than once: none of its rows may run.</summary>
        public bool IsDuplicate(string clusterName) => duplicates.Contains(clusterName);
    }
}
