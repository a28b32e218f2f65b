using System;
using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// The Cluster API objects on the management cluster: what the next machine will be built
    /// from. The KubeadmControlPlane's version and image repositories, every MachineDeployment's
    /// version, and each machine template's image.
    /// </summary>
    public static class ClusterApiChecks
    {
        public const string ControlPlaneSpec = "ClusterApiControlPlane";
        public const string ImageRepository = "ClusterApiImageRepository";
        public const string Etcd = "ClusterApiEtcd";
        public const string MachineDeploymentVersion = "ClusterApiMachineDeployment";
        public const string MachineImage = "ClusterApiMachineImage";

        public static IEnumerable<FipsCheckResult> Check(ManagementClusterState state, string? workloadVersion, FipsExpectations expected)
        {
            FipsVersion? controlPlaneVersion = null;
            var cp = state.ControlPlane;
            if (cp is null)
            {
                yield return new FipsCheckResult(ControlPlaneSpec, FipsCheckStatus.Fail, $"Cluster {state.ClusterName} has no KubeadmControlPlane, so its control-plane build cannot be proven FIPS.", "cluster/" + state.ClusterName);
            }
            else
            {
                var target = "kubeadmcontrolplane/" + cp.Name;
                if (!FipsVersion.TryParse(cp.Version, out controlPlaneVersion) || !controlPlaneVersion!.IsFips)
                {
                    yield return new FipsCheckResult(ControlPlaneSpec, FipsCheckStatus.Fail, $"spec.version is {NodeChecks.Show(cp.Version)}, not a FIPS build: the next control-plane machine would not be FIPS.", target);
                    controlPlaneVersion = null;
                }
                else if (FipsVersion.TryParse(workloadVersion, out var running) && !running!.Equals(controlPlaneVersion))
                {
                    yield return new FipsCheckResult(ControlPlaneSpec, FipsCheckStatus.Warning, $"spec.version is {cp.Version}, but the API server reports {workloadVersion} (a rollout in progress?).", target);
                }
                else
                {
                    yield return new FipsCheckResult(ControlPlaneSpec, FipsCheckStatus.Pass, $"spec.version is {cp.Version}, a FIPS build.", target);
                }

                yield return CheckRepository(ImageRepository, "clusterConfiguration.imageRepository", cp.ImageRepository, expected.KubernetesImageRepository, target);
                yield return CheckRepository(Etcd, "etcd.local.imageRepository", cp.EtcdImageRepository, expected.EtcdImageRepository, target);
                yield return CheckEtcdTag(cp.EtcdImageTag, expected, target);
            }

            foreach (var deployment in state.MachineDeployments)
            {
                yield return CheckMachineDeployment(deployment, controlPlaneVersion);
            }

            foreach (var template in state.MachineTemplates)
            {
                yield return CheckMachineImage(template, controlPlaneVersion);
            }
        }

        private static FipsCheckResult CheckRepository(string name, string field, string? value, string expected, string target)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return new FipsCheckResult(name, FipsCheckStatus.Fail, $"{field} is not set, so new machines pull upstream (non-FIPS) images; expected {expected}.", target);
            }

            return ContainerImage.SameRepository(value!, expected)
                ? new FipsCheckResult(name, FipsCheckStatus.Pass, $"{field} is {value}.", target)
                : new FipsCheckResult(name, FipsCheckStatus.Fail, $"{field} is {value}, not the FIPS repository {expected}.", target);
        }

        private static FipsCheckResult CheckEtcdTag(string? tag, FipsExpectations expected, string target)
        {
            var wanted = (expected.ExpectedBuild ?? expected.CatalogBuild)?.EtcdImageTag;
            if (string.IsNullOrWhiteSpace(tag))
            {
                return new FipsCheckResult(Etcd, FipsCheckStatus.Fail, "etcd.local.imageTag is not set, so etcd takes kubeadm's upstream (non-FIPS) default.", target);
            }

            if (!FipsVersion.TryParse(tag, out var version) || !version!.IsFips)
            {
                return new FipsCheckResult(Etcd, FipsCheckStatus.Fail, $"etcd.local.imageTag is {tag}, not a FIPS build.", target);
            }

            if (wanted is not null && !string.Equals(tag, wanted, StringComparison.Ordinal))
            {
                return new FipsCheckResult(Etcd, FipsCheckStatus.Fail, $"etcd.local.imageTag is {tag}, but the FIPS build is {wanted}.", target);
            }

            return new FipsCheckResult(Etcd, FipsCheckStatus.Pass, $"etcd.local.imageTag is {tag}, a FIPS build.", target);
        }

        private static FipsCheckResult CheckMachineDeployment(MachineDeploymentSpec deployment, FipsVersion? controlPlane)
        {
            var target = "machinedeployment/" + deployment.Name;
            if (!FipsVersion.TryParse(deployment.Version, out var version) || !version!.IsFips)
            {
                return new FipsCheckResult(MachineDeploymentVersion, FipsCheckStatus.Fail, $"spec.template.spec.version is {NodeChecks.Show(deployment.Version)}, not a FIPS build: its new machines would not be FIPS.", target);
            }

            if (controlPlane is not null && !version.Equals(controlPlane))
            {
                return new FipsCheckResult(MachineDeploymentVersion, FipsCheckStatus.Warning, $"spec.template.spec.version is {deployment.Version}, behind the control plane's {controlPlane}: update the node pool.", target);
            }

            return new FipsCheckResult(MachineDeploymentVersion, FipsCheckStatus.Pass, $"spec.template.spec.version is {deployment.Version}, a FIPS build.", target);
        }

        private static FipsCheckResult CheckMachineImage(MachineTemplateInfo template, FipsVersion? controlPlane)
        {
            var target = template.Reference.Kind.ToLowerInvariant() + "/" + template.Reference.Name;
            if (string.IsNullOrWhiteSpace(template.Image))
            {
                return template.ImageKind is null
                    ? new FipsCheckResult(MachineImage, FipsCheckStatus.Warning, $"{template.Reference.Kind} names no machine image (pre-provisioned machines): the node checks cover their OS.", target)
                    : new FipsCheckResult(MachineImage, FipsCheckStatus.Fail, $"{template.Reference.Kind} names no {template.ImageKind}: machines would boot a default, non-FIPS image.", target);
            }

            var image = template.Image!;
            var saysFips = image.IndexOf("fips", StringComparison.OrdinalIgnoreCase) >= 0;
            if (template.ImageKind == "AMI" && image.StartsWith("ami-", StringComparison.OrdinalIgnoreCase))
            {
                // An AMI id says nothing by itself; the AMI's name and tags (in AWS) do.
                return new FipsCheckResult(MachineImage, FipsCheckStatus.Warning, $"AMI {image}: an id alone cannot prove a FIPS image; check its name and kubernetes_version tag in AWS.", target);
            }

            if (!saysFips)
            {
                return new FipsCheckResult(MachineImage, FipsCheckStatus.Fail, $"{template.ImageKind} {image} is not a FIPS image (its name has no 'fips').", target);
            }

            if (controlPlane is not null && image.IndexOf(controlPlane.PlainVersion, StringComparison.Ordinal) < 0)
            {
                return new FipsCheckResult(MachineImage, FipsCheckStatus.Warning, $"{template.ImageKind} {image} is a FIPS image, but its name does not carry the control plane's {controlPlane.PlainVersion}.", target);
            }

            return new FipsCheckResult(MachineImage, FipsCheckStatus.Pass, $"{template.ImageKind} {image} is a FIPS image.", target);
        }
    }
}
