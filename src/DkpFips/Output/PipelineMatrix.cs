using System.Collections.Specialized;
using System.Linq;
using DkpFips.Core.Batch;

namespace DkpFips
{
    /// <summary>
    /// An Azure Pipelines strategy matrix (ConvertTo-DkpFipsPipelineMatrix): one leg per
    /// cluster, each leg the DKPFIPS_* variables of its cluster. ToString() is the compact JSON
    /// a <c>matrix: $[ ... ]</c> runtime expression takes.
    /// </summary>
    public sealed class PipelineMatrix
    {
        internal PipelineMatrix(StrategyMatrix matrix, string? outputVariable)
        {
            Matrix = new OrderedDictionary(matrix.Legs.Count);
            foreach (var leg in matrix.Legs)
            {
                var variables = new OrderedDictionary(leg.Variables.Count);
                foreach (var variable in leg.Variables)
                {
                    variables.Add(variable.Key, variable.Value);
                }

                Matrix.Add(leg.Name, variables);
            }

            LegNames = matrix.Legs.Select(l => l.Name).ToArray();
            ClusterNames = matrix.Legs.Select(l => l.ClusterName).ToArray();
            LegCount = matrix.Legs.Count;
            MaxParallel = matrix.MaxParallel;
            Json = matrix.ToJson();
            OutputVariable = outputVariable;
        }

        /// <summary>Leg name to its variables (name to value), both in batch order.</summary>
        public OrderedDictionary Matrix { get; }

        /// <summary>The matrix as compact JSON.</summary>
        public string Json { get; }

        public int LegCount { get; }

        /// <summary>How many legs may run at once, for the job's maxParallel; 0 for no limit.</summary>
        public int MaxParallel { get; }

        /// <summary>The leg names, in batch order.</summary>
        public string[] LegNames { get; }

        /// <summary>The cluster of each leg, in the order of <see cref="LegNames"/>.</summary>
        public string[] ClusterNames { get; }

        /// <summary>The output variable set on an Azure Pipelines agent (-OutputVariable); null when none.</summary>
        public string? OutputVariable { get; }

        public override string ToString() => Json;
    }
}
