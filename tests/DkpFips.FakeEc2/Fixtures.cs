using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DkpFips.FakeEc2
{
    /// <summary>
    /// The images and failure triggers the fake endpoint serves. Image ids are fixed so that the
    /// tests in C# and PowerShell can name them; the error cases are chosen by the access key id
    /// of the signed request, as a real EC2 account's permissions would choose them.
    /// </summary>
    public static class Fixtures
    {
        public const string Account = "123456789012";
        public const string RedHatOwner = "309956199498";

        // Access key ids that make every call of the request fail.
        public const string AuthFailureKey = "AKIDAUTHFAILURE00001";
        public const string UnauthorizedKey = "AKIDUNAUTHORIZED0001";
        public const string ThrottledKey = "AKIDTHROTTLED0000001";

        /// <summary>Requests signed with this access key id must carry a valid SigV4 signature made with <see cref="SignedSecret"/>.</summary>
        public const string SignedKey = "AKIDSIGNED0000000001";
        public const string SignedSecret = "CANARY-SECRET-9f3a77e1c0b2";

        public const string RhelBase = "ami-0b0af3577fe5e3532";
        public const string KibFipsOldTag = "ami-0f1a2b3c4d5e60001";
        public const string KibFipsNewTag = "ami-0f1a2b3c4d5e60002";
        public const string KibNonFips = "ami-0f1a2b3c4d5e60003";
        public const string Ubuntu = "ami-0c7217cdde317cfec";
        public const string Windows = "ami-0f9c44e98edf38a2b";
        public const string Pending = "ami-0f1a2b3c4d5e60004";
        public const string Deregistered = "ami-0f1a2b3c4d5e60005";
        public const string Deprecated = "ami-0f1a2b3c4d5e60006";
        public const string Arm64 = "ami-0f1a2b3c4d5e60007";
        public const string PublicUnknownOwner = "ami-0f1a2b3c4d5e60008";
        public const string FipsNameOnly = "ami-0f1a2b3c4d5e60009";
        public const string AmazonLinux = "ami-0230bd60aa48260c6";
        public const string Flatcar = "ami-0d2b5d5e3c6f3b1a0";
        public const string Rocky = "ami-0e4b7a1b0c2d3e4f5";
        public const string CentOsFipsShortId = "ami-1a2b3c4d";
        public const string OracleFips = "ami-0f1a2b3c4d5e6000a";
        public const string Failed = "ami-0f1a2b3c4d5e6000b";

        /// <summary>Ids beginning with this (and otherwise unknown) are KIB FIPS images made up on demand, in every region: the benchmark's 500.</summary>
        public const string GeneratedPrefix = "ami-0bbb";

        public static IReadOnlyDictionary<string, FakeImage> Images { get; } = Build().ToDictionary(i => i.ImageId, StringComparer.Ordinal);

        public static FakeImage? Find(string imageId, string region)
        {
            if (Images.TryGetValue(imageId, out var image))
            {
                return image.ExistsIn(region) ? image : null;
            }

            return imageId.StartsWith(GeneratedPrefix, StringComparison.Ordinal) ? Kib(imageId, "rhel", "8.4", "1.23.7+fips.0", fips: true) : null;
        }

        private static IEnumerable<FakeImage> Build()
        {
            yield return new FakeImage
            {
                ImageId = RhelBase,
                Name = "RHEL-8.4.0_HVM-20210504-x86_64-2-Hourly2-GP2",
                Description = "Provided by Red Hat, Inc.",
                OwnerId = RedHatOwner,
                PlatformDetails = "Red Hat Enterprise Linux",
                UsageOperation = "RunInstances:0010",
                IsPublic = true,
                CreationDate = "2021-05-04T18:13:56.000Z",
                Regions = new[] { "us-east-1" },
            };
            yield return Kib(KibFipsOldTag, "rhel", "8.4", "1.23.7-fips.0", fips: true, regions: new[] { "us-east-1", "us-west-2" });
            yield return Kib(KibFipsNewTag, "rhel", "8.6", "1.25.4+fips.0", fips: true);
            yield return Kib(KibNonFips, "rhel", "8.4", "1.23.7", fips: false);
            yield return new FakeImage
            {
                ImageId = Ubuntu,
                Name = "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20231207",
                Description = "Canonical, Ubuntu, 22.04 LTS, amd64 jammy image build on 2023-12-07",
                OwnerId = "099720109477",
                IsPublic = true,
            };
            yield return new FakeImage
            {
                ImageId = Windows,
                Name = "Windows_Server-2022-English-Full-Base-2023.12.13",
                Description = "Microsoft Windows Server 2022 Full Locale English AMI provided by Amazon",
                OwnerId = "801119661308",
                OwnerAlias = "amazon",
                Platform = "windows",
                PlatformDetails = "Windows",
                UsageOperation = "RunInstances:0002",
                IsPublic = true,
            };
            yield return Kib(Pending, "rhel", "8.4", "1.23.7+fips.0", fips: true, state: "pending");
            yield return Kib(Deregistered, "rhel", "8.4", "1.23.7+fips.0", fips: true, state: "deregistered");
            yield return Kib(Failed, "rhel", "8.4", "1.23.7+fips.0", fips: true, state: "failed", reason: "Client.InternalError: the snapshot could not be created");
            yield return Kib(Deprecated, "rhel", "8.4", "1.23.7+fips.0", fips: true, deprecation: "2023-01-01T00:00:00.000Z");
            yield return Kib(Arm64, "rhel", "8.6", "1.25.4+fips.0", fips: true, architecture: "arm64");
            var shared = Kib(PublicUnknownOwner, "rhel", "8.4", "1.23.7+fips.0", fips: true);
            yield return new FakeImage
            {
                ImageId = shared.ImageId, Name = shared.Name, Description = shared.Description, Tags = shared.Tags,
                OwnerId = "999988887777", IsPublic = true,
            };
            yield return new FakeImage
            {
                // An image copied without its tags: only KIB's name says what it is.
                ImageId = FipsNameOnly,
                Name = "konvoy-ami-rhel-8.4-fips-1.23.7-fips.0-1656000000",
            };
            yield return new FakeImage
            {
                ImageId = AmazonLinux,
                Name = "al2023-ami-2023.3.20231218.0-kernel-6.1-x86_64",
                Description = "Amazon Linux 2023 AMI 2023.3.20231218.0 x86_64 HVM kernel-6.1",
                OwnerId = "137112412989",
                OwnerAlias = "amazon",
                IsPublic = true,
            };
            yield return new FakeImage
            {
                ImageId = Flatcar,
                Name = "Flatcar-stable-3602.2.3-hvm",
                Description = "Flatcar Container Linux stable 3602.2.3 (HVM)",
                OwnerId = "075585003325",
                IsPublic = true,
            };
            yield return new FakeImage
            {
                ImageId = Rocky,
                Name = "Rocky-8-EC2-Base-8.9-20231119.0.x86_64-d6577ceb-8ea8-4e0e-84c6-f098fc302e82",
                Description = "Rocky-8-EC2-Base-8.9-20231119.0.x86_64",
                OwnerId = "679593333241",
                OwnerAlias = "aws-marketplace",
                IsPublic = true,
            };
            yield return Kib(CentOsFipsShortId, "centos", "7.9", "1.23.7+fips.0", fips: true);
            yield return Kib(OracleFips, "oracle", "7.9", "1.23.7+fips.0", fips: true);
        }

        /// <summary>An image as Konvoy Image Builder names, describes and tags it.</summary>
        private static FakeImage Kib(string id, string distribution, string version, string kubernetesVersion, bool fips,
            string state = "available", string? reason = null, string? deprecation = null, string architecture = "x86_64", string[]? regions = null)
        {
            var nameVersion = kubernetesVersion.Replace('+', '-');
            var timestamp = "1656000000";
            return new FakeImage
            {
                ImageId = id,
                Name = fips ? $"konvoy-ami-{distribution}-{version}-fips-{nameVersion}-{timestamp}" : $"konvoy-ami-{distribution}-{version}-{nameVersion}-{timestamp}",
                Description = $"Konvoy base for Kubernetes {kubernetesVersion} on {distribution}-{version}",
                State = state,
                StateReasonCode = reason is null ? null : "Client.InternalError",
                StateReasonMessage = reason,
                Architecture = architecture,
                DeprecationTime = deprecation,
                Regions = regions,
                Tags = new Dictionary<string, string>
                {
                    ["build_date"] = "2022-06-23T16:00:00Z",
                    ["build_timestamp"] = timestamp,
                    ["containerd_version"] = "1.4.13",
                    ["distribution"] = distribution,
                    ["distribution_version"] = version,
                    ["gpu"] = "none",
                    ["image_builder_version"] = "v1.19.9",
                    ["kubernetes_cni_version"] = "0.9.1",
                    ["kubernetes_version"] = kubernetesVersion,
                    ["source_ami"] = RhelBase,
                },
            };
        }

        internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
