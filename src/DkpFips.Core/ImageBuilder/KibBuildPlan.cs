using DkpFips.Core.Catalog;
using DkpFips.Core.Process;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.ImageBuilder
{
    /// <summary>A checked <c>konvoy-image build</c> invocation: the FIPS override and the plain Kubernetes version decided and present.</summary>
    public sealed class KibBuildPlan
    {
        internal KibBuildPlan(string platform, ImageDefinition image, FipsVersion kubernetesVersion, FipsBuildDefinition? build, CommandPlan command)
        {
            Platform = platform;
            Image = image;
            KubernetesVersion = kubernetesVersion;
            Build = build;
            Command = command;
        }

        public string Platform { get; }

        public ImageDefinition Image { get; }

        /// <summary>The FIPS version the image will carry (the plain version KIB gets, plus the override's +fips.0).</summary>
        public FipsVersion KubernetesVersion { get; }

        /// <summary>The catalog build; null when -Force allowed a version the catalog does not know.</summary>
        public FipsBuildDefinition? Build { get; }

        public CommandPlan Command { get; }
    }
}
