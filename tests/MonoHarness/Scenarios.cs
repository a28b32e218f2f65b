using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DkpFips.Core.Aws;
using DkpFips.Core.Catalog;
using DkpFips.Core.Cluster;
using DkpFips.Core.Registry;
using DkpFips.Core.Versioning;

namespace DkpFips.MonoHarness
{
    /// <summary>The engine calls each cmdlet makes, as plain output lines.</summary>
    internal static class Scenarios
    {
        public static int Run(string scenario, string[] args)
        {
            Console.WriteLine("runtime: " + System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
            switch (scenario)
            {
                case "catalog":
                    return Catalog(args);
                case "plan":
                    return Plan(args);
                case "ami":
                    return Ami(args);
                case "registry":
                    return Registry(args);
                default:
                    Console.WriteLine("error: unknown scenario " + scenario);
                    return 2;
            }
        }

        // catalog [user catalog file]: the built-in rows, then the rows with the file applied.
        private static int Catalog(string[] args)
        {
            Console.WriteLine("core: " + typeof(FipsCatalog).Assembly.Location);
            foreach (var build in FipsCatalog.BuiltIn.Builds)
            {
                Console.WriteLine("builtin: " + build.DkpVersion + " " + build.KubernetesVersion.ToKubernetesFlag());
            }

            if (args.Length > 0)
            {
                var loaded = FipsCatalog.Load(args);
                foreach (var error in loaded.Errors)
                {
                    Console.WriteLine("catalog-error: " + error.Message);
                }

                Console.WriteLine("rows: " + loaded.Catalog.Builds.Count);
            }

            return 0;
        }

        // plan <cluster> <kubernetes version> <ami>: the dkp create arguments.
        private static int Plan(string[] args)
        {
            var plan = new ClusterPlanBuilder(FipsCatalog.BuiltIn).Build(new ClusterCreateRequest
            {
                Spec = { ClusterName = args[0], Provider = "aws", KubernetesVersion = args[1], AmiId = args[2] },
            });
            foreach (var argument in plan.Command.DisplayArguments)
            {
                Console.WriteLine("arg: " + argument);
            }

            return 0;
        }

        // ami <endpoint> <access key> <secret> <region> <expected version> <image id>...: the verdict per image.
        private static int Ami(string[] args)
        {
            FipsVersion.TryParse(args[4], out var expected);
            var options = new AwsConnectionOptions { EndpointUrl = args[0], AccessKey = args[1], SecretKey = args[2] };
            var requests = args.Skip(5).Select(id => new AmiRequest(id, args[3], expected)).ToList();
            var outcomes = new AmiVerifier(options).VerifyAsync(requests, CancellationToken.None).GetAwaiter().GetResult();
            foreach (var outcome in outcomes)
            {
                if (outcome.Report is { } report)
                {
                    Console.WriteLine("ami: " + report.ImageId + " " + (report.IsFipsReady ? "ready" : "unfit") + " " + report.OperatingSystem + " " + report.KubernetesVersion);
                }
                else
                {
                    Console.WriteLine("ami-failure: " + outcome.Request.ImageId + " " + outcome.Failure?.Kind);
                }
            }

            return 0;
        }

        // registry <host:port/namespace> <dkp version>: each image's status at the registry.
        private static int Registry(string[] args)
        {
            var builds = FipsCatalog.BuiltIn.Builds.Where(b => b.DkpVersion == args[1]).ToList();
            using (var client = new RegistryClient(new RegistryClientOptions { Timeout = TimeSpan.FromSeconds(20) }))
            {
                var checks = new FipsBuildRegistryChecker(client)
                    .CheckAsync(builds, RegistryReference.Parse(args[0]), false, CancellationToken.None)
                    .GetAwaiter().GetResult();
                foreach (var image in checks.SelectMany(c => c.Images))
                {
                    Console.WriteLine("image: " + image.Result.Reference + " " + image.Result.Status + " " + image.Result.Digest);
                }
            }

            return 0;
        }
    }
}
