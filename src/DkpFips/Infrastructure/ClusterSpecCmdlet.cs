using System;
using System.Linq;
using System.Management.Automation;
using DkpFips.Completion;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// The by-property-name parameters of one cluster, shared by New-DkpFipsCluster and
    /// ConvertTo-DkpFipsPipelineMatrix so that a spec (Import-Csv row, spec file entry, matrix
    /// leg) binds the same way to both. Each cmdlet declares the cluster name (it is mandatory
    /// only where a cluster is created), which writes into the same spec. Credentials stay with
    /// New-DkpFipsCluster: a matrix never carries secrets.
    /// </summary>
    public abstract class ClusterSpecCmdlet : DkpFipsCmdlet
    {
        /// <summary>
        /// The cluster's fields, written straight by the parameters below (the engine's options
        /// are the parameters: no copy to keep in step). PowerShell re-binds the by-property-name
        /// ones for every pipeline record, so a cmdlet takes a <see cref="ClusterOptions.Clone"/>
        /// of it per record.
        /// </summary>
        private protected ClusterOptions Spec { get; } = new ClusterOptions();

        /// <summary>aws, vsphere or preprovisioned; implied by -AmiId, -VmTemplate or -OverrideSecretName when left out.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProviderCompleter))]
        [AllowEmptyString]
        public string? Provider { get => Spec.Provider; set => Spec.Provider = value; }

        /// <summary>The Kubernetes version or line (1.23 picks the newest 1.23 FIPS build).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(KubernetesVersionCompleter))]
        [VersionText(Scalar = true)]
        [AllowEmptyString]
        public string? KubernetesVersion { get => Spec.KubernetesVersion; set => Spec.KubernetesVersion = value; }

        /// <summary>The etcd version (+fips.N); defaults to the build's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EtcdVersionCompleter))]
        [VersionText(Scalar = true)]
        [AllowEmptyString]
        public string? EtcdVersion { get => Spec.EtcdVersion; set => Spec.EtcdVersion = value; }

        /// <summary>AWS: the FIPS AMI. Binds ImageId too, so Test-FipsAmi's reports pipe in.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ImageId")]
        [AllowEmptyString]
        public string? AmiId { get => Spec.AmiId; set => Spec.AmiId = value; }

        /// <summary>A Test-FipsAmi report (piped): only a FIPS-ready AMI becomes a plan or a leg; its ImageId binds -AmiId.</summary>
        [Parameter(ValueFromPipeline = true)]
        public FipsAmiReport? AmiReport { get; set; }

        /// <summary>AWS: the region.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AwsRegionCompleter))]
        [AllowEmptyString]
        public string? Region { get => Spec.Region; set => Spec.Region = value; }

        /// <summary>vSphere: the FIPS VM template.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? VmTemplate { get => Spec.VmTemplate; set => Spec.VmTemplate = value; }

        /// <summary>Pre-provisioned: the secret holding the KIB FIPS overrides.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? OverrideSecretName { get => Spec.OverrideSecretName; set => Spec.OverrideSecretName = value; }

        /// <summary>A mirror replacing docker.io/mesosphere for both image repositories.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ImageRepository { get => Spec.ImageRepository; set => Spec.ImageRepository = value; }

        /// <summary>The kubeconfig of the management cluster (where dkp and Cluster API live), passed to dkp as --kubeconfig.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ManagementKubeconfig { get => Spec.ManagementKubeconfig; set => Spec.ManagementKubeconfig = value; }

        /// <summary>
        /// The old name of -ManagementKubeconfig, kept only to refuse it: an old CSV's Kubeconfig
        /// column would otherwise be ignored, and dkp would create the cluster on whatever
        /// management cluster the default kubeconfig names.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        [AllowEmptyString]
        public string? Kubeconfig { get; set; }

        /// <summary>The namespace of the cluster's objects on the management cluster.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Namespace { get => Spec.Namespace; set => Spec.Namespace = value; }

        /// <summary>A registry mirror dkp configures on the nodes.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? RegistryMirrorUrl { get => Spec.RegistryMirrorUrl; set => Spec.RegistryMirrorUrl = value; }

        /// <summary>Extra dkp arguments, passed through after DkpFips' own.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyCollection]
        public string[]? ArgumentList { get => Spec.ArgumentList as string[] ?? Spec.ArgumentList.ToArray(); set => Spec.ArgumentList = value ?? Array.Empty<string>(); }

        /// <summary>The dkp (or nkp) program; default dkp, else nkp, on PATH.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? DkpPath { get => Spec.DkpPath; set => Spec.DkpPath = value; }

        /// <summary>Catalog files added to the built-in catalog.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? CatalogPath { get; set; }

        /// <summary>
        /// Refuses a record that still uses a renamed field (an error record; the batch goes on),
        /// so that the value is never silently dropped. True when the record was refused.
        /// </summary>
        private protected bool RefusedRenamedField()
        {
            if (string.IsNullOrEmpty(Kubeconfig))
            {
                return false;
            }

            var name = Spec.ClusterName;
            var row = string.IsNullOrEmpty(name) ? string.Empty : $"Cluster '{name}': ";
            WriteError(
                new ArgumentException(row + "Kubeconfig was renamed ManagementKubeconfig (the management cluster dkp creates the cluster from); nothing was done with this cluster."),
                ErrorKind.ParameterRenamed, name,
                "Rename the CSV column (or the parameter) Kubeconfig to ManagementKubeconfig.");
            return true;
        }

        /// <summary>
        /// A refused cluster as an error record, the same for a create and a matrix: the batch goes
        /// on. The message names the cluster (a duplicate's message names it already).
        /// </summary>
        private protected void WritePlanError(DkpFipsException ex)
        {
            var name = Spec.ClusterName;
            var row = string.IsNullOrEmpty(name) || ex.Kind == ErrorKind.DuplicateClusterName ? string.Empty : $"Cluster '{name}': ";
            WriteError(new ArgumentException(row + ex.Message, ex), ex.Kind, ex.Target ?? name, ex.RecommendedAction);
        }
    }
}
