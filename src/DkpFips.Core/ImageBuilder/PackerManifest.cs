using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.Json;
using DkpFips.Core.Versioning;

namespace DkpFips.Core.ImageBuilder
{
    /// <summary>
    /// Reads the manifest.json packer's manifest post-processor writes after a KIB build:
    /// <c>{"builds":[{"builder_type","artifact_id":"region:ami-id[,region:ami-id]","packer_run_uuid","custom_data":{...}}],"last_run_uuid"}</c>.
    /// Builds of earlier runs stay in the file; only those of <c>last_run_uuid</c> count.
    /// </summary>
    public static class PackerManifest
    {
        /// <summary>The last_run_uuid of an existing manifest, or null (no file, or unreadable).</summary>
        public static string? LastRunUuid(string path)
        {
            try
            {
                if (!File.Exists(path))
                {
                    return null;
                }

                using var document = JsonText.TryParseObject(IO.BoundedFile.ReadAllText(path, IO.BoundedFile.DefaultLimit, "packer manifest"));
                return document is null ? null : JsonText.String(document.RootElement, "last_run_uuid");
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>The images of the last run, one per AMI region; refuses a run that made none or made a non-FIPS image.</summary>
        /// <param name="expected">The Kubernetes version the build was asked for; a different one in the manifest is an error.</param>
        /// <param name="previousRunUuid">The last_run_uuid before the build; the same one after it means the build wrote nothing.</param>
        /// <param name="asked">The image definition the build was asked for; an image KIB reports as another or a non-FIPS OS is an error.</param>
        public static IReadOnlyList<BuiltImage> Read(string path, FipsVersion? expected = null, string? previousRunUuid = null, ImageDefinition? asked = null)
        {
            if (!File.Exists(path))
            {
                throw new KibException(ErrorKind.PackerManifestNotFound,
                    $"Konvoy Image Builder finished but wrote no packer manifest at {path}, so the new image is unknown.", path,
                    "Check -WorkingDirectory: KIB writes manifest.json in its working folder.");
            }

            string text;
            try
            {
                text = IO.BoundedFile.ReadAllText(path, IO.BoundedFile.DefaultLimit, "packer manifest");
            }
            catch (IO.FileTooLargeException ex)
            {
                throw new KibException(ErrorKind.PackerManifestInvalid, ex.Message, path);
            }

            using var document = JsonText.TryParseObject(text);
            if (document is null || JsonText.Element(document.RootElement, "builds") is not { ValueKind: JsonValueKind.Array })
            {
                throw new KibException(ErrorKind.PackerManifestInvalid, $"{path} is not a packer manifest: expected a JSON object with a builds list.", path);
            }

            var root = document.RootElement;
            var lastRun = JsonText.String(root, "last_run_uuid");
            if (previousRunUuid is not null && lastRun == previousRunUuid)
            {
                throw new KibException(ErrorKind.NoImageBuilt,
                    $"The packer manifest {path} records no new run (last_run_uuid is still {lastRun}): the build produced no image.", path);
            }

            var builds = JsonText.Items(root, "builds").Where(b => b.ValueKind == JsonValueKind.Object).ToList();
            var current = lastRun is null
                ? builds.Skip(Math.Max(0, builds.Count - 1)).ToList()
                : builds.Where(b => JsonText.String(b, "packer_run_uuid") == lastRun).ToList();

            var images = new List<BuiltImage>();
            foreach (var build in current)
            {
                images.AddRange(ReadBuild(build, path, expected, asked));
            }

            if (images.Count == 0)
            {
                throw new KibException(ErrorKind.NoImageBuilt,
                    $"The packer manifest {path} has no image for its last run{(lastRun is null ? string.Empty : " (" + lastRun + ")")}: the build produced no AMI or template.", path);
            }

            return images;
        }

        private static IEnumerable<BuiltImage> ReadBuild(JsonElement build, string path, FipsVersion? expected, ImageDefinition? asked)
        {
            var builder = JsonText.String(build, "builder_type") ?? string.Empty;
            var artifact = (JsonText.String(build, "artifact_id") ?? string.Empty).Trim();
            var text = JsonText.String(build, "custom_data", "kubernetes_version");
            if (!FipsVersion.TryParse(text, out var version) || version!.IsVersionLine)
            {
                throw new KibException(ErrorKind.PackerManifestInvalid,
                    $"The packer manifest {path} gives no usable custom_data.kubernetes_version ('{text ?? "missing"}').", path);
            }

            if (!version.IsFips)
            {
                throw new KibException(ErrorKind.ImageNotFips,
                    $"The image built is not FIPS: the packer manifest {path} says Kubernetes {text}, without +fips. Was overrides/fips.yaml applied?", text);
            }

            if (expected is not null && !expected.WithoutFips().Equals(version.WithoutFips()))
            {
                throw new KibException(ErrorKind.ImageVersionMismatch,
                    $"The image built carries Kubernetes {version}, not the {expected} that was asked for.", text);
            }

            var distribution = JsonText.String(build, "custom_data", "distribution");
            var distributionVersion = JsonText.String(build, "custom_data", "distribution_version");
            var containerd = JsonText.String(build, "custom_data", "containerd_version");
            if (asked?.CheckBuilt(distribution, distributionVersion) is { } wrongOs)
            {
                throw new KibException(wrongOs.NotFips ? ErrorKind.ImageNotFips : ErrorKind.ImageOperatingSystemMismatch, wrongOs.Problem, distribution);
            }

            if (artifact.Length == 0)
            {
                yield break;
            }

            if (!builder.StartsWith("amazon", StringComparison.OrdinalIgnoreCase))
            {
                yield return new BuiltImage(artifact, null, builder, version, distribution, distributionVersion, containerd);
                yield break;
            }

            foreach (var part in artifact.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = part.IndexOf(':');
                var region = colon > 0 ? part.Substring(0, colon).Trim() : string.Empty;
                var ami = colon > 0 ? part.Substring(colon + 1).Trim() : part.Trim();
                if (region.Length == 0 || !MachineImageRules.IsValidAmiId(ami))
                {
                    throw new KibException(ErrorKind.PackerManifestInvalid,
                        $"The packer manifest {path} has an artifact_id '{part}' that is not region:ami-id.", path);
                }

                yield return new BuiltImage(ami, region, builder, version, distribution, distributionVersion, containerd);
            }
        }
    }
}
