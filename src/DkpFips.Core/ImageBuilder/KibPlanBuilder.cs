using System;
using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Process;
using DkpFips.Core.Text;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.ImageBuilder
{
    /// <summary>
    /// Turns a <see cref="KibBuildRequest"/> into the exact <c>konvoy-image build aws|vsphere</c>
    /// argument list of a FIPS image build, or refuses it with a specific <see cref="KibException"/>.
    /// </summary>
    public sealed class KibPlanBuilder
    {
        private readonly FipsBuildSelector selector;

        public KibPlanBuilder(FipsCatalog catalog)
        {
            selector = new FipsBuildSelector(catalog ?? throw new ArgumentNullException(nameof(catalog)));
        }

        public KibBuildPlan Build(KibBuildRequest request)
        {
            var path = GivenText.OrNull(request.ImageDefinition);
            var os = GivenText.OrNull(request.OperatingSystem);
            var platform = KibPlatform.Resolve(GivenText.OrNull(request.Platform), path);
            ImageDefinition image;
            if (path is not null)
            {
                image = ImageDefinition.FromPath(path, platform);
                if (os is not null)
                {
                    var named = ImageDefinition.FromOperatingSystem(os, platform);
                    if (named.Family != image.Family || (named.Version is not null && image.Version is not null && named.Version != image.Version))
                    {
                        throw new KibException(ErrorKind.InvalidArgument,
                            $"-OperatingSystem {os} does not match the image definition {path} ({image.OperatingSystem}); give one of them.", os);
                    }
                }
            }
            else if (os is not null)
            {
                image = ImageDefinition.FromOperatingSystem(os, platform);
            }
            else
            {
                throw new KibException(ErrorKind.ImageDefinitionRequired,
                    "No image definition was given: give -ImageDefinition (for example images/ami/rhel-84.yaml) or -OperatingSystem (for example rhel-8.4).", null);
            }

            var (version, build) = ResolveVersion(request);
            if (build is not null && !request.Force)
            {
                CheckSupport(build, platform, image);
            }

            var arguments = new List<string> { "build", platform, image.Path };
            var overrides = new List<string> { KibFlags.FipsOverride };
            if (request.AirGapped)
            {
                overrides.Add(KibFlags.OfflineFipsOverride);
            }

            foreach (var extra in (request.ExtraOverrides ?? Array.Empty<string>()).Select(GivenText.OrNull).Where(e => e is not null))
            {
                if (!overrides.Contains(extra!, StringComparer.Ordinal))
                {
                    overrides.Add(extra!);
                }
            }

            foreach (var file in overrides)
            {
                arguments.Add(KibFlags.Overrides + "=" + file);
            }

            // KIB takes the plain version; the fips override adds the +fips.0 build metadata.
            arguments.Add(KibFlags.KubernetesVersion + "=" + version.PlainVersion);
            AddIfGiven(arguments, KibFlags.ContainerdVersion, request.ContainerdVersion);

            var amiRegions = (request.AmiRegions ?? Array.Empty<string>()).Select(GivenText.OrNull).Where(r => r is not null).Distinct(StringComparer.Ordinal).ToArray();
            var sourceAmi = GivenText.OrNull(request.SourceAmi);
            var filterName = GivenText.OrNull(request.SourceAmiFilterName);
            var filterOwner = GivenText.OrNull(request.SourceAmiFilterOwner);
            if (platform == KibPlatform.Aws)
            {
                if (sourceAmi is not null && (filterName is not null || filterOwner is not null))
                {
                    throw new KibException(ErrorKind.SourceAmiConflict,
                        "-SourceAmi names the base image; -SourceAmiFilterName and -SourceAmiFilterOwner search for one. Give either the AMI or the filter.", sourceAmi);
                }

                if (sourceAmi is not null && !MachineImageRules.IsValidAmiId(sourceAmi))
                {
                    throw new KibException(ErrorKind.InvalidAmiId,
                        $"'{sourceAmi}' is not an AMI id: an AMI id is 'ami-' followed by 8 or 17 lower-case hexadecimal digits.", sourceAmi);
                }

                AddIfGiven(arguments, KibFlags.Region, request.Region);
                AddIfGiven(arguments, KibFlags.SourceAmi, sourceAmi);
                AddIfGiven(arguments, KibFlags.SourceAmiFilterName, filterName);
                AddIfGiven(arguments, KibFlags.SourceAmiFilterOwner, filterOwner);
                if (amiRegions.Length > 0)
                {
                    arguments.Add(KibFlags.AmiRegions + "=" + string.Join(",", amiRegions));
                }

                AddIfGiven(arguments, KibFlags.InstanceType, request.InstanceType);
            }
            else
            {
                NotForVsphere("-Region", request.Region);
                NotForVsphere("-SourceAmi", sourceAmi);
                NotForVsphere("-SourceAmiFilterName", filterName);
                NotForVsphere("-SourceAmiFilterOwner", filterOwner);
                NotForVsphere("-AmiRegions", amiRegions.Length == 0 ? null : string.Join(",", amiRegions));
                NotForVsphere("-InstanceType", request.InstanceType);
            }

            var unsafeValue = CommandLineText.FirstProblem(arguments);
            if (unsafeValue is not null)
            {
                var shown = SecretArguments.MaskArgument(CommandLineText.Visible(arguments[unsafeValue.Value.Index]));
                throw new KibException(ErrorKind.InvalidArgument, $"The value '{shown}' cannot go on konvoy-image's command line: {unsafeValue.Value.Problem}.", shown);
            }

            var command = new CommandPlan(request.Executable, arguments, request.Environment);
            return new KibBuildPlan(platform, image, version, build, command);
        }

        private (FipsVersion Version, FipsBuildDefinition? Build) ResolveVersion(KibBuildRequest request)
        {
            try
            {
                var selection = selector.Resolve(request.KubernetesVersion, request.FipsBuild, allowUncatalogued: request.Force);
                return (FipsOf(selection.Version), selection.Build);
            }
            catch (BuildSelectionException ex) when (ex.Kind == ErrorKind.FipsBuildNotFound)
            {
                // Without a catalog row -Force can build anyway, but only a full version names the build.
                throw new KibException(
                    ErrorKind.FipsBuildNotFound,
                    request.Force
                        ? $"-Force needs a full Kubernetes version such as 1.29.6: the catalog has no FIPS build of the line {ex.Text} to pick a patch from."
                        : ex.Message,
                    ex.Text,
                    "Run Get-FipsBuild to list every build, add a row with -CatalogPath, or build anyway with -Force.");
            }
        }

        // The release's catalog row says where it supports FIPS: a vSphere template of a release
        // without vSphere, or an OS the release does not list for the platform, is refused.
        private static void CheckSupport(FipsBuildDefinition build, string platform, ImageDefinition image)
        {
            var providerProblem = ReleaseSupport.ProviderProblem(build, platform);
            if (providerProblem is not null)
            {
                throw new KibException(ErrorKind.ProviderNotSupportedByRelease, providerProblem, platform, ReleaseSupport.ForceHint);
            }

            var osProblem = ReleaseSupport.OperatingSystemProblem(build, platform, image.OperatingSystem);
            if (osProblem is not null)
            {
                throw new KibException(ErrorKind.OperatingSystemNotSupportedByRelease, osProblem, image.OperatingSystem, ReleaseSupport.ForceHint);
            }
        }

        // The image carries what KIB's fips override writes: the plain version with +fips.0.
        private static FipsVersion FipsOf(FipsVersion version) => version.IsFips && version.FipsBuildNumber is not null ? version : version.WithoutFips().WithFipsBuild(0);

        private static void NotForVsphere(string parameter, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                throw new KibException(ErrorKind.ParameterNotForPlatform,
                    $"{parameter} applies to AMI builds (aws) only, not to vSphere templates.", parameter);
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
