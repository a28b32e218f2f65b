// A stand-in for the dkp CLI in tests. Environment variables steer it:
//   FAKEDKP_RECORD        file to write {"argv":[...],"env":{...},"pid":N} to; "{cluster}" in it
//                         becomes the --cluster-name value (one file per cluster in a batch)
//   FAKEDKP_RECORD_ENV    comma-separated names of environment variables to record
//   FAKEDKP_LINES         extra progress lines to print
//   FAKEDKP_ECHO          "1": print every argument (as a careless CLI might)
//   FAKEDKP_ECHO_ENV      comma-separated names of environment variables to print (a careless CLI
//                         in debug mode), each as "debug: NAME=value"
//   FAKEDKP_SLEEP_MS      sleep this long before finishing
//   FAKEDKP_LIFETIME_MS   finish this long after the process started (start-up included), so a
//                         run takes the same wall time however slowly the runtime starts
//   FAKEDKP_HANG          "1": never finish on its own
//   FAKEDKP_HANG_CLUSTERS comma-separated cluster names that never finish
//   FAKEDKP_RUNNING_DIR   directory: a marker file per running process, so a test can see how
//                         many ran at once ("runningAtStart" in the record)
//   FAKEDKP_SPAWN_CHILD   file: start a hanging child copy of itself first, write its pid there
//   FAKEDKP_EXIT          exit code (default 0)
//   FAKEDKP_FAIL_CLUSTERS comma-separated cluster names that fail with exit code 1
//   FAKEDKP_YAML_WRONG    with --dry-run: which field to get wrong (version, imageRepository,
//                         etcdImageRepository, etcdImageTag, machineDeploymentVersion, ami)
//   FAKEDKP_KUBECONFIG_SERVER  with --self-managed: the API server URL the written <cluster>.conf
//                         points at (a loopback KubeApiDouble), so the new "cluster" can be checked
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(false);
        Func<string, string?> env = Environment.GetEnvironmentVariable;
        var cluster = FlagValue(args, "--cluster-name") ?? "unnamed";

        if (env("FAKEDKP_SPAWN_CHILD") is { Length: > 0 } childPidFile)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
            start.Environment["FAKEDKP_SPAWN_CHILD"] = string.Empty;
            start.Environment["FAKEDKP_RECORD"] = string.Empty;
            start.Environment["FAKEDKP_HANG"] = "1";
            var child = Process.Start(start)!;
            File.WriteAllText(childPidFile, child.Id.ToString());
        }

        var runningAtStart = 0;
        string? marker = null;
        if (env("FAKEDKP_RUNNING_DIR") is { Length: > 0 } runningDir)
        {
            Directory.CreateDirectory(runningDir);
            marker = Path.Combine(runningDir, Environment.ProcessId + ".running");
            File.WriteAllText(marker, cluster);
            runningAtStart = Directory.GetFiles(runningDir, "*.running").Length;
        }

        try
        {
            if (env("FAKEDKP_RECORD") is { Length: > 0 } recordPath)
            {
                Record(recordPath.Replace("{cluster}", cluster), args, env("FAKEDKP_RECORD_ENV"), runningAtStart);
            }

            return Run(args, cluster, env);
        }
        finally
        {
            if (marker is not null)
            {
                File.Delete(marker);
            }
        }
    }

    private static int Run(string[] args, string cluster, Func<string, string?> env)
    {

        if (args.Length > 0 && args[0] == "version")
        {
            Console.WriteLine("dkp: v2.3.0 (fake)");
            return 0;
        }

        if (env("FAKEDKP_ECHO") == "1")
        {
            foreach (var arg in args)
            {
                Console.WriteLine("arg: " + arg);
            }
        }

        foreach (var variable in (env("FAKEDKP_ECHO_ENV") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Console.WriteLine($"debug: {variable}={env(variable)}");
        }

        var dryRun = args.Contains("--dry-run");
        if (dryRun)
        {
            Console.Write(DryRunYaml(args, cluster, env("FAKEDKP_YAML_WRONG")));
        }
        else
        {
            Console.WriteLine($" ✓ Generating cluster resources");
            Console.WriteLine($"cluster.cluster.x-k8s.io/{cluster} created");
        }

        if (int.TryParse(env("FAKEDKP_LINES"), out var lines))
        {
            for (var i = 1; i <= lines; i++)
            {
                Console.WriteLine($" • Waiting for cluster infrastructure to be ready ({i}/{lines})");
            }
        }

        if (int.TryParse(env("FAKEDKP_SLEEP_MS"), out var sleep) && sleep > 0)
        {
            Thread.Sleep(sleep);
        }

        if (int.TryParse(env("FAKEDKP_LIFETIME_MS"), out var lifetime) && lifetime > 0)
        {
            var left = Process.GetCurrentProcess().StartTime.AddMilliseconds(lifetime) - DateTime.Now;
            if (left > TimeSpan.Zero)
            {
                Thread.Sleep(left);
            }
        }

        var hanging = (env("FAKEDKP_HANG_CLUSTERS") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (env("FAKEDKP_HANG") == "1" || hanging.Contains(cluster))
        {
            Console.WriteLine(" • Waiting for the control plane to be ready");
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
        }

        var failing = (env("FAKEDKP_FAIL_CLUSTERS") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (failing.Contains(cluster))
        {
            Console.Error.WriteLine($"Error: failed to create cluster {cluster}: timed out waiting for AWSCluster infrastructure to be ready");
            return 1;
        }

        if (int.TryParse(env("FAKEDKP_EXIT"), out var exit) && exit != 0)
        {
            Console.Error.WriteLine($"Error: dkp failed with exit code {exit}");
            return exit;
        }

        if (!dryRun)
        {
            Console.WriteLine($" ✓ Cluster {cluster} created");
            if (args.Contains("--self-managed"))
            {
                var server = env("FAKEDKP_KUBECONFIG_SERVER");
                File.WriteAllText(cluster + ".conf", server is { Length: > 0 }
                    ? $"apiVersion: v1\nkind: Config\nclusters:\n- name: {cluster}\n  cluster:\n    server: {server}\ncontexts:\n- name: {cluster}-admin@{cluster}\n  context:\n    cluster: {cluster}\n    user: {cluster}-admin\ncurrent-context: {cluster}-admin@{cluster}\nusers:\n- name: {cluster}-admin\n  user:\n    token: fake-token\n"
                    : $"apiVersion: v1\nkind: Config\ncurrent-context: {cluster}-admin@{cluster}\n");
                Console.WriteLine($"Cluster default/{cluster} kubeconfig was written to to the filesystem.");
                Console.WriteLine($"You can now view resources in the new cluster by using the --kubeconfig={cluster}.conf flag with kubectl.");
            }
        }

        return 0;
    }

    private static void Record(string path, string[] args, string? envNames, int runningAtStart)
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
            ["runningAtStart"] = runningAtStart,
        });
        var temp = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temp, json, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    private static string? FlagValue(string[] args, string flag)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith(flag + "=", StringComparison.Ordinal))
            {
                return args[i].Substring(flag.Length + 1);
            }

            if (args[i] == flag && i + 1 < args.Length)
            {
                return args[i + 1];
            }
        }

        return null;
    }

    // Cluster API objects as dkp create cluster aws --dry-run --output yaml prints them
    // (trimmed to the parts FIPS depends on).
    private static string DryRunYaml(string[] args, string cluster, string? wrong)
    {
        string Get(string flag, string fallback) => FlagValue(args, flag) ?? fallback;
        var version = Get("--kubernetes-version", "v1.29.6");
        var etcd = Get("--etcd-version", "3.5.10");
        var repository = Get("--kubernetes-image-repository", "registry.k8s.io");
        var etcdRepository = Get("--etcd-image-repository", "registry.k8s.io");
        var ami = Get("--ami", "ami-0123456789abcdef0");
        var ns = Get("--namespace", "default");
        var etcdTag = "v" + etcd.TrimStart('v').Replace('+', '_');

        if (wrong == "version") version = version.Split('+')[0];
        if (wrong == "imageRepository") repository = "registry.k8s.io";
        if (wrong == "etcdImageRepository") etcdRepository = "registry.k8s.io";
        if (wrong == "etcdImageTag") etcdTag = "v3.5.10-0";
        var mdVersion = wrong == "machineDeploymentVersion" ? version.Split('+')[0] : version;
        if (wrong == "ami") ami = "ami-0fffffffffffffff0";

        return $@"apiVersion: cluster.x-k8s.io/v1beta1
kind: Cluster
metadata:
  name: {cluster}
  namespace: {ns}
spec:
  controlPlaneRef:
    apiVersion: controlplane.cluster.x-k8s.io/v1beta1
    kind: KubeadmControlPlane
    name: {cluster}-control-plane
  infrastructureRef:
    apiVersion: infrastructure.cluster.x-k8s.io/v1beta2
    kind: AWSCluster
    name: {cluster}
---
apiVersion: controlplane.cluster.x-k8s.io/v1beta1
kind: KubeadmControlPlane
metadata:
  name: {cluster}-control-plane
  namespace: {ns}
spec:
  replicas: 3
  version: {version}
  machineTemplate:
    infrastructureRef:
      apiVersion: infrastructure.cluster.x-k8s.io/v1beta2
      kind: AWSMachineTemplate
      name: {cluster}-control-plane
  kubeadmConfigSpec:
    clusterConfiguration:
      imageRepository: {repository}
      etcd:
        local:
          imageRepository: {etcdRepository}
          imageTag: {etcdTag}
      apiServer:
        extraArgs:
          tls-cipher-suites: TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
---
apiVersion: infrastructure.cluster.x-k8s.io/v1beta2
kind: AWSMachineTemplate
metadata:
  name: {cluster}-control-plane
  namespace: {ns}
spec:
  template:
    spec:
      ami:
        id: {ami}
      instanceType: m5.xlarge
---
apiVersion: infrastructure.cluster.x-k8s.io/v1beta2
kind: AWSMachineTemplate
metadata:
  name: {cluster}-md-0
  namespace: {ns}
spec:
  template:
    spec:
      ami:
        id: {ami}
      instanceType: m5.2xlarge
---
apiVersion: cluster.x-k8s.io/v1beta1
kind: MachineDeployment
metadata:
  name: {cluster}-md-0
  namespace: {ns}
spec:
  clusterName: {cluster}
  replicas: 4
  template:
    spec:
      clusterName: {cluster}
      version: {mdVersion}
      bootstrap:
        configRef:
          apiVersion: bootstrap.cluster.x-k8s.io/v1beta1
          kind: KubeadmConfigTemplate
          name: {cluster}-md-0
      infrastructureRef:
        apiVersion: infrastructure.cluster.x-k8s.io/v1beta2
        kind: AWSMachineTemplate
        name: {cluster}-md-0
";
    }
}
