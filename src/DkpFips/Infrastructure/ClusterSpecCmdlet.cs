using System;
using System.Linq;
using System.Management.Automation;
using DkpFips.Completion;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// The by-property-name parameters only a cluster to create has, shared by New-DkpFipsCluster
    /// and ConvertTo-DkpFipsPipelineMatrix so that a spec (Import-Csv row, spec file entry, matrix
    /// leg) binds the same way to both; the ones an upgrade takes too come from
    /// <see cref="ClusterOptionsCmdlet"/>. Credentials stay with New-DkpFipsCluster: a matrix
    /// never carries secrets.
    /// </summary>
    public abstract class ClusterSpecCmdlet : ClusterOptionsCmdlet
    {
        /// <summary>The etcd version (+fips.N); defaults to the build's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EtcdVersionCompleter))]
        [VersionText(Scalar = true)]
        [AllowEmptyString]
        public string? EtcdVersion { get => Spec.EtcdVersion; set => Spec.EtcdVersion = value; }

        /// <summary>AWS: the region.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AwsRegionCompleter))]
        [AllowEmptyString]
        public string? Region { get => Spec.Region; set => Spec.Region = value; }

        /// <summary>Pre-provisioned: the secret holding the KIB FIPS overrides.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? OverrideSecretName { get => Spec.OverrideSecretName; set => Spec.OverrideSecretName = value; }

        /// <summary>
        /// The old name of -ManagementKubeconfig, kept only to refuse it: an old CSV's Kubeconfig
        /// column would otherwise be ignored, and dkp would create the cluster on whatever
        /// management cluster the default kubeconfig names.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        [AllowEmptyString]
        public string? Kubeconfig { get; set; }

        /// <summary>A registry mirror dkp configures on the nodes.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? RegistryMirrorUrl { get => Spec.RegistryMirrorUrl; set => Spec.RegistryMirrorUrl = value; }

        /// <summary>Extra dkp arguments, passed through after DkpFips' own.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyCollection]
        public string[]? ArgumentList { get => Spec.ArgumentList as string[] ?? Spec.ArgumentList.ToArray(); set => Spec.ArgumentList = value ?? Array.Empty<string>(); }

        /// <summary>
        /// Refuses a record that cannot be <paramref name="use"/> as it is ("put in a matrix leg"):
        /// one with a renamed field, or with a piped AMI report that finds its AMI unfit. True
        /// when the record was refused (an error record; the batch goes on).
        /// </summary>
        private protected bool RefusedRecord(string use) => RefusedRenamedField() || RefusedUnfitAmi(Spec.ClusterName, use);

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
