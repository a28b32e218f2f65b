using System;
using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Json;
using DkpFips.Core.Process;

namespace DkpFips.Core.Batch
{
    /// <summary>
    /// An Azure Pipelines <c>strategy: matrix</c> of cluster specs: one leg per cluster, each
    /// carrying the cluster's fields as DKPFIPS_* variables (see <see cref="ClusterSpecField"/>),
    /// so a leg's agent can plan and create that cluster on its own. Build it from a batch that
    /// <see cref="Cluster.ClusterBatchPlanner"/> accepted.
    /// </summary>
    public sealed class StrategyMatrix
    {
        /// <summary>
        /// Set to <c>true</c> on a leg whose cluster the catalog's release support refuses and the
        /// batch was converted with -Force: the leg's agent passes -Force to New-DkpFipsCluster for
        /// that cluster only. Absent on every other leg.
        /// </summary>
        public const string ForceVariable = "DKPFIPS_FORCE";

        private StrategyMatrix(IReadOnlyList<PipelineMatrixLeg> legs, int maxParallel)
        {
            Legs = legs;
            MaxParallel = maxParallel;
        }

        public IReadOnlyList<PipelineMatrixLeg> Legs { get; }

        /// <summary>How many legs may run at once; 0 for no limit (Azure Pipelines' own default).</summary>
        public int MaxParallel { get; }

        /// <summary>
        /// Refuses a spec that would put a secret into a leg (a secret flag in its arguments, a
        /// password in a URL): a matrix is printed to the pipeline log and saved in clear text.
        /// </summary>
        public static void RefuseSecrets(ClusterOptions spec)
        {
            var secretFlag = SecretArguments.FindSecretFlag(spec.ArgumentList);
            if (secretFlag is not null)
            {
                throw new ClusterPlanException(ErrorKind.SecretNotAllowed,
                    $"The cluster '{ClusterName.Show(spec.ClusterName)}' has the secret flag {secretFlag} in its ArgumentList; {ClusterSpecReader.SecretFlagAdvice}", secretFlag);
            }

            foreach (var field in ClusterSpecField.All)
            {
                var text = field.GetText(spec);
                if (text is not null && UrlUserInfo.Mask(text) != text)
                {
                    throw new ClusterPlanException(ErrorKind.SecretNotAllowed,
                        $"The cluster '{ClusterName.Show(spec.ClusterName)}' has a URL with a user name or password in {field.Name} ({UrlUserInfo.Mask(text)}); {ClusterSpecReader.SecretFlagAdvice}", field.Name);
                }
            }
        }

        /// <param name="specs">The batch, in order.</param>
        /// <param name="maxParallel">How many legs may run at once; 0 for no limit.</param>
        /// <param name="forced">The specs (by reference) that only -Force lets past the release's support.</param>
        public static StrategyMatrix Build(IEnumerable<ClusterOptions> specs, int maxParallel, ICollection<ClusterOptions>? forced = null)
        {
            if (maxParallel < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxParallel), "maxParallel is 0 (no limit) or more.");
            }

            var names = new MatrixLegName();
            var legs = new List<PipelineMatrixLeg>();
            foreach (var spec in specs)
            {
                RefuseSecrets(spec);
                var clusterName = (spec.ClusterName ?? string.Empty).Trim();
                var variables = new List<KeyValuePair<string, string>>();
                foreach (var field in ClusterSpecField.All)
                {
                    var value = field.GetText(spec);
                    if (value is not null)
                    {
                        variables.Add(new KeyValuePair<string, string>(field.VariableName, value));
                    }
                }

                if (forced is not null && forced.Contains(spec))
                {
                    variables.Add(new KeyValuePair<string, string>(ForceVariable, "true"));
                }

                legs.Add(new PipelineMatrixLeg(names.Next(clusterName), clusterName, variables));
            }

            return new StrategyMatrix(legs, maxParallel);
        }

        /// <summary>The matrix as compact JSON: <c>{"leg":{"DKPFIPS_CLUSTERNAME":"...",...},...}</c>.</summary>
        public string ToJson() => JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            foreach (var leg in Legs)
            {
                writer.WriteStartObject(leg.Name);
                foreach (var variable in leg.Variables)
                {
                    writer.WriteString(variable.Key, variable.Value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });
    }
}
