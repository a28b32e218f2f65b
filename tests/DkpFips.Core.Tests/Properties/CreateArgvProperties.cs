using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Versioning;
using Xunit;

namespace DkpFips.Core.Tests.Properties
{
    /// <summary>
    /// The promise that matters most: no create command leaves the engine unless dkp, reading it
    /// as it really does, sees each of the four FIPS flags exactly once, with the FIPS build's
    /// values. Checked over random specs and random extra arguments made of the pieces that
    /// attack it (FIPS flag spellings, NUL, "--", separate values). The argv is read by a model of
    /// the OS and pflag written here, not by the engine's own guard.
    /// </summary>
    public sealed class CreateArgvProperties
    {
        private static readonly string[] FipsFlags = DkpFlags.Fips.ToArray();

        private static readonly Gen<string> Versions = Gen.OneOf("1.23", "v1.23.7+fips.0", "1.22", "1.29", "v1.21.6_fips.0", "1.23.7", "1.22.0", "1.99", "banana", "");

        private static readonly Gen<string> Providers = Gen.OneOf("aws", "AWS", " aws", "vsphere", "preprovisioned", "azure", "gcp", "");

        private static readonly Gen<string?> Mirrors = Gen.OneOf<string?>(null, "registry.local:5000/mesosphere", "registry.local/m --kubernetes-version=1.22.0", "docker.io/library", "");

        // Pieces of extra arguments: flag names of every spelling, values dkp would take, harmless flags.
        private static readonly Gen<string> FlagNames = Gen.OneOf(
            Gen.OneOf(FipsFlags),
            Gen.OneOf(FipsFlags).Select(f => f.Substring(1)),
            Gen.OneOf(FipsFlags).Select(f => f.ToUpperInvariant()),
            Gen.OneOf("--region", "--namespace", "-n", "--control-plane-replicas", "--worker-replicas", "--", "-", "--kubeconfig", "--registry-mirror-url"));

        private static readonly Gen<string> Values = Gen.OneOf("v1.22.0", "1.22.0", "3.4.13", "docker.io/library", "k8s.gcr.io", "3", "x", "");

        private static readonly Gen<string> ExtraArguments = Gen.OneOf(
            FlagNames,
            Values,
            Gen.Select(FlagNames, Values, (flag, value) => flag + "=" + value),
            Gen.Select(FlagNames, Gen.OneOf("\0", "\0=", "\u0001", "\n", " "), Values, (flag, cut, value) => flag + cut + value));

        private static readonly Gen<ClusterCreateRequest> Requests =
            Gen.Select(Providers, Versions, Mirrors, ExtraArguments.Array[0, 6], Gen.Bool, (provider, version, mirror, extra, dryRun) => new ClusterCreateRequest
            {
                Spec =
                {
                    ClusterName = "fips-1",
                    Provider = provider,
                    KubernetesVersion = version,
                    AmiId = provider.Trim().Equals("aws", StringComparison.OrdinalIgnoreCase) ? "ami-03dcaa75d45aca36f" : null,
                    VmTemplate = provider == "vsphere" ? "rhel-8.4-fips" : null,
                    OverrideSecretName = provider == "preprovisioned" ? "fips-overrides" : null,
                    ImageRepository = mirror,
                    ArgumentList = extra,
                },
                DryRun = dryRun,
            });

        [Fact]
        public void No_create_argv_without_all_four_FIPS_flags_each_exactly_once()
        {
            var planner = new ClusterPlanBuilder(FipsCatalog.BuiltIn);
            Requests.Sample(request =>
            {
                ClusterCreatePlan plan;
                try
                {
                    plan = planner.Build(request);
                }
                catch (DkpFipsException)
                {
                    return; // refused, with a specific error: nothing runs
                }

                var seen = AsDkpReadsIt(plan.Command.RealArguments);
                var expected = new Dictionary<string, string>
                {
                    [DkpFlags.KubernetesVersion] = plan.KubernetesVersion.ToKubernetesFlag(),
                    [DkpFlags.EtcdVersion] = plan.EtcdVersion.ToEtcdFlag(),
                    [DkpFlags.KubernetesImageRepository] = plan.KubernetesImageRepository,
                    [DkpFlags.EtcdImageRepository] = plan.EtcdImageRepository,
                };
                foreach (var flag in FipsFlags)
                {
                    Assert.True(seen.TryGetValue(flag, out var values), $"{flag} missing from {string.Join(" ", plan.Command.DisplayArguments)}");
                    Assert.Equal(new[] { expected[flag] }, values);
                }

                Assert.True(plan.KubernetesVersion.IsFips && plan.KubernetesVersion.FipsBuildNumber is not null);
                Assert.True(plan.EtcdVersion.IsFips && plan.EtcdVersion.FipsBuildNumber is not null);
                Assert.Equal(plan.Build.KubernetesVersion, plan.KubernetesVersion);
            }, iter: 3000, print: Describe);
        }

        private static string Describe(ClusterCreateRequest r) =>
            $"provider '{r.Spec.Provider}', version '{r.Spec.KubernetesVersion}', mirror '{r.Spec.ImageRepository}', dry run {r.DryRun}, extra [{string.Join(", ", r.Spec.ArgumentList.Select(a => "'" + a.Replace("\0", "\\0").Replace("\n", "\\n") + "'"))}]";

        /// <summary>
        /// The long flags dkp receives and their values, in order. Each argument is cut at its
        /// first NUL (the OS passes C strings); then cobra/pflag rules: "--" ends the flags,
        /// "--name=value" or "--name value" for a flag with a value (pflag takes the next argument
        /// whatever it looks like), names are case-sensitive, single-dash words are shorthand
        /// groups (unknown to dkp for these names, so they set none of these flags).
        /// </summary>
        private static Dictionary<string, List<string>> AsDkpReadsIt(IReadOnlyList<string> argv)
        {
            var flags = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var args = argv.Select(a => a.IndexOf('\0') is var nul && nul >= 0 ? a.Substring(0, nul) : a).ToList();
            for (var i = 3; i < args.Count; i++)
            {
                var arg = args[i];
                if (arg == "--")
                {
                    break;
                }

                if (!arg.StartsWith("--", StringComparison.Ordinal))
                {
                    continue;
                }

                var equals = arg.IndexOf('=');
                var name = equals < 0 ? arg : arg.Substring(0, equals);
                string value;
                if (equals >= 0)
                {
                    value = arg.Substring(equals + 1);
                }
                else if (name == DkpFlags.DryRun)
                {
                    value = "true"; // the one boolean flag the engine writes
                }
                else if (i + 1 < args.Count)
                {
                    value = args[++i];
                }
                else
                {
                    continue;
                }

                if (!flags.TryGetValue(name, out var list))
                {
                    flags[name] = list = new List<string>();
                }

                list.Add(value);
            }

            return flags;
        }
    }
}
