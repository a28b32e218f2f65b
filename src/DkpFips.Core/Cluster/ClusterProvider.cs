using System;
using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// The infrastructure providers of <c>dkp create cluster</c>, and which of them can carry a
    /// FIPS cluster: only those with a supported FIPS operating system image.
    /// </summary>
    public static class ClusterProvider
    {
        public const string Aws = "aws";
        public const string Vsphere = "vsphere";
        public const string PreProvisioned = "preprovisioned";

        public static IReadOnlyList<string> FipsCapable { get; } = new[] { Aws, Vsphere, PreProvisioned };

        /// <summary>Providers dkp knows but where no FIPS OS image is supported.</summary>
        public static IReadOnlyList<string> NotFipsCapable { get; } = new[] { "azure", "gcp", "eks", "aks" };

        public static string Normalize(string provider)
        {
            var text = provider.Trim().ToLowerInvariant();
            return text == "pre-provisioned" ? PreProvisioned : text;
        }

        /// <summary>The provider to use: the one given, else the one implied by the machine image parameter.</summary>
        public static string Resolve(string? provider, string? amiId, string? vmTemplate, string? overrideSecretName)
        {
            if (!string.IsNullOrWhiteSpace(provider))
            {
                var name = Normalize(provider!);
                if (NotFipsCapable.Contains(name))
                {
                    throw new ClusterPlanException(
                        ErrorKind.ProviderNotFipsCapable,
                        $"The provider '{name}' cannot create a FIPS cluster: dkp has the FIPS flags there, but no FIPS operating system image is supported on {name}. FIPS clusters are supported on {string.Join(", ", FipsCapable)}.",
                        name,
                        "Create the cluster on aws, vsphere or preprovisioned infrastructure with a FIPS machine image.");
                }

                if (!FipsCapable.Contains(name))
                {
                    throw new ClusterPlanException(
                        ErrorKind.UnknownProvider,
                        $"The provider '{provider}' is unknown. FIPS clusters are supported on {string.Join(", ", FipsCapable)}.",
                        provider);
                }

                return name;
            }

            var implied = new List<string>();
            if (!string.IsNullOrEmpty(amiId)) implied.Add(Aws);
            if (!string.IsNullOrEmpty(vmTemplate)) implied.Add(Vsphere);
            if (!string.IsNullOrEmpty(overrideSecretName)) implied.Add(PreProvisioned);
            if (implied.Count == 1)
            {
                return implied[0];
            }

            throw new ClusterPlanException(
                ErrorKind.ProviderRequired,
                implied.Count == 0
                    ? "No provider was given and none is implied: give -Provider (aws, vsphere or preprovisioned) with its FIPS machine image (-AmiId, -VmTemplate or -OverrideSecretName)."
                    : $"No provider was given and the machine image parameters imply several ({string.Join(", ", implied)}): give -Provider.",
                null);
        }
    }
}
