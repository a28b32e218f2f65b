namespace DkpFips.Core.ImageBuilder
{
    /// <summary>The konvoy-image build flags DkpFips sets.</summary>
    public static class KibFlags
    {
        public const string Overrides = "--overrides";
        public const string KubernetesVersion = "--kubernetes-version";
        public const string Region = "--region";
        public const string SourceAmi = "--source-ami";
        public const string SourceAmiFilterName = "--source-ami-filter-name";
        public const string SourceAmiFilterOwner = "--source-ami-filter-owner";
        public const string AmiRegions = "--ami-regions";
        public const string InstanceType = "--instance-type";
        public const string ContainerdVersion = "--containerd-version";

        /// <summary>The override that turns a KIB build into a FIPS build (kubernetes_build_metadata: fips.0, FIPS repositories).</summary>
        public const string FipsOverride = "overrides/fips.yaml";

        /// <summary>The air-gapped FIPS override (FIPS packages from the offline bundle).</summary>
        public const string OfflineFipsOverride = "overrides/offline-fips.yaml";
    }
}
