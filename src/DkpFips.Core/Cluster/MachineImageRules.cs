using System.Text.RegularExpressions;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// Each FIPS-capable provider needs its FIPS machine image, and only its own: an AMI on AWS,
    /// a VM template on vSphere, the KIB override secret on pre-provisioned machines. Without
    /// one, dkp falls back to a default, non-FIPS image.
    /// </summary>
    public static class MachineImageRules
    {
        private static readonly Regex AmiPattern = new Regex("^ami-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant);

        public static bool IsValidAmiId(string? amiId) => amiId is not null && AmiPattern.IsMatch(amiId);

        public static void Validate(string provider, string? amiId, string? region, string? vmTemplate, string? overrideSecretName)
        {
            NotFor(provider, ClusterProvider.Aws, "-AmiId", amiId);
            NotFor(provider, ClusterProvider.Aws, "-Region", region);
            NotFor(provider, ClusterProvider.Vsphere, "-VmTemplate", vmTemplate);
            NotFor(provider, ClusterProvider.PreProvisioned, "-OverrideSecretName", overrideSecretName);

            switch (provider)
            {
                case ClusterProvider.Aws:
                    Require(provider, "-AmiId", amiId, "a FIPS AMI built by Konvoy Image Builder with the fips override (for example with New-FipsAmi)");
                    if (!IsValidAmiId(amiId))
                    {
                        throw new ClusterPlanException(
                            ErrorKind.InvalidAmiId,
                            $"'{amiId}' is not an AMI id: an AMI id is 'ami-' followed by 8 or 17 lower-case hexadecimal digits (for example ami-03dcaa75d45aca36f).",
                            amiId);
                    }

                    break;
                case ClusterProvider.Vsphere:
                    Require(provider, "-VmTemplate", vmTemplate, "a FIPS-enabled VM template built by Konvoy Image Builder with the fips override");
                    break;
                case ClusterProvider.PreProvisioned:
                    Require(provider, "-OverrideSecretName", overrideSecretName, "the name of the secret that holds the KIB fips.yaml overrides");
                    break;
            }
        }

        private static void Require(string provider, string parameter, string? value, string what)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ClusterPlanException(
                    ErrorKind.MachineImageRequired,
                    $"A FIPS cluster on {provider} needs {parameter}: {what}. Without it dkp uses a default image that is not FIPS-enabled.",
                    parameter);
            }
        }

        private static void NotFor(string provider, string owner, string parameter, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value) && provider != owner)
            {
                throw new ClusterPlanException(
                    ErrorKind.ParameterNotForProvider,
                    $"{parameter} applies to the {owner} provider only, not to {provider}.",
                    parameter);
            }
        }
    }
}
