using System;
using System.Collections.Generic;
using System.Globalization;
using DkpFips.Core.Catalog;
using DkpFips.Core.Evidence;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Aws
{
    /// <summary>
    /// Turns what EC2 said about one image into the FIPS checks and a verdict. Pure: no I/O,
    /// the clock is passed in.
    /// </summary>
    public static class AmiAssessor
    {
        public const string SkippedNotDescribed = "Not checked: EC2 did not describe the image.";

        /// <summary>Owners whose public images are expected: Red Hat's account, and EC2's aliases for Amazon and the Marketplace.</summary>
        private static readonly Dictionary<string, string> KnownOwners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["309956199498"] = "Red Hat",
            ["099720109477"] = "Canonical",
            ["amazon"] = "Amazon",
            ["aws-marketplace"] = "AWS Marketplace",
        };

        /// <param name="build">The catalog build the cluster will run: the image's OS must be one its release supports on aws.</param>
        /// <param name="force">An OS the release does not list is a warning instead of a failure.</param>
        public static AmiReport Assess(AmiImage image, string region, FipsVersion? expected, DateTimeOffset now, FipsBuildDefinition? build = null, bool force = false)
        {
            if (image is null)
            {
                throw new ArgumentNullException(nameof(image));
            }

            var os = OperatingSystemDetector.Detect(image);
            var baked = BakedKubernetesVersion.Read(image);
            var checks = new List<CheckResult>
            {
                new CheckResult(AmiCheckNames.Exists, CheckStatus.Passed, $"{image.ImageId} exists in {region} and is visible to the caller."),
                StateCheck(image),
                ArchitectureCheck(image),
                ReleaseOperatingSystemCheck(FipsOperatingSystemPolicy.Evaluate(os, image), os, build, force),
                FipsBuildCheck(baked),
                ExpectedBuildCheck(baked, expected),
                DeprecationCheck(image, now),
                OwnershipCheck(image),
            };

            return new AmiReport(image.ImageId, region, image, os?.DisplayName, baked?.Version?.ToKubernetesFlag(), checks);
        }

        /// <summary>The report for an image EC2 did not describe (not found, not shared, or malformed).</summary>
        public static AmiReport NotDescribed(string imageId, string region, string reason)
        {
            var checks = new List<CheckResult> { new CheckResult(AmiCheckNames.Exists, CheckStatus.Failed, reason) };
            for (var i = 1; i < AmiCheckNames.All.Length; i++)
            {
                checks.Add(new CheckResult(AmiCheckNames.All[i], CheckStatus.Skipped, SkippedNotDescribed));
            }

            return new AmiReport(imageId, region, null, null, null, checks);
        }

        // A FIPS family is not enough: the release the cluster runs lists the systems it supports
        // on aws (DKP 2.6 has no CentOS 7.9), so an image of another one would make an unsupported cluster.
        private static CheckResult ReleaseOperatingSystemCheck(CheckResult familyCheck, DetectedOperatingSystem? os, FipsBuildDefinition? build, bool force)
        {
            if (build is null || os?.Version is null || familyCheck.Status != CheckStatus.Passed)
            {
                return familyCheck;
            }

            var problem = ReleaseSupport.OperatingSystemProblem(build, "aws", os.DisplayName);
            if (problem is null)
            {
                return new CheckResult(AmiCheckNames.OperatingSystem, CheckStatus.Passed,
                    $"{os.DisplayName} (from {os.Source}) is supported for FIPS on aws by {build.Product} {build.DkpVersion}.");
            }

            return force
                ? new CheckResult(AmiCheckNames.OperatingSystem, CheckStatus.Warning, $"{os.DisplayName} (from {os.Source}): {problem} Accepted with -Force.")
                : new CheckResult(AmiCheckNames.OperatingSystem, CheckStatus.Failed, $"{os.DisplayName} (from {os.Source}): {problem}");
        }

        private static CheckResult StateCheck(AmiImage image)
        {
            var state = image.State ?? "unknown";
            if (string.Equals(state, "available", StringComparison.OrdinalIgnoreCase))
            {
                return new CheckResult(AmiCheckNames.State, CheckStatus.Passed, "The image is available.");
            }

            var why = state.ToLowerInvariant() switch
            {
                "pending" => "it is still being created; wait until it is available",
                "deregistered" => "it was deregistered and can no longer launch instances",
                "failed" => "its creation failed",
                "disabled" => "it is disabled; re-enable it before use",
                _ => "only available images can launch cluster nodes",
            };
            var reason = string.IsNullOrWhiteSpace(image.StateReason) ? string.Empty : $" ({image.StateReason})";
            return new CheckResult(AmiCheckNames.State, CheckStatus.Failed, $"The image is {state}{reason}: {why}.");
        }

        private static CheckResult ArchitectureCheck(AmiImage image)
        {
            if (string.Equals(image.Architecture, "x86_64", StringComparison.OrdinalIgnoreCase))
            {
                return new CheckResult(AmiCheckNames.Architecture, CheckStatus.Passed, "x86_64, the architecture DKP builds FIPS images for.");
            }

            return new CheckResult(AmiCheckNames.Architecture, CheckStatus.Failed,
                $"{image.Architecture ?? "An unknown architecture"}: DKP builds FIPS images for x86_64 only.");
        }

        private static CheckResult FipsBuildCheck(BakedKubernetesVersion? baked)
        {
            if (baked is null)
            {
                return new CheckResult(AmiCheckNames.FipsBuild, CheckStatus.Failed,
                    "No KIB kubernetes_version tag and no -fips marker in the name: this is not a FIPS image built by Konvoy Image Builder with the FIPS override.");
            }

            if (!baked.IsFips)
            {
                return new CheckResult(AmiCheckNames.FipsBuild, CheckStatus.Failed,
                    $"Kubernetes {baked.Version!.ToKubernetesFlag()} from {baked.Source} has no +fips build marker: the image was built without KIB's FIPS override.");
            }

            return baked.Version is null
                ? new CheckResult(AmiCheckNames.FipsBuild, CheckStatus.Passed, $"A FIPS build, by {baked.Source}; its Kubernetes version is not stated.")
                : new CheckResult(AmiCheckNames.FipsBuild, CheckStatus.Passed, $"FIPS build of Kubernetes {baked.Version.ToKubernetesFlag()}, from {baked.Source}.");
        }

        private static CheckResult ExpectedBuildCheck(BakedKubernetesVersion? baked, FipsVersion? expected)
        {
            if (expected is null)
            {
                return new CheckResult(AmiCheckNames.ExpectedBuild, CheckStatus.Skipped, "No expected build given (-KubernetesVersion or -FipsBuild).");
            }

            var wanted = expected.IsVersionLine ? expected.MinorLine : expected.ToKubernetesFlag();
            if (baked?.Version is null)
            {
                return new CheckResult(AmiCheckNames.ExpectedBuild, CheckStatus.Failed,
                    $"The cluster expects Kubernetes {wanted}, but the image states no Kubernetes version.");
            }

            var actual = baked.Version.ToKubernetesFlag();
            if (expected.Matches(baked.Version) && (baked.IsFips || !expected.IsFips))
            {
                return new CheckResult(AmiCheckNames.ExpectedBuild, CheckStatus.Passed, $"The image carries Kubernetes {actual}, as expected ({wanted}).");
            }

            return new CheckResult(AmiCheckNames.ExpectedBuild, CheckStatus.Failed,
                $"The image carries Kubernetes {actual} but the cluster expects {wanted}: nodes from this image would fail to join.");
        }

        private static CheckResult DeprecationCheck(AmiImage image, DateTimeOffset now)
        {
            if (image.DeprecationTime is null)
            {
                return new CheckResult(AmiCheckNames.Deprecation, CheckStatus.Passed, "The image is not deprecated.");
            }

            var when = image.DeprecationTime.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            return image.DeprecationTime.Value <= now
                ? new CheckResult(AmiCheckNames.Deprecation, CheckStatus.Warning, $"The image has been deprecated since {when}; build or pick a current one.")
                : new CheckResult(AmiCheckNames.Deprecation, CheckStatus.Passed, $"The image will be deprecated on {when}.");
        }

        private static CheckResult OwnershipCheck(AmiImage image)
        {
            var owner = image.OwnerAlias ?? image.OwnerId ?? "an unknown account";
            if (image.IsPublic != true)
            {
                return new CheckResult(AmiCheckNames.Ownership, CheckStatus.Passed, $"A private image of {owner}.");
            }

            if ((image.OwnerAlias is not null && KnownOwners.TryGetValue(image.OwnerAlias, out var publisher)) || (image.OwnerId is not null && KnownOwners.TryGetValue(image.OwnerId, out publisher)))
            {
                return new CheckResult(AmiCheckNames.Ownership, CheckStatus.Passed, $"A public image of a known publisher ({publisher}, {image.OwnerId}).");
            }

            return new CheckResult(AmiCheckNames.Ownership, CheckStatus.Warning,
                $"A public image of account {owner}, not a known publisher: confirm who built it before running a FIPS cluster on it.");
        }
    }
}
