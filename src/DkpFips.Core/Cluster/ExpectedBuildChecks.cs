using System.Collections.Generic;
using DkpFips.Core.Evidence;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Cluster
{
    /// <summary>With -ExpectedBuild: the cluster must run exactly that build.</summary>
    public static class ExpectedBuildChecks
    {
        public const string ExpectedBuild = "ExpectedBuild";

        public static IEnumerable<CheckResult> Check(string serverVersion, string? etcdVersion, FipsExpectations expected)
        {
            var wanted = expected.ExpectedKubernetesVersion;
            if (wanted is null)
            {
                yield break;
            }

            const string target = "cluster";
            FipsVersion.TryParse(serverVersion, out var running);
            if (running is null || !wanted.Matches(running))
            {
                yield return new CheckResult(ExpectedBuild, CheckStatus.Failed, $"The cluster runs Kubernetes {NodeChecks.Show(serverVersion)}, not the expected {wanted}.", target);
            }
            else
            {
                yield return new CheckResult(ExpectedBuild, CheckStatus.Passed, $"The cluster runs the expected Kubernetes {wanted}.", target);
            }

            var build = expected.ExpectedBuild;
            if (build is null)
            {
                yield break;
            }

            FipsVersion.TryParse(etcdVersion, out var etcd);
            if (etcd is null || !etcd.Equals(build.EtcdVersion))
            {
                yield return new CheckResult(ExpectedBuild, CheckStatus.Failed, $"etcd runs {NodeChecks.Show(etcdVersion)}, not the expected {build.EtcdVersion.ToEtcdFlag()}.", "etcd");
            }
            else
            {
                yield return new CheckResult(ExpectedBuild, CheckStatus.Passed, $"etcd runs the expected {build.EtcdVersion.ToEtcdFlag()}.", "etcd");
            }
        }
    }
}
