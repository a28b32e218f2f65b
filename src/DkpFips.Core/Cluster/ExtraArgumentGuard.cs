using System.Collections.Generic;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// Extra dkp arguments pass through, except those that would override a FIPS flag or a flag
    /// a parameter owns, written as --flag=value, --flag value, or with a single dash.
    /// </summary>
    public static class ExtraArgumentGuard
    {
        public static void Validate(IReadOnlyList<string> arguments)
        {
            for (var i = 0; i < arguments.Count; i++)
            {
                var argument = arguments[i];
                if (argument is null)
                {
                    throw new ClusterPlanException(ClusterPlanErrorKind.InvalidArgument, $"Extra argument {i + 1} is null.", null);
                }

                if (argument == "--")
                {
                    // Everything after -- is positional, never a flag.
                    return;
                }

                var name = DkpFlags.NameOf(argument);
                if (name is null)
                {
                    continue;
                }

                if (DkpFlags.IsFips(name))
                {
                    throw new ClusterPlanException(
                        ClusterPlanErrorKind.FipsFlagOverride,
                        $"The extra argument '{argument}' would override the FIPS flag {name}. New-DkpFipsCluster always sets {string.Join(", ", DkpFlags.Fips)} from the FIPS build.",
                        argument,
                        "Choose the build with -KubernetesVersion or -FipsBuild, the etcd version with -EtcdVersion, and a mirror with -ImageRepository.");
                }

                if (DkpFlags.Owned.TryGetValue(name, out var parameter))
                {
                    throw new ClusterPlanException(
                        ClusterPlanErrorKind.ReservedArgument,
                        $"The extra argument '{argument}' sets {name}, which New-DkpFipsCluster sets from {parameter}: use {parameter} instead.",
                        argument);
                }
            }
        }
    }
}
