using System;
using System.Management.Automation;
using DkpFips.Completion;
using EngineSpec = DkpFips.Core.Batch.ClusterSpec;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// The by-property-name parameters of one cluster, shared by New-DkpFipsCluster and
    /// ConvertTo-DkpFipsPipelineMatrix so that a spec (Import-Csv row, spec file entry, matrix
    /// leg) binds the same way to both. The cluster name stays with each cmdlet: it is mandatory
    /// only where a cluster is created. Credentials stay with New-DkpFipsCluster: a matrix never
    /// carries secrets.
    /// </summary>
    public abstract class ClusterSpecCmdlet : DkpFipsCmdlet
    {
        /// <summary>aws, vsphere or preprovisioned; implied by -AmiId, -VmTemplate or -OverrideSecretName when left out.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProviderCompleter))]
        [AllowEmptyString]
        public string? Provider { get; set; }

        /// <summary>The Kubernetes version or line (1.23 picks the newest 1.23 FIPS build).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(KubernetesVersionCompleter))]
        [VersionText(Scalar = true)]
        [AllowEmptyString]
        public string? KubernetesVersion { get; set; }

        /// <summary>The etcd version (+fips.N); defaults to the build's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EtcdVersionCompleter))]
        [VersionText(Scalar = true)]
        [AllowEmptyString]
        public string? EtcdVersion { get; set; }

        /// <summary>AWS: the FIPS AMI. Binds ImageId too, so Test-FipsAmi's reports pipe in.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ImageId")]
        [AllowEmptyString]
        public string? AmiId { get; set; }

        /// <summary>A Test-FipsAmi report (piped): only a FIPS-ready AMI becomes a plan or a leg; its ImageId binds -AmiId.</summary>
        [Parameter(ValueFromPipeline = true)]
        public FipsAmiReport? AmiReport { get; set; }

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

        /// <summary>A mirror replacing docker.io/mesosphere for both image repositories.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ImageRepository { get; set; }

        /// <summary>The kubeconfig of the management cluster (where dkp and Cluster API live), passed to dkp as --kubeconfig.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ManagementKubeconfig { get; set; }

        /// <summary>The namespace of the cluster's objects on the management cluster.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Namespace { get; set; }

        /// <summary>A registry mirror dkp configures on the nodes.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? RegistryMirrorUrl { get; set; }

        /// <summary>Extra dkp arguments, passed through after DkpFips' own.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyCollection]
        public string[]? ArgumentList { get; set; }

        /// <summary>The dkp (or nkp) program; default dkp, else nkp, on PATH.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? DkpPath { get; set; }

        /// <summary>Catalog files added to the built-in catalog.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? CatalogPath { get; set; }

        /// <summary>The bound values of one cluster, as written (nothing resolved).</summary>
        private protected EngineSpec BoundSpec(string? clusterName) => new EngineSpec
        {
            ClusterName = clusterName,
            Provider = Provider,
            KubernetesVersion = KubernetesVersion,
            EtcdVersion = EtcdVersion,
            AmiId = AmiId,
            Region = Region,
            VmTemplate = VmTemplate,
            OverrideSecretName = OverrideSecretName,
            ImageRepository = ImageRepository,
            ManagementKubeconfig = ManagementKubeconfig,
            Namespace = Namespace,
            RegistryMirrorUrl = RegistryMirrorUrl,
            ArgumentList = ArgumentList ?? Array.Empty<string>(),
            DkpPath = DkpPath,
        };
    }
}
