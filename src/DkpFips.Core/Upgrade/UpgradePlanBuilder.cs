using System;
using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Evidence;
using DkpFips.Core.Process;
using DkpFips.Core.Text;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Upgrade
{
    /// <summary>
    /// Turns an <see cref="UpgradeRequest"/> into the <c>dkp update controlplane</c> and
    /// <c>dkp update nodepool</c> argument lists, or refuses it: a target that is not a FIPS
    /// build, a downgrade, a jump of more than one minor, a target not in the catalog (unless
    /// forced), a cluster that is not FIPS now. Cluster name, provider and machine image follow
    /// the same rules as cluster creation (and throw <see cref="ClusterPlanException"/>).
    /// </summary>
    public sealed class UpgradePlanBuilder
    {
        public const string ControlPlaneStepName = "controlplane";

        private readonly FipsBuildSelector selector;

        public UpgradePlanBuilder(FipsCatalog catalog)
        {
            selector = new FipsBuildSelector(catalog ?? throw new ArgumentNullException(nameof(catalog)));
        }

        /// <param name="management">The cluster's Cluster API objects, when read: the current version and the node pools come from them.</param>
        /// <param name="currentState">The cluster's compliance report, when checked: a non-compliant cluster is refused.</param>
        public UpgradePlan Build(UpgradeRequest request, ManagementClusterState? management = null, ClusterComplianceReport? currentState = null)
        {
            var name = GivenText.OrNull(request.Spec.ClusterName);
            ClusterName.Validate(name);
            var ami = GivenText.OrNull(request.Spec.AmiId);
            var template = GivenText.OrNull(request.Spec.VmTemplate);
            var provider = ClusterProvider.Resolve(GivenText.OrNull(request.Spec.Provider), ami, template, null);
            if (provider == ClusterProvider.PreProvisioned)
            {
                throw new UpgradePlanException(
                    ErrorKind.ProviderNotUpgradable,
                    "Upgrading pre-provisioned clusters is not supported by this command: their machines are not replaced from a machine image, so the FIPS OS must be upgraded on the machines first.",
                    provider,
                    "Upgrade aws or vsphere clusters with -AmiId or -VmTemplate.");
            }

            MachineImageRules.Validate(provider, ami, null, template, null);
            var (target, build) = ResolveTarget(request);
            var providerProblem = build is null || request.Force ? null : ReleaseSupport.ProviderProblem(build, provider);
            if (providerProblem is not null)
            {
                throw new UpgradePlanException(ErrorKind.ProviderNotSupportedByRelease, providerProblem, provider, ReleaseSupport.ForceHint);
            }

            var current = ResolveCurrent(request, management);
            CheckCurrentIsFips(name!, current, currentState);
            CheckStep(current, target);

            var pools = ResolveNodePools(request, management);
            var machineImageFlag = provider == ClusterProvider.Aws ? DkpFlags.Ami + "=" + ami : DkpFlags.VmTemplate + "=" + template;
            var common = new List<string>
            {
                DkpFlags.ClusterName + "=" + name,
                DkpFlags.KubernetesVersion + "=" + target.ToKubernetesFlag(),
                machineImageFlag,
            };
            AddIfGiven(common, DkpFlags.Namespace, request.Spec.Namespace);
            AddIfGiven(common, DkpFlags.Kubeconfig, request.Spec.ManagementKubeconfig);

            var steps = new List<UpgradeStep>
            {
                new UpgradeStep(UpgradeStepKind.ControlPlane, ControlPlaneStepName, Command(request, new[] { "update", "controlplane", provider }.Concat(common))),
            };
            steps.AddRange(pools.Select(pool => new UpgradeStep(UpgradeStepKind.NodePool, pool, Command(request, new[] { "update", "nodepool", provider, pool }.Concat(common)))));
            return new UpgradePlan(name!, provider, current, target, build, ami ?? template!, pools, steps);
        }

        private (FipsVersion Target, FipsBuildDefinition? Build) ResolveTarget(UpgradeRequest request)
        {
            try
            {
                var selection = selector.Resolve(request.Spec.KubernetesVersion, request.FipsBuild, allowUncatalogued: request.Force, checkWanted: CheckWantedIsFips);
                return (RequireNumbered(selection.Version), selection.Build);
            }
            catch (BuildSelectionException ex)
            {
                // An upgrade target has its own ErrorIds: one not in the catalog is TargetNotInCatalog,
                // and a version that conflicts with the piped build is not a valid target.
                var notFound = ex.Kind == ErrorKind.FipsBuildNotFound;
                throw new UpgradePlanException(
                    notFound ? ErrorKind.TargetNotInCatalog
                        : ex.Kind == ErrorKind.KubernetesVersionRequired ? ErrorKind.KubernetesVersionRequired
                        : ErrorKind.InvalidKubernetesVersion,
                    ex.Message,
                    ex.Text,
                    !notFound ? ex.RecommendedAction
                        : FipsVersion.TryParse(ex.Text, out var wanted) && wanted!.IsVersionLine
                            ? "Give a full +fips.N version with -Force, or add the build with -CatalogPath."
                            : "Add the build with -CatalogPath, or give -Force if you know the build exists.");
            }
        }

        // Some upgrade pages print the version without +fips: a plain target is refused before the
        // catalog is asked, since upgrading to it would replace the cluster's FIPS components.
        private static void CheckWantedIsFips(FipsVersion wanted, string text)
        {
            if (!wanted.IsVersionLine && !wanted.IsFips)
            {
                throw new UpgradePlanException(
                    ErrorKind.TargetNotFips,
                    $"The target {wanted.ToKubernetesFlag()} is not a FIPS build: upgrading a FIPS cluster to it would replace its FIPS components with upstream ones. Use {wanted.WithFipsBuild(0).ToKubernetesFlag()}.",
                    text,
                    "Some upgrade pages print the version without +fips; on a FIPS cluster always give the +fips.N version.");
            }

            if (wanted.IsFips)
            {
                RequireNumbered(wanted);
            }
        }

        private static FipsVersion RequireNumbered(FipsVersion version)
        {
            if (!version.IsFips || version.FipsBuildNumber is null)
            {
                throw new UpgradePlanException(
                    ErrorKind.TargetNotFips,
                    $"The target {version} has no FIPS build number: dkp update needs a +fips.N version such as {version.WithoutFips().WithFipsBuild(0)}.",
                    version.ToString());
            }

            return version;
        }

        private static FipsVersion ResolveCurrent(UpgradeRequest request, ManagementClusterState? management)
        {
            var given = GivenText.OrNull(request.CurrentVersion);
            var text = given ?? GivenText.OrNull(management?.ControlPlane?.Version);
            if (text is null)
            {
                throw new UpgradePlanException(
                    ErrorKind.CurrentVersionUnknown,
                    management is null
                        ? "The cluster's current version is unknown: give -CurrentVersion, or -ManagementKubeconfig to read it from the KubeadmControlPlane."
                        : $"The KubeadmControlPlane of '{management.ClusterName}' has no spec.version: give -CurrentVersion.",
                    null);
            }

            if (!FipsVersion.TryParse(text, out var current) || current!.IsVersionLine)
            {
                throw new UpgradePlanException(
                    ErrorKind.CurrentVersionUnknown,
                    $"'{text}' is not a full Kubernetes version such as v1.23.7+fips.0" + (given is null ? " (read from the KubeadmControlPlane's spec.version)." : "."),
                    text);
            }

            return current;
        }

        private static void CheckCurrentIsFips(string name, FipsVersion current, ClusterComplianceReport? state)
        {
            if (!current.IsFips)
            {
                throw new UpgradePlanException(
                    ErrorKind.ClusterNotFips,
                    $"The cluster '{name}' runs {current}, which is not a FIPS build. FIPS mode is chosen when a cluster is created: an existing cluster cannot become FIPS by an upgrade.",
                    current.ToString(),
                    "Create a new FIPS cluster with New-DkpFipsCluster and move the workloads.");
            }

            if (state is not null && !state.IsFipsCompliant)
            {
                var failures = state.Checks.Where(c => c.Status == CheckStatus.Failed || c.Status == CheckStatus.Error).ToList();
                var shown = string.Join("; ", failures.Take(5).Select(c => $"{c.Name} {c.Target}"));
                var more = failures.Count > 5 ? $" and {failures.Count - 5} more" : string.Empty;
                throw new UpgradePlanException(
                    ErrorKind.ClusterNotFips,
                    $"The cluster '{name}' is not FIPS compliant now ({failures.Count} failed check(s): {shown}{more}); an upgrade cannot make it FIPS, so none is started.",
                    name,
                    "Run Test-DkpFipsCluster to see every failure; fix a component left behind (for example kube-proxy) first, or create a new FIPS cluster.");
            }
        }

        private static void CheckStep(FipsVersion current, FipsVersion target)
        {
            var order = target.CompareTo(current);
            if (order < 0)
            {
                throw new UpgradePlanException(
                    ErrorKind.Downgrade,
                    $"{target} is older than the cluster's {current}: Kubernetes clusters cannot be downgraded.",
                    target.ToString());
            }

            if (order == 0)
            {
                throw new UpgradePlanException(ErrorKind.AlreadyAtTargetVersion, $"The cluster already runs {current}.", target.ToString());
            }

            if (target.Major != current.Major || target.Minor - current.Minor > 1)
            {
                var next = current.Major + "." + (current.Minor + 1);
                throw new UpgradePlanException(
                    ErrorKind.MinorVersionSkip,
                    $"{current} to {target} skips a Kubernetes minor version: upgrade one minor at a time ({current.MinorLine} to {next} first).",
                    target.ToString(),
                    $"Upgrade to the newest {next} FIPS build first (-KubernetesVersion {next}), then on.");
            }
        }

        private static IReadOnlyList<string> ResolveNodePools(UpgradeRequest request, ManagementClusterState? management)
        {
            IEnumerable<string> pools;
            if (request.NodePools is not null)
            {
                pools = request.NodePools.Select(p => p?.Trim() ?? string.Empty);
            }
            else if (management is not null)
            {
                pools = management.MachineDeployments.Select(d => d.Name);
            }
            else
            {
                throw new UpgradePlanException(
                    ErrorKind.NodePoolsUnknown,
                    "The node pools to upgrade are unknown: give -NodePool (the MachineDeployment names; @() for none), or -ManagementKubeconfig to read them.",
                    null);
            }

            var result = new List<string>();
            foreach (var pool in pools)
            {
                var problem = ClusterName.Problem(pool);
                if (problem is not null)
                {
                    throw new UpgradePlanException(ErrorKind.InvalidNodePoolName, $"The node pool name '{ClusterName.Show(pool)}' is not a valid DNS-1123 name: {problem}.", pool);
                }

                if (!result.Contains(pool))
                {
                    result.Add(pool);
                }
            }

            return result;
        }

        private static CommandPlan Command(UpgradeRequest request, IEnumerable<string> arguments)
        {
            var list = arguments.ToList();

            // The same check as every create command: no control character reaches dkp (the
            // whole plan is built, so nothing has run when this refuses).
            var unsafeValue = CommandLineText.FirstProblem(list);
            if (unsafeValue is not null)
            {
                var shown = SecretArguments.MaskArgument(CommandLineText.Visible(list[unsafeValue.Value.Index]));
                throw new UpgradePlanException(ErrorKind.InvalidArgument, $"The value '{shown}' cannot go on dkp's command line: {unsafeValue.Value.Problem}.", shown);
            }

            FipsInvariantForUpdate(list);
            return new CommandPlan(request.Executable, list, request.Environment);
        }

        /// <summary>Every step carries exactly one --kubernetes-version, and it is a +fips.N version.</summary>
        private static void FipsInvariantForUpdate(IReadOnlyList<string> arguments)
        {
            var versions = arguments.Where(a => DkpFlags.NameOf(a) == DkpFlags.KubernetesVersion).ToList();
            if (versions.Count != 1 || !FipsVersion.TryParse(versions[0].Substring(versions[0].IndexOf('=') + 1), out var v) || !v!.IsFips || v.FipsBuildNumber is null)
            {
                throw new InvalidOperationException("Internal error: an upgrade step lost its +fips.N --kubernetes-version: " + string.Join(" ", arguments));
            }
        }

        private static void AddIfGiven(List<string> arguments, string flag, string? value)
        {
            var clean = GivenText.OrNull(value);
            if (clean is not null)
            {
                arguments.Add(flag + "=" + clean);
            }
        }
    }
}
