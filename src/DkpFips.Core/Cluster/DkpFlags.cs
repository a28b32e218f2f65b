using System;
using System.Collections.Generic;
using System.Linq;

namespace DkpFips.Core.Cluster
{
    /// <summary>The flags of <c>dkp create cluster</c> that DkpFips sets itself.</summary>
    public static class DkpFlags
    {
        public const string ClusterName = "--cluster-name";
        public const string KubernetesVersion = "--kubernetes-version";
        public const string EtcdVersion = "--etcd-version";
        public const string KubernetesImageRepository = "--kubernetes-image-repository";
        public const string EtcdImageRepository = "--etcd-image-repository";
        public const string Ami = "--ami";
        public const string Region = "--region";
        public const string VmTemplate = "--vm-template";
        public const string OverrideSecretName = "--override-secret-name";
        public const string Namespace = "--namespace";
        public const string Kubeconfig = "--kubeconfig";
        public const string DryRun = "--dry-run";
        public const string Output = "--output";
        public const string RegistryMirrorUrl = "--registry-mirror-url";
        public const string RegistryMirrorUsername = "--registry-mirror-username";
        public const string RegistryMirrorPassword = "--registry-mirror-password";

        /// <summary>The four flags that make a cluster FIPS: none may be overridden or dropped.</summary>
        public static IReadOnlyList<string> Fips { get; } = new[] { KubernetesVersion, EtcdVersion, KubernetesImageRepository, EtcdImageRepository };

        /// <summary>Flags a parameter of New-DkpFipsCluster owns, and that parameter.</summary>
        public static IReadOnlyDictionary<string, string> Owned { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [ClusterName] = "-ClusterName",
            [Ami] = "-AmiId",
            [Region] = "-Region",
            [VmTemplate] = "-VmTemplate",
            [OverrideSecretName] = "-OverrideSecretName",
            [Namespace] = "-Namespace",
            [Kubeconfig] = "-ManagementKubeconfig",
            [DryRun] = "-DryRun",
            [Output] = "-DryRun (which sets --output=yaml)",
            [RegistryMirrorUrl] = "-RegistryMirrorUrl",
            [RegistryMirrorUsername] = "-RegistryMirrorCredential",
            [RegistryMirrorPassword] = "-RegistryMirrorCredential",
        };

        /// <summary>
        /// dkp's one-letter forms of flags DkpFips owns (cobra shorthands): -c, -n, -o. A
        /// shorthand takes the rest of its argument as its value (-nfoo is --namespace=foo).
        /// </summary>
        public static IReadOnlyDictionary<char, string> Shorthands { get; } = new Dictionary<char, string>
        {
            ['c'] = ClusterName,
            ['n'] = Namespace,
            ['o'] = Output,
        };

        /// <summary>
        /// The owned long flag an argument sets through a shorthand (-n x, -nx, -n=x, -o yaml),
        /// or null. Only single-dash arguments are shorthands; the first letter decides.
        /// </summary>
        public static string? ShorthandOf(string argument)
        {
            if (argument.Length < 2 || argument[0] != '-' || argument[1] == '-')
            {
                return null;
            }

            return Shorthands.TryGetValue(argument[1], out var flag) ? flag : null;
        }

        /// <summary>The flag name of an argument (<c>--ami=x</c> gives <c>--ami</c>), normalised to two dashes; null for a non-flag.</summary>
        public static string? NameOf(string argument)
        {
            if (argument.Length < 2 || argument[0] != '-' || argument == "--")
            {
                return null;
            }

            var equals = argument.IndexOf('=');
            var name = (equals < 0 ? argument : argument.Substring(0, equals)).TrimStart('-');
            return name.Length == 0 ? null : "--" + name.ToLowerInvariant();
        }

        public static bool IsFips(string flagName) => Fips.Contains(flagName, StringComparer.OrdinalIgnoreCase);
    }
}
