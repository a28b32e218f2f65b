using System;
using System.Globalization;
using System.Linq;
using DkpFips.Core.Aws;

namespace DkpFips
{
    /// <summary>
    /// Test-FipsAmi's verdict on one AMI in one region: whether a FIPS cluster can run on it, and
    /// every check with its reason.
    /// </summary>
    public sealed class FipsAmiReport
    {
        internal FipsAmiReport(AmiReport report, string? expectedKubernetesVersion)
        {
            ExpectedKubernetesVersion = expectedKubernetesVersion;
            ImageId = report.ImageId;
            Region = report.Region;
            Name = report.Image?.Name;
            Description = report.Image?.Description;
            OwnerId = report.Image?.OwnerId;
            State = report.Image?.State;
            Architecture = report.Image?.Architecture;
            PlatformDetails = report.Image?.PlatformDetails;
            IsPublic = report.Image?.IsPublic;
            DeprecationTime = report.Image?.DeprecationTime?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            OperatingSystem = report.OperatingSystem;
            KubernetesVersion = report.KubernetesVersion;
            IsFipsReady = report.IsFipsReady;
            Checks = report.Checks.Select(c => new FipsCheck(c)).ToArray();
            var concern = report.FirstConcern;
            Verdict = !IsFipsReady ? "NOT READY" : concern is null ? "Ready" : "Ready*";
            Reason = concern is null ? string.Empty : concern.Name + ": " + concern.Message;
        }

        public string ImageId { get; }

        public string Region { get; }

        /// <summary>The AMI name; null when EC2 did not describe the image.</summary>
        public string? Name { get; }

        public string? Description { get; }

        public string? OwnerId { get; }

        /// <summary>available, pending, failed, deregistered, ...; null when not described.</summary>
        public string? State { get; }

        public string? Architecture { get; }

        public string? PlatformDetails { get; }

        public bool? IsPublic { get; }

        /// <summary>When EC2 deprecates (or deprecated) the image, ISO 8601 UTC; null when not set.</summary>
        public string? DeprecationTime { get; }

        /// <summary>The detected operating system, e.g. RHEL 8.4.</summary>
        public string? OperatingSystem { get; }

        /// <summary>The Kubernetes version baked into the image, in flag form (v1.23.7+fips.0).</summary>
        public string? KubernetesVersion { get; }

        /// <summary>True only when no check failed (warnings allowed).</summary>
        public bool IsFipsReady { get; }

        /// <summary>The build the image was checked against (-KubernetesVersion or -FipsBuild); null when none was given.</summary>
        public string? ExpectedKubernetesVersion { get; }

        /// <summary>When the checks ran (UTC); Export-DkpFipsReport shows it.</summary>
        public DateTime CheckedAt { get; } = DateTime.UtcNow;

        /// <summary>Ready, Ready* (ready, with warnings) or NOT READY.</summary>
        public string Verdict { get; }

        /// <summary>The first failed check (else the first warning), as "Check: message"; empty when all passed.</summary>
        public string Reason { get; }

        public FipsCheck[] Checks { get; }

        public override string ToString() => $"{ImageId} ({Region}): {Verdict}" + (Reason.Length == 0 ? string.Empty : " - " + Reason);
    }
}
