using System;
using System.Collections.Generic;
using System.Management.Automation;
using DkpFips.Completion;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// The by-property-name parameters every cluster command takes, declared once: a cluster
    /// created (New-DkpFipsCluster), put in a matrix (ConvertTo-DkpFipsPipelineMatrix) or
    /// upgraded (Update-DkpFipsCluster) binds the same record the same way. They write straight
    /// into the engine's <see cref="ClusterOptions"/>; <see cref="ClusterSpecCmdlet"/> adds the
    /// fields only a create has. Each cmdlet declares the cluster name (it is mandatory only where
    /// a cluster is created or changed) into the same options, and credentials itself (a matrix
    /// never carries secrets).
    /// </summary>
    public abstract class ClusterOptionsCmdlet : DkpFipsCmdlet
    {
        /// <summary>
        /// The cluster's fields, written straight by the parameters (the engine's options are the
        /// parameters: no copy to keep in step). PowerShell re-binds the by-property-name ones for
        /// every pipeline record, so a cmdlet takes a <see cref="ClusterOptions.Clone"/> of it per
        /// record.
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

        /// <summary>AWS: the FIPS AMI. Binds ImageId too, so Test-FipsAmi's reports pipe in.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ImageId")]
        [AllowEmptyString]
        public string? AmiId { get => Spec.AmiId; set => Spec.AmiId = value; }

        /// <summary>A Test-FipsAmi report (piped): only a FIPS-ready AMI becomes a plan, a leg or an upgrade's image; its ImageId binds -AmiId.</summary>
        [Parameter(ValueFromPipeline = true)]
        public FipsAmiReport? AmiReport { get; set; }

        /// <summary>vSphere: the FIPS VM template.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? VmTemplate { get => Spec.VmTemplate; set => Spec.VmTemplate = value; }

        /// <summary>A mirror replacing docker.io/mesosphere for both image repositories.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ImageRepository { get => Spec.ImageRepository; set => Spec.ImageRepository = value; }

        /// <summary>The kubeconfig of the management cluster (where dkp and Cluster API live), passed to dkp as --kubeconfig.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ManagementKubeconfig { get => Spec.ManagementKubeconfig; set => Spec.ManagementKubeconfig = value; }

        /// <summary>The namespace of the cluster's objects on the management cluster.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Namespace { get => Spec.Namespace; set => Spec.Namespace = value; }

        /// <summary>The dkp (or nkp) program; default dkp, else nkp, on PATH.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? DkpPath { get => Spec.DkpPath; set => Spec.DkpPath = value; }

        /// <summary>Catalog files added to the built-in catalog.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? CatalogPath { get; set; }

        /// <summary>
        /// True, after writing why, when the piped Test-FipsAmi report finds its AMI unfit: such
        /// an AMI is never <paramref name="use"/> ("used for the upgrade") as if it were fit.
        /// </summary>
        private protected bool RefusedUnfitAmi(string? clusterName, string use)
        {
            if (UnfitAmi.Problem(AmiReport, clusterName ?? string.Empty, use) is not { } unfit)
            {
                return false;
            }

            WriteError(unfit.Exception, ErrorKind.AmiNotFipsReady, AmiReport, unfit.RecommendedAction);
            return true;
        }
    }
}
