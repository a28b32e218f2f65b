using System;
using System.Collections.Generic;
using System.Management.Automation;
using DkpFips.Core.AzureDevOps;
using DkpFips.Core.Batch;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Infrastructure;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Turns a batch of cluster specs into an Azure Pipelines strategy matrix, one leg per cluster, after validating the whole batch.</para>
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "DkpFipsPipelineMatrix",
        HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/ConvertTo-DkpFipsPipelineMatrix.md")]
    [OutputType(typeof(PipelineMatrix))]
    public sealed class ConvertToDkpFipsPipelineMatrixCommand : ClusterSpecCmdlet
    {
        private readonly List<ClusterOptions> specs = new List<ClusterOptions>();
        private readonly HashSet<ClusterOptions> forced = new HashSet<ClusterOptions>();
        private ClusterBatchPlanner planner = null!;
        private int invalid;

        // The spec parameters come from ClusterSpecCmdlet, shared with New-DkpFipsCluster (less
        // its credentials: a matrix never carries secrets). A test keeps the two in step.

        /// <summary>The cluster name (a DNS-1123 name).</summary>
        /// <remarks>
        /// Not Mandatory, unlike New-DkpFipsCluster's: the binder would skip a row without a name
        /// (and the matrix would go out without it); here it reaches the batch validation and
        /// refuses the whole batch (InvalidClusterName).
        /// </remarks>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ClusterName { get => Spec.ClusterName; set => Spec.ClusterName = value; }

        /// <summary>How many legs run at once (the job's maxParallel).</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int MaxParallel { get; set; }

        /// <summary>Let clusters past the catalog's release support (with a warning); their legs carry DKPFIPS_FORCE=true.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>On an Azure Pipelines agent, set the matrix JSON as this output variable.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutputVariable { get; set; }

        protected override void BeginProcessing()
        {
            if (OutputVariable is not null && AzureDevOpsLog.VariableName(OutputVariable) != OutputVariable)
            {
                ThrowTerminatingError(new ArgumentException($"'{OutputVariable}' is not an Azure Pipelines variable name; use letters, digits, '.' and '_'."),
                    ErrorKind.InvalidOutputVariableName, OutputVariable);
            }

            planner = new ClusterBatchPlanner(new ClusterPlanBuilder(LoadCatalog(CatalogPath)));
        }

        protected override void ProcessRecord()
        {
            var spec = Spec.Clone();
            specs.Add(spec);
            if (RefusedRecord("put in a matrix leg"))
            {
                invalid++;
                return;
            }

            try
            {
                // Validation only: the leg runs dkp on an agent, where New-DkpFipsCluster resolves -DkpPath.
                var plan = planner.Plan(new ClusterCreateRequest(spec) { Force = Force });
                StrategyMatrix.RefuseSecrets(spec);
                if (ReleaseSupport.ForcedPast(plan.Build, plan.Provider) is { } forcedPast)
                {
                    // Only this leg is forced on its agent: the others keep the refusal.
                    WriteWarning($"Cluster '{plan.ClusterName}': {forcedPast} Its leg carries {StrategyMatrix.ForceVariable}=true.");
                    forced.Add(spec);
                }
            }
            catch (DkpFipsException ex)
            {
                invalid++;
                WritePlanError(ex);
            }
        }

        protected override void EndProcessing()
        {
            if (invalid > 0)
            {
                WriteError(new ArgumentException($"{invalid} of {specs.Count} cluster spec(s) are not valid; no matrix was made, so no leg runs."),
                    ErrorKind.InvalidClusterBatch, null, "Fix the specs named in the errors above and convert the whole batch again.");
                return;
            }

            if (specs.Count == 0)
            {
                WriteError(new ArgumentException("No cluster specs came in; a matrix needs at least one leg."),
                    ErrorKind.NoClusterSpecs, null, "Pipe in Import-DkpFipsClusterSpec or Import-Csv output.");
                return;
            }

            var matrix = StrategyMatrix.Build(specs, MaxParallel, forced);
            var output = new PipelineMatrix(matrix, OutputVariable);
            WriteVerbose($"Matrix of {output.LegCount} leg(s): {string.Join(", ", output.LegNames)}.");
            if (OutputVariable is not null)
            {
                if (IsAzurePipelinesAgent)
                {
                    WriteAgentLine(AzureDevOpsLog.SetOutputVariable(OutputVariable, output.Json));
                    if (MaxParallel > 0)
                    {
                        WriteAgentLine(AzureDevOpsLog.SetOutputVariable(OutputVariable + "MaxParallel", MaxParallel.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }
                }
                else
                {
                    WriteVerbose($"Not on an Azure Pipelines agent ({AzureDevOpsLog.AgentVariable} is not True): the output variable {OutputVariable} is not set.");
                }
            }

            WriteObject(output);
        }
    }
}
