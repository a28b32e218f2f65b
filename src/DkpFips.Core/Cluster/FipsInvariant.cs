using System;
using System.Collections.Generic;
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
            var fips = DkpFlags.Fips;
            var counts = new int[fips.Count];
            var values = new string?[fips.Count];
            foreach (var argument in arguments)
            {
                // One pass, no allocation for arguments that are not FIPS flags.
                var start = 0;
                while (start < argument.Length && argument[start] == '-')
                {
                    start++;
                }

                if (start == 0)
                {
                    continue;
                }

                for (var f = 0; f < fips.Count; f++)
                {
                    var name = fips[f];
                    var length = name.Length - 2;
                    if (argument.Length - start >= length
                        && string.Compare(argument, start, name, 2, length, StringComparison.OrdinalIgnoreCase) == 0
                        && (argument.Length - start == length || argument[start + length] == '='))
                    {
                        counts[f]++;
                        values[f] = start == 2 && argument.Length > name.Length && string.CompareOrdinal(argument, 0, name, 0, name.Length) == 0
                            ? argument.Substring(name.Length + 1)
                            : null;
                    }
                }
            }

            for (var f = 0; f < fips.Count; f++)
            {
                var flag = fips[f];
                if (counts[f] != 1 || values[f] is null)
                {
                    throw new InvalidOperationException($"Internal error: a create command must carry {flag}=<value> exactly once; it has {counts[f]}.");
                }

                var value = values[f]!;
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
