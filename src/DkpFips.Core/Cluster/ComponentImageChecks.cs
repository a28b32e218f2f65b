using System;
using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Evidence;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// Every container in kube-system that IS a FIPS-built component (the control-plane static
    /// pods, kube-proxy, etcd) must run that component's image from the expected repository
    /// with the FIPS tag of the running version. A container is a component by what it is, not
    /// by its image: its container name, its pod's <c>component</c> label (kubeadm's static
    /// pods) or <c>k8s-app</c> label (kube-proxy's DaemonSet), or, failing those, its image
    /// name. So a control-plane container running some other image (hyperkube, a renamed or
    /// -amd64 mirror image) is checked and fails. A component that cannot be found cannot be
    /// proven FIPS.
    /// </summary>
    public static class ComponentImageChecks
    {
        public const string ComponentPresent = "ComponentPresent";

        private static readonly (string Image, string CheckName, bool IsEtcd)[] Components =
        {
            ("kube-apiserver", "ApiServerImage", false),
            ("kube-controller-manager", "ControllerManagerImage", false),
            ("kube-scheduler", "SchedulerImage", false),
            ("kube-proxy", "KubeProxyImage", false),
            ("etcd", "EtcdImage", true),
        };

        public static IEnumerable<CheckResult> Check(IEnumerable<PodInfo> kubeSystemPods, string serverVersion, FipsExpectations expected)
        {
            FipsVersion.TryParse(serverVersion, out var controlPlane);
            var kubernetesTag = controlPlane is not null && controlPlane.IsFips ? controlPlane.ToImageTag() : null;
            var etcdTag = (expected.ExpectedBuild ?? expected.CatalogBuild)?.EtcdImageTag;
            var seen = new HashSet<string>(StringComparer.Ordinal);

            foreach (var pod in kubeSystemPods)
            {
                foreach (var container in pod.Containers)
                {
                    var image = ContainerImage.Parse(container.Image);
                    var component = Identify(pod, container, image);
                    if (component.Image is null)
                    {
                        continue;
                    }

                    seen.Add(component.Image);
                    var target = "pod/" + pod.Name + (pod.Containers.Count > 1 ? "/" + container.Name : string.Empty);
                    if (!string.Equals(image.Name, component.Image, StringComparison.Ordinal))
                    {
                        yield return new CheckResult(component.CheckName, CheckStatus.Failed,
                            $"The {component.Image} container of pod {pod.Name} runs {container.Image}, which is not the {component.Image} FIPS image.", target);
                        continue;
                    }

                    yield return component.IsEtcd
                        ? CheckImage(component.CheckName, target, container.Image, image, expected.EtcdImageRepository, etcdTag, "the etcd FIPS build")
                        : CheckImage(component.CheckName, target, container.Image, image, expected.KubernetesImageRepository, kubernetesTag, "the control plane's version");
                }
            }

            foreach (var component in Components.Where(c => !seen.Contains(c.Image)))
            {
                yield return new CheckResult(
                    ComponentPresent,
                    CheckStatus.Failed,
                    $"No {component.Image} pod was found in kube-system, so its image cannot be proven FIPS.",
                    "component/" + component.Image);
            }
        }

        // Container name first, then the pod's labels (for its only container, or the container
        // of that name), then the image name: what the container is, however its image is named.
        private static (string Image, string CheckName, bool IsEtcd) Identify(PodInfo pod, ContainerInfo container, ContainerImage image)
        {
            var byName = Find(container.Name);
            if (byName.Image is not null)
            {
                return byName;
            }

            foreach (var label in new[] { "component", "k8s-app" })
            {
                if (pod.Labels.TryGetValue(label, out var value))
                {
                    var byLabel = Find(value);
                    if (byLabel.Image is not null && pod.Containers.Count == 1)
                    {
                        return byLabel;
                    }
                }
            }

            return Find(image.Name);
        }

        private static (string Image, string CheckName, bool IsEtcd) Find(string? name) =>
            Components.FirstOrDefault(c => string.Equals(c.Image, name, StringComparison.Ordinal));

        /// <summary>The etcd version the cluster's etcd pods run (from the first etcd image tag), or null.</summary>
        public static string? FindEtcdVersion(IEnumerable<PodInfo> kubeSystemPods)
        {
            foreach (var image in kubeSystemPods.SelectMany(p => p.Containers).Select(c => ContainerImage.Parse(c.Image)))
            {
                if (image.Name == "etcd" && image.Tag is not null)
                {
                    return FipsVersion.TryParse(image.Tag, out var version) ? version!.ToEtcdFlag() : image.Tag;
                }
            }

            return null;
        }

        private static CheckResult CheckImage(string name, string target, string reference, ContainerImage image, string repository, string? wantedTag, string wantedDescription)
        {
            if (image.Tag is null)
            {
                return new CheckResult(name, CheckStatus.Failed, $"{reference} has no tag, so it cannot be proven a FIPS build.", target);
            }

            if (!FipsVersion.TryParse(image.Tag, out var tagVersion) || !tagVersion!.IsFips)
            {
                return new CheckResult(name, CheckStatus.Failed, $"{reference} is not a FIPS build: its tag {image.Tag} has no _fips marker.", target);
            }

            if (!ContainerImage.SameRepository(image.Repository, repository))
            {
                return new CheckResult(name, CheckStatus.Failed, $"{reference} comes from {image.Repository}, not the FIPS repository {ContainerImage.NormalizeRepository(repository)} (use -ImageRepository for a mirror).", target);
            }

            if (wantedTag is not null && !string.Equals(image.Tag, wantedTag, StringComparison.Ordinal))
            {
                return new CheckResult(name, CheckStatus.Failed, $"{reference} is tagged {image.Tag}, but {wantedDescription} is {wantedTag}.", target);
            }

            return new CheckResult(name, CheckStatus.Passed, $"{reference} is the FIPS build.", target);
        }
    }
}
