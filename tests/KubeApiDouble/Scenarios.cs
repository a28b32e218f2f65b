using System;
using System.Collections.Generic;

namespace KubeApiDouble
{
    /// <summary>
    /// Named test clusters. "compliant": a DKP 2.3 FIPS cluster (3 control-plane nodes, 3
    /// workers, RHEL 8.4). The others change one thing: "mixed" (one worker on a non-FIPS kubelet
    /// and Ubuntu), "kubeproxy-left" (upgraded to 1.22.8 but kube-proxy still on 1.21.6),
    /// "etcd-nonfips" (upstream etcd), "mirror" (every image from a private mirror),
    /// "capi-nonfips" (Cluster API objects would build non-FIPS machines), "vsphere" (vSphere
    /// templates), "large" (500 nodes, 3,000 kube-system pods), "v1.21" and "v1.22" (compliant at
    /// DKP 2.1's and 2.2's builds: before and after an upgrade).
    /// </summary>
    public static class Scenarios
    {
        public const string ClusterName = "fips-cluster";
        public const string Namespace = "default";
        private const string Fips = "docker.io/mesosphere";

        public static IReadOnlyList<string> Names { get; } = new[] { "compliant", "mixed", "kubeproxy-left", "etcd-nonfips", "mirror", "capi-nonfips", "vsphere", "large", "v1.21", "v1.22" };

        public static Fixture Create(string name)
        {
            switch (name)
            {
                case "compliant":
                    return Build(3, 3, 0);
                case "mixed":
                    {
                        var f = Build(3, 3, 0);
                        f.Nodes[4] = KubeObjects.Node("worker-2", "v1.23.7", "Ubuntu 20.04.4 LTS", false);
                        return f;
                    }

                case "kubeproxy-left":
                    return Build(3, 3, 0, kubernetes: "v1.22.8+fips.0", kubeProxyTag: "v1.21.6_fips.0");
                case "etcd-nonfips":
                    return Build(3, 3, 0, etcdImage: "k8s.gcr.io/etcd:3.5.1-0");
                case "mirror":
                    return Build(3, 3, 0, repository: "registry.example.internal:5000/mesosphere");
                case "capi-nonfips":
                    return Build(3, 3, 0, capiVersion: "v1.23.7", capiRepository: "k8s.gcr.io", capiEtcdTag: "3.5.1-0");
                case "vsphere":
                    return Build(3, 3, 0, vsphere: true);
                case "v1.21":
                    return Build(3, 3, 0, kubernetes: "v1.21.6+fips.0");
                case "v1.22":
                    return Build(3, 3, 0, kubernetes: "v1.22.8+fips.0");
                case "large":
                    return Build(3, 497, 3000);
                default:
                    throw new ArgumentException($"Unknown scenario '{name}'. Known: {string.Join(", ", Names)}.");
            }
        }

        private static Fixture Build(
            int controlPlanes,
            int workers,
            int totalPods,
            string kubernetes = "v1.23.7+fips.0",
            string? kubeProxyTag = null,
            string? etcdImage = null,
            string repository = Fips,
            string? capiVersion = null,
            string? capiRepository = null,
            string? capiEtcdTag = null,
            bool vsphere = false)
        {
            var tag = kubernetes.Replace('+', '_');
            var etcdTag = "v3.4.13_fips.0";
            var fixture = new Fixture { GitVersion = kubernetes };
            const string os = "Red Hat Enterprise Linux 8.4 (Ootpa)";
            var nodeNames = new List<string>();
            for (var i = 0; i < controlPlanes; i++)
            {
                var node = $"control-plane-{i}";
                nodeNames.Add(node);
                fixture.Nodes.Add(KubeObjects.Node(node, kubernetes, os, true));
                foreach (var component in new[] { "kube-apiserver", "kube-controller-manager", "kube-scheduler" })
                {
                    fixture.KubeSystemPods.Add(KubeObjects.Pod(component + "-" + node, node, StaticPodLabels(component), (component, $"{repository}/{component}:{tag}")));
                }

                fixture.KubeSystemPods.Add(KubeObjects.Pod("etcd-" + node, node, StaticPodLabels("etcd"), ("etcd", etcdImage ?? $"{repository}/etcd:{etcdTag}")));
            }

            for (var i = 0; i < workers; i++)
            {
                var node = $"worker-{i}";
                nodeNames.Add(node);
                fixture.Nodes.Add(KubeObjects.Node(node, kubernetes, os, false));
            }

            var proxyTag = kubeProxyTag ?? tag;
            var suffix = 0;
            foreach (var node in nodeNames)
            {
                suffix++;
                fixture.KubeSystemPods.Add(KubeObjects.Pod($"kube-proxy-{suffix:x5}", node, new Dictionary<string, string> { ["k8s-app"] = "kube-proxy", ["controller-revision-hash"] = "7d9c5b8f6", ["pod-template-generation"] = "1" }, ("kube-proxy", $"{repository}/kube-proxy:{proxyTag}")));
                fixture.KubeSystemPods.Add(KubeObjects.Pod($"calico-node-{suffix:x5}", node, new Dictionary<string, string> { ["k8s-app"] = "calico-node" }, ("calico-node", "docker.io/calico/node:v3.22.2")));
            }

            fixture.KubeSystemPods.Add(KubeObjects.Pod("coredns-64897985d-4xk2p", "worker-0", new Dictionary<string, string> { ["k8s-app"] = "kube-dns" }, ("coredns", "k8s.gcr.io/coredns/coredns:v1.8.6")));
            var filler = 0;
            while (fixture.KubeSystemPods.Count < totalPods)
            {
                var node = nodeNames[filler % nodeNames.Count];
                fixture.KubeSystemPods.Add(KubeObjects.Pod($"ebs-csi-node-{filler++:x5}", node, new Dictionary<string, string> { ["app"] = "ebs-csi-node" }, ("ebs-plugin", "k8s.gcr.io/provider-aws/aws-ebs-csi-driver:v1.5.1"), ("node-driver-registrar", "k8s.gcr.io/sig-storage/csi-node-driver-registrar:v2.4.0")));
            }

            AddClusterApi(fixture, capiVersion ?? kubernetes, capiRepository ?? repository, capiEtcdTag ?? etcdTag, repository, vsphere);
            return fixture;
        }

        private static void AddClusterApi(Fixture fixture, string version, string repository, string etcdTag, string etcdRepository, bool vsphere)
        {
            const string ns = Namespace;
            var templateKind = vsphere ? "VSphereMachineTemplate" : "AWSMachineTemplate";
            var templateApi = vsphere ? "infrastructure.cluster.x-k8s.io/v1beta1" : "infrastructure.cluster.x-k8s.io/v1beta2";
            var plural = templateKind.ToLowerInvariant() + "s";
            var fipsImage = version.Contains("fips", StringComparison.Ordinal);
            Add(fixture, "cluster.x-k8s.io/v1beta1", ns, "clusters", KubeObjects.Cluster(ClusterName, ns, ClusterName + "-control-plane", templateKind, templateApi));
            Add(fixture, "controlplane.cluster.x-k8s.io/v1beta1", ns, "kubeadmcontrolplanes", KubeObjects.KubeadmControlPlane(ClusterName + "-control-plane", ns, ClusterName, version, repository, etcdRepository, etcdTag, templateKind, templateApi, ClusterName + "-control-plane"));
            Add(fixture, "cluster.x-k8s.io/v1beta1", ns, "machinedeployments", KubeObjects.MachineDeployment(ClusterName + "-md-0", ns, ClusterName, version, templateKind, templateApi, ClusterName + "-md-0"));
            Add(fixture, "cluster.x-k8s.io/v1beta1", ns, "machinedeployments", KubeObjects.MachineDeployment("other-cluster-md-0", ns, "other-cluster", "v1.20.1", templateKind, templateApi, "other-cluster-md-0"));
            foreach (var template in new[] { ClusterName + "-control-plane", ClusterName + "-md-0" })
            {
                var plain = version.TrimStart('v');
                Add(fixture, templateApi, ns, plural, vsphere
                    ? KubeObjects.VSphereMachineTemplate(template, ns, fipsImage ? $"konvoy-rhel-84-fips-{plain}-20220701120000" : $"konvoy-rhel-84-{plain}-20220701120000")
                    : KubeObjects.AwsMachineTemplate(template, ns, "ami-03dcaa75d45aca36f"));
            }
        }

        private static void Add(Fixture fixture, string apiVersion, string ns, string plural, System.Text.Json.Nodes.JsonObject item)
        {
            var name = (string)item["metadata"]!["name"]!;
            fixture.CustomObjects[$"{apiVersion}/{ns}/{plural}/{name}"] = item;
        }

        private static Dictionary<string, string> StaticPodLabels(string component) =>
            new Dictionary<string, string> { ["component"] = component, ["tier"] = "control-plane" };
    }
}
