using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Amazon;
using Amazon.Runtime.CredentialManagement;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Aws
{
    /// <summary>
    /// AWS regions: the SDK's list (for completion and validation) and resolution of the region
    /// to use, as the AWS CLI and AWS.Tools do: parameter, AWS_REGION, AWS_DEFAULT_REGION, then
    /// the region of the profile in the shared config files.
    /// </summary>
    public static class AwsRegions
    {
        public const string RegionVariable = "AWS_REGION";
        public const string DefaultRegionVariable = "AWS_DEFAULT_REGION";
        public const string ProfileVariable = "AWS_PROFILE";

        /// <summary>(system name, display name) of every region this SDK knows, sorted by name.</summary>
        public static IReadOnlyList<KeyValuePair<string, string>> Known() =>
            RegionEndpoint.EnumerableAllRegions
                .Select(r => new KeyValuePair<string, string>(r.SystemName, r.DisplayName))
                .OrderBy(r => r.Key, StringComparer.Ordinal)
                .ToList();

        /// <summary>True when the name has the shape of a region of any AWS partition.</summary>
        public static bool IsWellFormed(string name) =>
            !string.IsNullOrWhiteSpace(name) && RegionEndpoint.AllPartitionRegionRegex.Any(pattern => Regex.IsMatch(name, pattern, RegexOptions.CultureInvariant));

        /// <summary>True when this SDK lists the region.</summary>
        public static bool IsKnown(string name) => RegionEndpoint.EnumerableAllRegions.Any(r => string.Equals(r.SystemName, name, StringComparison.Ordinal));

        /// <summary>The region to use when none is given per image; null when nothing names one.</summary>
        public static string? ResolveDefault(string? profileName, Func<string, string?> environment)
        {
            foreach (var variable in new[] { RegionVariable, DefaultRegionVariable })
            {
                var value = environment(variable);
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value!.Trim();
                }
            }

            var fromEnvironment = environment(ProfileVariable);
            var profile = profileName ?? (string.IsNullOrWhiteSpace(fromEnvironment) ? "default" : fromEnvironment!.Trim());
            try
            {
                if (new CredentialProfileStoreChain().TryGetProfile(profile, out var found) && found.Region is not null)
                {
                    return found.Region.SystemName;
                }
            }
            catch (Exception)
            {
                // An unreadable config file names no region; the caller reports "no region".
            }

            return null;
        }

        /// <summary>Throws <see cref="AwsApiException"/> (InvalidRegion) when the name is not a region.</summary>
        public static void Validate(string region)
        {
            if (!IsWellFormed(region))
            {
                throw new AwsApiException(ErrorKind.AwsRegionInvalid,
                    $"'{region}' is not an AWS region name (expected the form us-east-1, eu-central-1, us-gov-west-1, cn-north-1).", region);
            }
        }
    }
}
