using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DkpFips.Core.Evidence;
using DkpFips.Core.Process;
using DkpFips.Core.Registry;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// Turns what the Test-* and New-/Update- cmdlets emit into report targets. It reads properties by
    /// name rather than casting, so the same code takes live objects and the ones Import-Clixml
    /// brings back from other agents (type name prefixed "Deserialized."): a fan-out pipeline's legs
    /// save their results, and one job reports them all.
    /// </summary>
    internal static class EvidenceReader
    {
        private const string DeserializedPrefix = "Deserialized.";

        /// <summary>The output types a report takes; a new checking cmdlet plugs in here.</summary>
        private static readonly Dictionary<string, Func<PSObject, EvidenceTarget>> Readers = new Dictionary<string, Func<PSObject, EvidenceTarget>>(StringComparer.OrdinalIgnoreCase)
        {
            ["DkpFips.FipsAmiReport"] = ReadAmi,
            ["DkpFips.FipsClusterReport"] = ReadCluster,
            ["DkpFips.FipsBuildRegistryTest"] = ReadRegistry,
            ["DkpFips.ClusterCreateResult"] = ReadCreate,
            ["DkpFips.ClusterUpgradeResult"] = ReadUpgrade,
        };

        public static IEnumerable<string> SupportedTypeNames => Readers.Keys;

        /// <summary>The target an object stands for; null when it is not one of the supported types.</summary>
        public static EvidenceTarget? Read(PSObject input)
        {
            foreach (var typeName in input.TypeNames)
            {
                var name = typeName.StartsWith(DeserializedPrefix, StringComparison.Ordinal) ? typeName.Substring(DeserializedPrefix.Length) : typeName;
                if (Readers.TryGetValue(name, out var reader))
                {
                    return reader(input);
                }
            }

            return null;
        }

        private static EvidenceTarget ReadAmi(PSObject o) => new EvidenceTarget(
            "AMI",
            $"{Text(o, "ImageId")} ({Text(o, "Region")})",
            Checks(o, "Checks"),
            Inputs(o, "ImageId", "Region", "ExpectedKubernetesVersion", "Name", "OwnerId", "OperatingSystem", "KubernetesVersion"),
            Time(o));

        private static EvidenceTarget ReadCluster(PSObject o) => new EvidenceTarget(
            "Cluster",
            Text(o, "ClusterName"),
            Checks(o, "Checks"),
            Inputs(o, "ClusterName", "Context", "CurrentVersion", "EtcdVersion", "NodeCount", "ClusterApiChecked")
                .Select(i => i.Key == "CurrentVersion" && i.Value.Length == 0 ? new KeyValuePair<string, string>(i.Key, Text(o, "KubernetesVersion")) : i), // saved by DkpFips before 0.x renamed it
            Time(o));

        private static EvidenceTarget ReadRegistry(PSObject o)
        {
            var checks = Items(o, "Images").Select(image =>
            {
                var status = Enum.TryParse<ImageCheckStatus>(Text(image, "Status"), out var parsed) ? CheckStatuses.FromImage(parsed) : CheckStatus.Error;
                var message = Text(image, "Message");
                if (message.Length == 0)
                {
                    message = status == CheckStatus.Passed ? "Present: " + Text(image, "Digest") : Text(image, "Status");
                }

                return new CheckResult(Text(image, "Name"), status, message, Text(image, "Reference"));
            });
            return new EvidenceTarget(
                "Registry",
                $"{Text(o, "Product")} {Text(o, "DkpVersion")} ({Text(o, "KubernetesVersion")}) at {Text(o, "Registry")}",
                checks,
                Inputs(o, "Registry", "Product", "DkpVersion", "KubernetesVersion", "EtcdVersion"),
                Time(o));
        }

        private static EvidenceTarget ReadCreate(PSObject o)
        {
            var plan = Child(o, "Plan");
            var checks = new List<CheckResult> { RunCheck("Create", o, "dkp create cluster") };
            checks.AddRange(Items(o, "Checks").Select(c =>
            {
                var field = Text(c, "Field");
                var expected = Text(c, "Expected");
                var actual = Text(c, "Actual");
                var passed = Child(c, "Passed")?.BaseObject is true;
                var message = passed ? $"{field} is {actual}." : $"{field} is {(actual.Length == 0 ? "not set" : actual)}; FIPS needs {expected}.";
                return new CheckResult(Text(c, "Kind") + " " + field, passed ? CheckStatus.Passed : CheckStatus.Failed, message, Text(c, "Kind") + "/" + Text(c, "Name"));
            }));
            return new EvidenceTarget(
                "ClusterCreate",
                Text(o, "ClusterName"),
                checks,
                plan is null ? Inputs(o, "ClusterName") : Inputs(plan, "ClusterName", "Provider", "KubernetesVersion", "EtcdVersion", "KubernetesImageRepository", "EtcdImageRepository", "MachineImage", "DryRun"),
                Time(o));
        }

        private static EvidenceTarget ReadUpgrade(PSObject o)
        {
            var checks = new List<CheckResult> { RunCheck("Upgrade", o, "the upgrade") };

            // The verification ran after the kube-proxy check and covers the same pods: take it
            // when there is one, so that no pod is reported twice.
            var verification = Child(o, "Verification");
            checks.AddRange(verification is null ? Checks(o, "KubeProxyLeftBehind") : Checks(verification, "Checks"));

            return new EvidenceTarget(
                "ClusterUpgrade",
                Text(o, "ClusterName"),
                checks,
                Inputs(o, "ClusterName", "CurrentVersion", "KubernetesVersion", "KubeProxyStatus"),
                Time(o));
        }

        private static CheckResult RunCheck(string name, PSObject o, string what)
        {
            var text = Text(o, "Status");
            var status = Enum.TryParse<RunStatus>(text, out var run) ? CheckStatuses.FromRun(run) : CheckStatus.Error;
            var exit = Text(o, "ExitCode");
            return new CheckResult(name, status, exit.Length == 0 ? $"{what}: {text}." : $"{what}: {text} (exit code {exit}).");
        }

        private static IEnumerable<CheckResult> Checks(PSObject o, string property) =>
            Items(o, property).Select(c => c.BaseObject is FipsCheck live
                ? Check(live.Name, live.Status, live.Message, live.Target)   // typed: a cluster has thousands
                : Check(Text(c, "Name"), Text(c, "Status"), Text(c, "Message"), Text(c, "Target")));

        private static CheckResult Check(string name, string status, string message, string target) =>
            new CheckResult(name, Enum.TryParse<CheckStatus>(status, out var parsed) ? parsed : CheckStatus.Error, message, target.Length > 0 ? target : null);

        private static IEnumerable<KeyValuePair<string, string>> Inputs(PSObject o, params string[] names) =>
            names.Select(n => new KeyValuePair<string, string>(n, Text(o, n))).ToArray();

        private static DateTimeOffset? Time(PSObject o) =>
            Child(o, "CheckedAt")?.BaseObject is DateTime time ? new DateTimeOffset(DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc)) : (DateTimeOffset?)null;

        private static PSObject? Child(PSObject o, string property) =>
            o.Properties[property]?.Value is { } value ? PSObject.AsPSObject(value) : null;

        private static IEnumerable<PSObject> Items(PSObject o, string property)
        {
            var value = o.Properties[property]?.Value;
            if ((value is PSObject wrapped ? wrapped.BaseObject : value) is not IEnumerable items || items is string)
            {
                return Array.Empty<PSObject>();
            }

            var list = items.Cast<object?>().Where(i => i is not null).Select(i => PSObject.AsPSObject(i!)).ToArray();

            // Serialization past its depth keeps only ToString() of nested objects: the checks are
            // gone, and a report without them would be false evidence.
            if (list.Any(i => i.BaseObject is string))
            {
                throw new InvalidDataException($"The saved result has lost its {property}: they were serialized as text. Save results with Export-Clixml -Depth 5.");
            }

            return list;
        }

        private static string Text(PSObject o, string property) =>
            o.Properties[property]?.Value switch
            {
                null => string.Empty,
                PSObject p when p.BaseObject is IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString() ?? string.Empty,
            };
    }
}
