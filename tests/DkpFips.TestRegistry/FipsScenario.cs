using System.Collections.Generic;

namespace DkpFips.TestRegistry
{
    /// <summary>
    /// The images the tests put into a registry, below <see cref="Path"/> (tags as in the
    /// built-in catalog):
    /// DKP 2.3 (v1.23.7_fips.0) complete, with upstream pause 3.6 and coredns v1.8.6, etcd as an
    /// OCI index with linux/amd64 and linux/arm64;
    /// DKP 2.2 (v1.22.8_fips.0) without kube-scheduler;
    /// DKP 2.4 (v1.24.6_fips.0) whose kube-proxy is an index of linux/arm64 and linux/ppc64le only.
    /// </summary>
    public static class FipsScenario
    {
        public const string Path = "mesosphere";

        public static readonly string[] Components = { "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kube-proxy" };

        /// <summary>Digests of what was pushed, by "name:tag".</summary>
        public static Dictionary<string, string> Seed(ImagePusher pusher, bool full = true)
        {
            var digests = new Dictionary<string, string>();
            void Image(string name, string tag, bool oci = false) => digests[name + ":" + tag] = pusher.PushImage(Path + "/" + name, tag, oci: oci).Digest;

            foreach (var component in Components)
            {
                Image(component, "v1.23.7_fips.0", oci: component == "kube-scheduler");
            }

            digests["etcd:v3.4.13_fips.0"] = pusher.PushIndex(Path + "/etcd", "v3.4.13_fips.0", new[] { "linux/amd64", "linux/arm64" });
            Image("pause", "3.6");
            Image("coredns", "v1.8.6");
            if (!full)
            {
                return digests;
            }

            foreach (var component in Components)
            {
                if (component != "kube-scheduler")
                {
                    Image(component, "v1.22.8_fips.0");
                }

                if (component != "kube-proxy")
                {
                    Image(component, "v1.24.6_fips.0");
                }
            }

            digests["kube-proxy:v1.24.6_fips.0"] = pusher.PushIndex(Path + "/kube-proxy", "v1.24.6_fips.0", new[] { "linux/arm64", "linux/ppc64le" }, oci: false);
            return digests;
        }

        /// <summary>
        /// The DKP 2.5 build (v1.25.4_fips.0, etcd v3.5.5_fips.0) with <paramref name="layersPerImage"/>
        /// random, incompressible layers per image, <paramref name="totalMib"/> MiB over the five
        /// images: the benchmark's large copy.
        /// </summary>
        public static void SeedLarge(ImagePusher pusher, int totalMib, int layersPerImage = 1)
        {
            var random = new System.Random(15);
            var perLayer = totalMib * 1024 * 1024 / 5 / layersPerImage;
            foreach (var (name, tag) in new[] { ("kube-apiserver", "v1.25.4_fips.0"), ("kube-controller-manager", "v1.25.4_fips.0"), ("kube-scheduler", "v1.25.4_fips.0"), ("kube-proxy", "v1.25.4_fips.0"), ("etcd", "v3.5.5_fips.0") })
            {
                var layers = new byte[layersPerImage][];
                for (var i = 0; i < layersPerImage; i++)
                {
                    layers[i] = new byte[perLayer];
                    random.NextBytes(layers[i]);
                }

                pusher.PushImage(Path + "/" + name, tag, layers);
            }
        }

        /// <summary>Every image of every given build tag pair (for the benchmark: a complete mirror).</summary>
        public static void SeedAll(ImagePusher pusher, IEnumerable<(string KubernetesTag, string EtcdTag)> builds)
        {
            var done = new HashSet<string>();
            foreach (var (kubernetesTag, etcdTag) in builds)
            {
                foreach (var component in Components)
                {
                    if (done.Add(component + ":" + kubernetesTag))
                    {
                        pusher.PushImage(Path + "/" + component, kubernetesTag);
                    }
                }

                if (done.Add("etcd:" + etcdTag))
                {
                    pusher.PushImage(Path + "/etcd", etcdTag);
                }
            }
        }
    }
}
