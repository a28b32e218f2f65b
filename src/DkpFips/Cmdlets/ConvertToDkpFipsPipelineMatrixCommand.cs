using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DkpFips.Completion;
using DkpFips.Core.AzureDevOps;
using DkpFips.Core.Batch;
using DkpFips.Core.Cluster;
using DkpFips.Infrastructure;
using EngineMatrix = DkpFips.Core.Batch.PipelineMatrix;
using EngineSpec = DkpFips.Core.Batch.ClusterSpec;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Turns a batch of cluster specs into an Azure Pipelines strategy matrix, one leg per cluster, after validating the whole batch.</para>
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "DkpFipsPipelineMatrix",
        HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/ConvertTo-DkpFipsPipelineMatrix.md")]
    [OutputType(typeof(PipelineMatrix))]
    public sealed class ConvertToDkpFipsPipelineMatrixCommand : DkpFipsCmdlet
    {
        private readonly List<EngineSpec> specs = new List<EngineSpec>();
        private ClusterBatchPlanner planner = null!;
        private int invalid;

        // The same by-property-name parameters as New-DkpFipsCluster (names, aliases, types),
        // less its credentials: a matrix never carries secrets. A test keeps the two in step.

        /// <summary>The cluster name (a DNS-1123 name).</summary>
        /// <remarks>
        /// Not Mandatory, unlike New-DkpFipsCluster's: the binder would skip a row without a name
        /// (and the matrix would go out without it); here it reaches the batch validation and
        /// refuses the whole batch (InvalidClusterName).
        /// </remarks>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [AllowEmptyString]
        public string? ClusterName { get; set; }

        /// <summary>aws, vsphere or preprovisioned.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProviderCompleter))]
        [AllowEmptyString]
        public string? Provider { get; set; }

        /// <summary>The Kubernetes version or line.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(KubernetesVersionCompleter))]
        [VersionText(Scalar = true)]
        [AllowEmptyString]
        public string? KubernetesVersion { get; set; }

        /// <summary>The etcd version (+fips.N).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [VersionText(Scalar = true)]
        [AllowEmptyString]
        public string? EtcdVersion { get; set; }

        /// <summary>AWS: the FIPS AMI.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ImageId")]
        [AllowEmptyString]
        public string? AmiId { get; set; }

        /// <summary>AWS: the region.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AwsRegionCompleter))]
        [AllowEmptyString]
        public string? Region { get; set; }

        /// <summary>vSphere: the FIPS VM template.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? VmTemplate { get; set; }

        /// <summary>Pre-provisioned: the secret holding the KIB FIPS overrides.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? OverrideSecretName { get; set; }

        /// <summary>A mirror replacing docker.io/mesosphere.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ImageRepository { get; set; }

        /// <summary>The kubeconfig of the management cluster, as the agent sees it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Kubeconfig { get; set; }

        /// <summary>The namespace of the cluster objects.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Namespace { get; set; }

        /// <summary>A registry mirror dkp configures on the nodes.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? RegistryMirrorUrl { get; set; }

        /// <summary>Extra dkp arguments.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyCollection]
        public string[]? ArgumentList { get; set; }

        /// <summary>The dkp (or nkp) program on the agent.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? DkpPath { get; set; }

        /// <summary>How many legs run at once (the job's maxParallel).</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int MaxParallel { get; set; }

        /// <summary>On an Azure Pipelines agent, set the matrix JSON as this output variable.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutputVariable { get; set; }

        /// <summary>Catalog files added to the built-in catalog (as New-DkpFipsCluster's -CatalogPath).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? CatalogPath { get; set; }

        protected override void BeginProcessing()
        {
            if (OutputVariable is not null && AzureDevOpsLog.VariableName(OutputVariable) != OutputVariable)
            {
                ThrowTerminatingError(new ArgumentException($"'{OutputVariable}' is not an Azure Pipelines variable name; use letters, digits, '.' and '_'."),
                    ErrorIds.InvalidOutputVariableName, ErrorCategory.InvalidArgument, OutputVariable);
            }

            planner = new ClusterBatchPlanner(new ClusterPlanBuilder(LoadCatalog(CatalogPath)));
        }

        protected override void ProcessRecord()
        {
            var spec = new EngineSpec
            {
                ClusterName = ClusterName,
                Provider = Provider,
                KubernetesVersion = KubernetesVersion,
                EtcdVersion = EtcdVersion,
                AmiId = AmiId,
                Region = Region,
                VmTemplate = VmTemplate,
                OverrideSecretName = OverrideSecretName,
                ImageRepository = ImageRepository,
                Kubeconfig = Kubeconfig,
                Namespace = Namespace,
                RegistryMirrorUrl = RegistryMirrorUrl,
                ArgumentList = ArgumentList ?? Array.Empty<string>(),
                DkpPath = DkpPath,
            };
            specs.Add(spec);

            var request = spec.ToRequest();
            request.Executable = string.IsNullOrWhiteSpace(DkpPath) ? "dkp" : DkpPath!.Trim();
            try
            {
                planner.Plan(request);
            }
            catch (ClusterPlanException ex)
            {
                invalid++;
                var row = string.IsNullOrEmpty(ClusterName) || ex.Kind == ClusterPlanErrorKind.DuplicateClusterName ? string.Empty : $"Cluster '{ClusterName}': ";
                WriteError(new ArgumentException(row + ex.Message, ex), ClusterErrorMap.ErrorId(ex.Kind), ClusterErrorMap.Category(ex.Kind), ex.Target ?? ClusterName, ex.RecommendedAction);
            }
        }

        protected override void EndProcessing()
        {
            if (invalid > 0)
            {
                WriteError(new ArgumentException($"{invalid} of {specs.Count} cluster spec(s) are not valid; no matrix was made, so no leg runs."),
                    ErrorIds.InvalidClusterBatch, ErrorCategory.InvalidData, null, "Fix the specs named in the errors above and convert the whole batch again.");
                return;
            }

            if (specs.Count == 0)
            {
                WriteError(new ArgumentException("No cluster specs came in; a matrix needs at least one leg."),
                    ErrorIds.NoClusterSpecs, ErrorCategory.InvalidArgument, null, "Pipe in Import-DkpFipsClusterSpec or Import-Csv output.");
                return;
            }

            var matrix = EngineMatrix.Build(specs, MaxParallel);
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
