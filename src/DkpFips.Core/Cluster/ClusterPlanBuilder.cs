using System;
using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Errors;
using DkpFips.Core.Process;
using DkpFips.Core.Text;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// Turns a <see cref="ClusterCreateRequest"/> into the exact <c>dkp create cluster</c>
    /// argument list, or refuses it with a specific <see cref="ClusterPlanException"/>.
    /// </summary>
    public sealed class ClusterPlanBuilder
    {
        private readonly FipsBuildSelector selector;

        public ClusterPlanBuilder(FipsCatalog catalog)
        {
            selector = new FipsBuildSelector(catalog ?? throw new ArgumentNullException(nameof(catalog)));
        }

        public ClusterCreatePlan Build(ClusterCreateRequest request)
        {
            var name = GivenText.OrNull(request.Spec.ClusterName);
            ClusterName.Validate(name);
            var provider = ClusterProvider.Resolve(GivenText.OrNull(request.Spec.Provider), GivenText.OrNull(request.Spec.AmiId), GivenText.OrNull(request.Spec.VmTemplate), GivenText.OrNull(request.Spec.OverrideSecretName));
            MachineImageRules.Validate(provider, GivenText.OrNull(request.Spec.AmiId), GivenText.OrNull(request.Spec.Region), GivenText.OrNull(request.Spec.VmTemplate), GivenText.OrNull(request.Spec.OverrideSecretName));

            var build = ResolveBuild(request);
            var providerProblem = request.Force ? null : ReleaseSupport.ProviderProblem(build, provider);
            if (providerProblem is not null)
            {
                throw new ClusterPlanException(ErrorKind.ProviderNotSupportedByRelease, providerProblem, provider, ReleaseSupport.ForceHint);
            }

            var kubernetesVersion = RequireNumberedFips(build.KubernetesVersion, build, "Kubernetes");
            var etcdVersion = ResolveEtcd(request, build);

            var mirror = GivenText.OrNull(request.Spec.ImageRepository);
            if (mirror is not null)
            {
                ImageRepository.Validate(mirror);
            }

            var kubernetesRepository = mirror ?? build.KubernetesImageRepository;
            var etcdRepository = mirror ?? build.EtcdImageRepository;

            // An empty CSV cell or spec entry binds as one empty argument; dkp has no use for it.
            // A value made only of control whitespace (a newline) is kept, so the guard refuses it.
            var extra = (request.Spec.ArgumentList ?? Array.Empty<string>()).Where(a => !string.IsNullOrWhiteSpace(a) || CommandLineText.IndexOfControl(a) >= 0).ToArray();
            ExtraArgumentGuard.Validate(extra);

            var arguments = new List<string>
            {
                "create", "cluster", provider,
                DkpFlags.ClusterName + "=" + name,
                DkpFlags.KubernetesVersion + "=" + kubernetesVersion.ToKubernetesFlag(),
                DkpFlags.EtcdVersion + "=" + etcdVersion.ToEtcdFlag(),
                DkpFlags.KubernetesImageRepository + "=" + kubernetesRepository,
                DkpFlags.EtcdImageRepository + "=" + etcdRepository,
            };

            string? machineImage = null;
            switch (provider)
            {
                case ClusterProvider.Aws:
                    machineImage = GivenText.OrNull(request.Spec.AmiId);
                    arguments.Add(DkpFlags.Ami + "=" + machineImage);
                    AddIfGiven(arguments, DkpFlags.Region, request.Spec.Region);
                    break;
                case ClusterProvider.Vsphere:
                    machineImage = GivenText.OrNull(request.Spec.VmTemplate);
                    arguments.Add(DkpFlags.VmTemplate + "=" + machineImage);
                    break;
                case ClusterProvider.PreProvisioned:
                    machineImage = GivenText.OrNull(request.Spec.OverrideSecretName);
                    arguments.Add(DkpFlags.OverrideSecretName + "=" + machineImage);
                    break;
            }

            AddIfGiven(arguments, DkpFlags.Namespace, request.Spec.Namespace);
            AddIfGiven(arguments, DkpFlags.Kubeconfig, request.Spec.ManagementKubeconfig);
            AddIfGiven(arguments, "--registry-mirror-url", request.Spec.RegistryMirrorUrl);
            AddIfGiven(arguments, "--registry-mirror-username", request.RegistryMirrorUsername);
            if (!string.IsNullOrEmpty(request.RegistryMirrorPassword))
            {
                // A password is taken as given: never trimmed.
                arguments.Add("--registry-mirror-password=" + request.RegistryMirrorPassword);
            }

            if (request.DryRun)
            {
                arguments.Add(DkpFlags.DryRun);
                arguments.Add(DkpFlags.Output + "=yaml");
            }

            // Every value from a parameter or the catalog passes the same check as the extra
            // arguments (which the guard has checked): no control character reaches dkp.
            var unsafeValue = CommandLineText.FirstProblem(arguments);
            if (unsafeValue is not null)
            {
                var shown = SecretArguments.MaskArgument(CommandLineText.Visible(arguments[unsafeValue.Value.Index]));
                throw new ClusterPlanException(
                    ErrorKind.InvalidArgument,
                    $"The value '{shown}' cannot go on dkp's command line: {unsafeValue.Value.Problem}.",
                    shown,
                    "Remove the control character from the parameter, spec file or catalog value.");
            }

            // Extra arguments come last, so that none of them can take one of ours as its value.
            arguments.AddRange(extra);
            FipsInvariant.Verify(arguments);

            var secrets = new List<string>();
            if (!string.IsNullOrEmpty(request.RegistryMirrorPassword))
            {
                secrets.Add(request.RegistryMirrorPassword!);
            }

            var command = new CommandPlan(request.Executable, arguments, request.Environment, secrets);
            return new ClusterCreatePlan(name!, provider, build, kubernetesVersion, etcdVersion, kubernetesRepository, etcdRepository, machineImage, request.DryRun, command)
            {
                ManagementKubeconfig = GivenText.OrNull(request.Spec.ManagementKubeconfig),
                Namespace = GivenText.OrNull(request.Spec.Namespace),
            };
        }

        // A version that selects no build is the selector's refusal, as every command words it.
        private FipsBuildDefinition ResolveBuild(ClusterCreateRequest request) =>
            selector.Resolve(request.Spec.KubernetesVersion, request.FipsBuild).Build!;

        private static FipsVersion ResolveEtcd(ClusterCreateRequest request, FipsBuildDefinition build)
        {
            var text = GivenText.OrNull(request.Spec.EtcdVersion);
            if (text is null)
            {
                return RequireNumberedFips(build.EtcdVersion, build, "etcd");
            }

            if (!FipsVersion.TryParse(text, out var version) || version!.IsVersionLine)
            {
                throw new ClusterPlanException(
                    ErrorKind.InvalidEtcdVersion,
                    $"'{text}' is not a full etcd version such as 3.4.13+fips.0.",
                    text);
            }

            if (version.IsFips && version.FipsBuildNumber is null)
            {
                throw new ClusterPlanException(
                    ErrorKind.InvalidEtcdVersion,
                    $"The etcd version '{text}' has no FIPS build number; dkp create cluster needs +fips.N, such as {version.WithFipsBuild(0).ToEtcdFlag()}.",
                    text,
                    "Give -EtcdVersion with a +fips.N version.");
            }

            if (!version.IsFips || version.FipsBuildNumber is null)
            {
                throw new ClusterPlanException(
                    ErrorKind.InvalidEtcdVersion,
                    $"The etcd version '{text}' is not a FIPS build: a FIPS cluster needs an etcd version with +fips.N, such as {version.WithFipsBuild(0).ToEtcdFlag()}.",
                    text);
            }

            return version;
        }

        private static FipsVersion RequireNumberedFips(FipsVersion version, FipsBuildDefinition build, string component)
        {
            if (version.FipsBuildNumber is null)
            {
                throw new ClusterPlanException(
                    ErrorKind.InvalidEtcdVersion,
                    $"The {component} version {version} of the build {build} has no FIPS build number; dkp create cluster needs +fips.N.",
                    version.ToString(),
                    component == "etcd" ? "Give -EtcdVersion with a +fips.N version." : null);
            }

            return version;
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
