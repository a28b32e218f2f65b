using System;
using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Evidence;
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

        public static IEnumerable<CheckResult> Check(ManagementClusterState state, string? workloadVersion, FipsExpectations expected)
        {
            FipsVersion? controlPlaneVersion = null;
            var cp = state.ControlPlane;
            if (cp is null)
            {
                yield return new CheckResult(ControlPlaneSpec, CheckStatus.Failed, $"Cluster {state.ClusterName} has no KubeadmControlPlane, so its control-plane build cannot be proven FIPS.", "cluster/" + state.ClusterName);
            }
            else
            {
                var target = "kubeadmcontrolplane/" + cp.Name;
                if (!FipsVersion.TryParse(cp.Version, out controlPlaneVersion) || !controlPlaneVersion!.IsFips)
                {
                    yield return new CheckResult(ControlPlaneSpec, CheckStatus.Failed, $"spec.version is {NodeChecks.Show(cp.Version)}, not a FIPS build: the next control-plane machine would not be FIPS.", target);
                    controlPlaneVersion = null;
                }
                else if (FipsVersion.TryParse(workloadVersion, out var running) && !running!.Equals(controlPlaneVersion))
                {
                    yield return new CheckResult(ControlPlaneSpec, CheckStatus.Warning, $"spec.version is {cp.Version}, but the API server reports {workloadVersion} (a rollout in progress?).", target);
                }
                else
                {
                    yield return new CheckResult(ControlPlaneSpec, CheckStatus.Passed, $"spec.version is {cp.Version}, a FIPS build.", target);
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

        private static CheckResult CheckRepository(string name, string field, string? value, string expected, string target)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return new CheckResult(name, CheckStatus.Failed, $"{field} is not set, so new machines pull upstream (non-FIPS) images; expected {expected}.", target);
            }

            return ContainerImage.SameRepository(value!, expected)
                ? new CheckResult(name, CheckStatus.Passed, $"{field} is {value}.", target)
                : new CheckResult(name, CheckStatus.Failed, $"{field} is {value}, not the FIPS repository {expected}.", target);
        }

        private static CheckResult CheckEtcdTag(string? tag, FipsExpectations expected, string target)
        {
            var wanted = (expected.ExpectedBuild ?? expected.CatalogBuild)?.EtcdImageTag;
            if (string.IsNullOrWhiteSpace(tag))
            {
                return new CheckResult(Etcd, CheckStatus.Failed, "etcd.local.imageTag is not set, so etcd takes kubeadm's upstream (non-FIPS) default.", target);
            }

            if (!FipsVersion.TryParse(tag, out var version) || !version!.IsFips)
            {
                return new CheckResult(Etcd, CheckStatus.Failed, $"etcd.local.imageTag is {tag}, not a FIPS build.", target);
            }

            if (wanted is not null && !string.Equals(tag, wanted, StringComparison.Ordinal))
            {
                return new CheckResult(Etcd, CheckStatus.Failed, $"etcd.local.imageTag is {tag}, but the FIPS build is {wanted}.", target);
            }

            return new CheckResult(Etcd, CheckStatus.Passed, $"etcd.local.imageTag is {tag}, a FIPS build.", target);
        }

        private static CheckResult CheckMachineDeployment(MachineDeploymentSpec deployment, FipsVersion? controlPlane)
        {
            var target = "machinedeployment/" + deployment.Name;
            if (!FipsVersion.TryParse(deployment.Version, out var version) || !version!.IsFips)
            {
                return new CheckResult(MachineDeploymentVersion, CheckStatus.Failed, $"spec.template.spec.version is {NodeChecks.Show(deployment.Version)}, not a FIPS build: its new machines would not be FIPS.", target);
            }

            if (controlPlane is not null && !version.Equals(controlPlane))
            {
                return new CheckResult(MachineDeploymentVersion, CheckStatus.Warning, $"spec.template.spec.version is {deployment.Version}, behind the control plane's {controlPlane}: update the node pool.", target);
            }

            return new CheckResult(MachineDeploymentVersion, CheckStatus.Passed, $"spec.template.spec.version is {deployment.Version}, a FIPS build.", target);
        }

        private static CheckResult CheckMachineImage(MachineTemplateInfo template, FipsVersion? controlPlane)
        {
            var target = template.Reference.Kind.ToLowerInvariant() + "/" + template.Reference.Name;
            if (string.IsNullOrWhiteSpace(template.Image))
            {
                return template.ImageKind is null
                    ? new CheckResult(MachineImage, CheckStatus.Warning, $"{template.Reference.Kind} names no machine image (pre-provisioned machines): the node checks cover their OS.", target)
                    : new CheckResult(MachineImage, CheckStatus.Failed, $"{template.Reference.Kind} names no {template.ImageKind}: machines would boot a default, non-FIPS image.", target);
            }

            var image = template.Image!;
            var saysFips = image.IndexOf("fips", StringComparison.OrdinalIgnoreCase) >= 0;
            if (template.ImageKind == "AMI" && image.StartsWith("ami-", StringComparison.OrdinalIgnoreCase))
            {
                // An AMI id says nothing by itself; the AMI's name and tags (in AWS) do.
                return new CheckResult(MachineImage, CheckStatus.Warning, $"AMI {image}: an id alone cannot prove a FIPS image; check its name and kubernetes_version tag in AWS.", target);
            }

            if (!saysFips)
            {
                return new CheckResult(MachineImage, CheckStatus.Failed, $"{template.ImageKind} {image} is not a FIPS image (its name has no 'fips').", target);
            }

            if (controlPlane is not null && image.IndexOf(controlPlane.PlainVersion, StringComparison.Ordinal) < 0)
            {
                return new CheckResult(MachineImage, CheckStatus.Warning, $"{template.ImageKind} {image} is a FIPS image, but its name does not carry the control plane's {controlPlane.PlainVersion}.", target);
            }

            return new CheckResult(MachineImage, CheckStatus.Passed, $"{template.ImageKind} {image} is a FIPS image.", target);
        }
    }
}
