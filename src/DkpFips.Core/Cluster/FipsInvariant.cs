using System;
using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// The last check before a create command leaves the engine: each of the four FIPS flags
    /// exactly once, as --flag=value, both versions +fips.N. A violation is a bug in DkpFips,
    /// never a user error, so it throws rather than reports.
    /// </summary>
    public static class FipsInvariant
    {
        public static void Verify(IReadOnlyList<string> arguments)
        {
            foreach (var flag in DkpFlags.Fips)
            {
                var hits = arguments.Where(a => string.Equals(DkpFlags.NameOf(a), flag, StringComparison.Ordinal)).ToList();
                if (hits.Count != 1 || !hits[0].StartsWith(flag + "=", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Internal error: a create command must carry {flag}=<value> exactly once; it has {hits.Count}.");
                }

                var value = hits[0].Substring(flag.Length + 1);
                if (value.Length == 0)
                {
                    throw new InvalidOperationException($"Internal error: {flag} has no value.");
                }

                if (flag == DkpFlags.KubernetesVersion || flag == DkpFlags.EtcdVersion)
                {
                    if (!FipsVersion.TryParse(value, out var version) || !version!.IsFips || version.FipsBuildNumber is null || version.IsVersionLine)
                    {
                        throw new InvalidOperationException($"Internal error: {flag}={value} is not a +fips.N version.");
                    }
                }
            }
        }
    }
}
