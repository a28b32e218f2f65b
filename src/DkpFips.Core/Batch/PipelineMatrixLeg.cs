using System.Collections.Generic;

namespace DkpFips.Core.Batch
{
    /// <summary>One leg of a matrix: one cluster, its variables in field order (only the fields it gives).</summary>
    public sealed class PipelineMatrixLeg
    {
        public PipelineMatrixLeg(string name, string clusterName, IReadOnlyList<KeyValuePair<string, string>> variables)
        {
            Name = name;
            ClusterName = clusterName;
            Variables = variables;
        }

        /// <summary>The leg name (a valid Azure Pipelines matrix configuration name).</summary>
        public string Name { get; }

        public string ClusterName { get; }

        /// <summary>DKPFIPS_* variable names and values.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Variables { get; }
    }
}
