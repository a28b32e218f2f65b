using System;
using DkpFips.Core.Errors;

namespace DkpFips.Core.ImageBuilder
{
    /// <summary>The konvoy-image build targets that make FIPS machine images: AWS AMIs and vSphere templates.</summary>
    public static class KibPlatform
    {
        public const string Aws = "aws";
        public const string Vsphere = "vsphere";

        public static readonly string[] All = { Aws, Vsphere };

        /// <summary>The platform asked for, else the one the image definition's folder implies (images/ova is vSphere), else aws.</summary>
        public static string Resolve(string? platform, string? imageDefinitionPath)
        {
            if (!string.IsNullOrWhiteSpace(platform))
            {
                var wanted = platform!.Trim().ToLowerInvariant();
                if (wanted == "ami")
                {
                    return Aws;
                }

                if (wanted == "ova")
                {
                    return Vsphere;
                }

                if (Array.IndexOf(All, wanted) < 0)
                {
                    throw new KibException(ErrorKind.UnknownPlatform,
                        $"'{platform}' is not a platform Konvoy Image Builder makes FIPS images for: use aws (an AMI) or vsphere (a VM template).", platform);
                }

                return wanted;
            }

            var path = (imageDefinitionPath ?? string.Empty).Replace('\\', '/');
            return path.IndexOf("/ova/", StringComparison.OrdinalIgnoreCase) >= 0 || path.StartsWith("ova/", StringComparison.OrdinalIgnoreCase) ? Vsphere : Aws;
        }
    }
}
