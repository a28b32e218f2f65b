using System;
using System.Linq;

namespace KubeApiDouble
{
    /// <summary>
    /// kube-api-double --scenario NAME [--deny "list nodes"]... [--token T] [--hang /path]
    ///                 [--no-cluster-api] [--quiet] [--then SCENARIO --when-file PATH]
    ///                 [--kubeconfig-secret NAMESPACE/NAME=PATH]...
    /// kube-api-double --untrusted-tls   (an HTTPS endpoint with a certificate nobody trusts)
    /// --then serves another scenario once PATH exists (the cluster after an upgrade).
    /// Prints "listening http://127.0.0.1:PORT", then one "request METHOD PATH" line per request
    /// (unless --quiet), and serves until its standard input closes.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var scenario = "compliant";
            var quiet = false;
            Fixture? fixture = null;
            var deny = new System.Collections.Generic.List<string>();
            string? token = null;
            string? hang = null;
            var clusterApi = true;
            var untrustedTls = false;
            string? then = null;
            string? whenFile = null;
            var secrets = new System.Collections.Generic.List<string>();
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--scenario": scenario = args[++i]; break;
                    case "--deny": deny.Add(args[++i]); break;
                    case "--token": token = args[++i]; break;
                    case "--hang": hang = args[++i]; break;
                    case "--no-cluster-api": clusterApi = false; break;
                    case "--quiet": quiet = true; break;
                    case "--untrusted-tls": untrustedTls = true; break;
                    case "--then": then = args[++i]; break;
                    case "--kubeconfig-secret": secrets.Add(args[++i]); break;
                    case "--when-file": whenFile = args[++i]; break;
                    default:
                        Console.Error.WriteLine($"Unknown argument {args[i]}. Scenarios: {string.Join(", ", Scenarios.Names)}");
                        return 2;
                }
            }

            if (untrustedTls)
            {
                using var tls = new UntrustedTlsServer();
                Console.Out.WriteLine("listening " + tls.Url);
                Console.Out.Flush();
                while (Console.In.Read() >= 0)
                {
                }

                return 0;
            }

            fixture = Scenarios.Create(scenario);
            foreach (var d in deny)
            {
                fixture.Denied.Add(d);
            }

            foreach (var secret in secrets)
            {
                // NAMESPACE/NAME=PATH: the Secret Cluster API keeps a workload kubeconfig in (key "value").
                var (key, path) = (secret.Substring(0, secret.IndexOf('=')), secret.Substring(secret.IndexOf('=') + 1));
                fixture.Secrets[key] = () => new System.Collections.Generic.Dictionary<string, byte[]> { ["value"] = System.IO.File.ReadAllBytes(path) };
            }

            fixture.RequiredToken = token;
            fixture.HangPathPrefix = hang;
            fixture.ClusterApiInstalled = clusterApi;
            if (then is not null)
            {
                fixture.Then = Scenarios.Create(then);
                fixture.Then.ClusterApiInstalled = clusterApi;
                fixture.ThenWhenFile = whenFile;
            }

            using var server = new KubeApiServer(fixture);
            if (!quiet)
            {
                server.RequestReceived += line =>
                {
                    lock (Console.Out)
                    {
                        Console.Out.WriteLine("request " + line);
                        Console.Out.Flush();
                    }
                };
            }

            Console.Out.WriteLine("listening " + server.Url);
            Console.Out.Flush();
            while (Console.In.Read() >= 0)
            {
            }

            Console.Out.WriteLine("requests " + server.RequestCount);
            return 0;
        }
    }
}
