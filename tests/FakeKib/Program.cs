// A stand-in for konvoy-image (Konvoy Image Builder) in tests. It writes packer's manifest.json
// in its working folder the way packer's manifest post-processor does: the builds of earlier
// runs stay, the new build is appended, last_run_uuid names the new run. Environment variables
// steer it:
//   FAKEKIB_RECORD        file to write {"argv":[...],"env":{...},"pid":N,"cwd":"..."} to
//   FAKEKIB_RECORD_ENV    comma-separated names of environment variables to record
//   FAKEKIB_ECHO_ENV      comma-separated names of environment variables to print (a careless tool)
//   FAKEKIB_PREVIOUS      "1": when there is no manifest yet, start it with a build of an earlier run
//   FAKEKIB_EXIT          exit code (default 0); non-zero writes no manifest
//   FAKEKIB_HANG          "1": never finish on its own
//   FAKEKIB_NO_MANIFEST   "1": succeed without writing a manifest
//   FAKEKIB_NO_AMI        "1": record the run with an empty artifact_id (packer built nothing)
//   FAKEKIB_NOT_FIPS      "1": record the plain Kubernetes version even with the fips override
//   FAKEKIB_DISTRIBUTION  "name/version": report this OS in the manifest instead of the definition's
//   FAKEKIB_TAG_FORM      "dash": write the FIPS version as KIB before v2.0 did (1.23.7-fips.0)
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(false);
        Func<string, string?> env = Environment.GetEnvironmentVariable;
        if (env("FAKEKIB_RECORD") is { Length: > 0 } recordPath)
        {
            Record(recordPath, args, env("FAKEKIB_RECORD_ENV"));
        }

        if (args.Length > 0 && args[0] == "version")
        {
            Console.WriteLine("konvoy-image, version v2.8.0 (fake)");
            return 0;
        }

        if (args.Length < 3 || args[0] != "build" || (args[1] != "aws" && args[1] != "vsphere"))
        {
            Console.Error.WriteLine("Error: unknown command; usage: konvoy-image build aws|vsphere <image.yaml> [flags]");
            return 2;
        }

        foreach (var variable in (env("FAKEKIB_ECHO_ENV") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            Console.WriteLine($"debug: {variable}={env(variable)}");
        }

        var platform = args[1];
        var image = args[2];
        var overrides = Values(args, "--overrides").SelectMany(v => v.Split(',')).ToList();
        var fips = overrides.Contains("overrides/fips.yaml") && env("FAKEKIB_NOT_FIPS") != "1";
        var plain = Value(args, "--kubernetes-version") ?? "1.29.6";
        var version = fips ? plain + (env("FAKEKIB_TAG_FORM") == "dash" ? "-fips.0" : "+fips.0") : plain;
        var (distribution, distributionVersion) = Distribution(image);
        if (env("FAKEKIB_DISTRIBUTION") is { Length: > 0 } reported && reported.Split('/') is { Length: 2 } parts)
        {
            (distribution, distributionVersion) = (parts[0], parts[1]);
        }
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var work = $"work/{Path.GetFileNameWithoutExtension(image)}-{stamp}-{Environment.ProcessId}";
        var builder = platform == "aws" ? "amazon-ebs" : "vsphere-clone";
        var source = $"{builder}.kib_image";

        Console.WriteLine($"writing new packer configuration to {work}");
        Console.WriteLine($"starting packer build");
        Console.WriteLine($"{source}: output will be in this color.");
        var name = $"konvoy-ami-{distribution}-{distributionVersion}-{(fips ? "fips-" : string.Empty)}{version.Replace('+', '-')}-{stamp}";
        Console.WriteLine($"==> {source}: Prevalidating AMI Name: {name}");
        Console.WriteLine($"==> {source}: Launching a source instance...");
        Console.WriteLine($"==> {source}: Provisioning with Ansible...");
        Console.Out.Flush();

        if (env("FAKEKIB_HANG") == "1")
        {
            Console.WriteLine($"==> {source}: Waiting for SSH to become available...");
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
        }

        if (int.TryParse(env("FAKEKIB_EXIT"), out var exit) && exit != 0)
        {
            Console.Error.WriteLine($"Build '{source}' errored after 4 minutes 2 seconds: Error waiting for SSH: Timeout waiting for SSH.");
            Console.Error.WriteLine("==> Builds finished but no artifacts were created.");
            Console.Error.WriteLine($"Error: error building image: packer build exited with code {exit}");
            return exit;
        }

        var regions = new List<string> { Value(args, "--region") ?? "us-west-2" };
        regions.AddRange(Values(args, "--ami-regions").SelectMany(v => v.Split(',')).Where(r => r.Length > 0 && !regions.Contains(r)));
        string artifact;
        if (env("FAKEKIB_NO_AMI") == "1")
        {
            artifact = string.Empty;
        }
        else if (platform == "aws")
        {
            artifact = string.Join(",", regions.Select(r => r + ":" + AmiId(r + stamp + Environment.ProcessId)));
        }
        else
        {
            artifact = $"konvoy-{Path.GetFileNameWithoutExtension(image)}-{(fips ? "fips-" : string.Empty)}{version}-{DateTime.UtcNow:yyyyMMddHHmmss}";
        }

        Console.WriteLine($"Build '{source}' finished after 18 minutes 12 seconds.");
        Console.WriteLine("==> Builds finished. The artifacts of successful builds are:");
        if (platform == "aws" && artifact.Length > 0)
        {
            Console.WriteLine($"--> {source}: AMIs were created:");
            foreach (var part in artifact.Split(','))
            {
                Console.WriteLine(part.Replace(":", ": "));
            }
        }

        if (env("FAKEKIB_NO_MANIFEST") != "1")
        {
            WriteManifest(builder, artifact, version, distribution, distributionVersion, stamp, env("FAKEKIB_PREVIOUS") == "1");
        }

        return 0;
    }

    private static void WriteManifest(string builder, string artifact, string version, string distribution, string distributionVersion, long stamp, bool previous)
    {
        var path = Path.Combine(Directory.GetCurrentDirectory(), "manifest.json");
        JsonObject root;
        if (File.Exists(path))
        {
            root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        }
        else
        {
            root = new JsonObject { ["builds"] = new JsonArray() };
            if (previous)
            {
                var uuid = Guid.NewGuid().ToString();
                root["builds"]!.AsArray().Add(Build(builder, "us-west-2:ami-0aaaaaaaaaaaaaaa1", version, distribution, distributionVersion, stamp - 86400, uuid));
                root["last_run_uuid"] = uuid;
            }
        }

        var run = Guid.NewGuid().ToString();
        root["builds"]!.AsArray().Add(Build(builder, artifact, version, distribution, distributionVersion, stamp, run));
        root["last_run_uuid"] = run;
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), new UTF8Encoding(false));
    }

    private static JsonObject Build(string builder, string artifact, string version, string distribution, string distributionVersion, long stamp, string run) => new JsonObject
    {
        ["name"] = "kib_image",
        ["builder_type"] = builder,
        ["build_time"] = stamp,
        ["files"] = null,
        ["artifact_id"] = artifact,
        ["packer_run_uuid"] = run,
        ["custom_data"] = new JsonObject
        {
            ["containerd_version"] = "1.6.28+fips",
            ["distribution"] = distribution,
            ["distribution_version"] = distributionVersion,
            ["kubernetes_cni_version"] = "1.3.0",
            ["kubernetes_version"] = version,
        },
    };

    // images/ami/rhel-84.yaml: rhel 8.4.
    private static (string, string) Distribution(string image)
    {
        var name = Path.GetFileNameWithoutExtension(image);
        var dash = name.IndexOf('-');
        var family = dash < 0 ? name : name.Substring(0, dash);
        var digits = dash < 0 ? string.Empty : new string(name.Substring(dash + 1).TakeWhile(char.IsDigit).ToArray());
        var version = digits.Length > 1 ? digits.Substring(0, 1) + "." + digits.Substring(1) : digits;
        return (family, version);
    }

    // FAKEKIB_AMI_PREFIX (e.g. ami-0bbb) makes ids that the EC2 double serves as KIB FIPS images,
    // so a test can chain New-FipsAmi into Test-FipsAmi.
    private static string AmiId(string seed)
    {
        var prefix = Environment.GetEnvironmentVariable("FAKEKIB_AMI_PREFIX") ?? "ami-";
        var hex = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed))).ToLowerInvariant();
        return prefix + hex.Substring(0, 21 - prefix.Length);
    }

    private static void Record(string path, string[] args, string? envNames)
    {
        var recorded = new Dictionary<string, string?>();
        foreach (var name in (envNames ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            recorded[name] = Environment.GetEnvironmentVariable(name);
        }

        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["argv"] = args,
            ["env"] = recorded,
            ["pid"] = Environment.ProcessId,
            ["cwd"] = Directory.GetCurrentDirectory(),
        });
        File.WriteAllText(path, json, new UTF8Encoding(false));
    }

    private static string? Value(string[] args, string flag) => Values(args, flag).LastOrDefault();

    private static IEnumerable<string> Values(string[] args, string flag)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith(flag + "=", StringComparison.Ordinal))
            {
                yield return args[i].Substring(flag.Length + 1);
            }
            else if (args[i] == flag && i + 1 < args.Length)
            {
                yield return args[++i];
            }
        }
    }
}
