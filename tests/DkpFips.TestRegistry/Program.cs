using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace DkpFips.TestRegistry
{
    /// <summary>
    /// Child-process mode for Pester and the bench:
    ///   DkpFips.TestRegistry [--user U --password P] [--seed-all kubeTag=etcdTag,...] [--latency-ms N] [--tls] [--destination] [--large-mib N [--large-layers L]]
    /// starts an open registry and (with --user) one with htpasswd auth, pushes the FipsScenario
    /// images into both (or, with --seed-all, a complete mirror of the given builds into the open
    /// one), with --latency-ms a proxy "slow" in front of the open one that delays each request
    /// by N ms (benchmark only), with --tls an empty registry serving HTTPS with a self-signed
    /// certificate, with --destination two empty copy destinations ("dest" behind htpasswd with
    /// the --user, "readonly" refusing writes), with --large-mib N the DKP 2.5 build with N MiB
    /// of random layers in the open registry, L layers per image (benchmark), prints one JSON line
    /// {"open":..,"slow":..,"auth":..,"tls":..,"dest":..,"readonly":..,"pids":[..]},
    /// and stops everything when its standard input closes.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            string? user = null, password = null, seedAll = null;
            var latencyMs = 0;
            var tls = false;
            var destination = false;
            var largeMib = 0;
            var largeLayers = 1;
            var rest = new List<string>();
            foreach (var arg in args)
            {
                if (arg == "--tls")
                {
                    tls = true;
                }
                else if (arg == "--destination")
                {
                    destination = true;
                }
                else
                {
                    rest.Add(arg);
                }
            }

            args = rest.ToArray();
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                switch (args[i])
                {
                    case "--user": user = args[i + 1]; break;
                    case "--password": password = args[i + 1]; break;
                    case "--seed-all": seedAll = args[i + 1]; break;
                    case "--large-layers": largeLayers = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                    case "--large-mib": largeMib = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                    case "--latency-ms": latencyMs = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                    default: Console.Error.WriteLine("unknown argument " + args[i]); return 2;
                }
            }

            var registries = new List<LocalRegistry>();
            LatencyProxy? slow = null;
            try
            {
                var open = LocalRegistry.Start();
                registries.Add(open);
                LocalRegistry? auth = null;
                if (user is not null)
                {
                    auth = LocalRegistry.Start(user, password);
                    registries.Add(auth);
                }

                using (var pusher = new ImagePusher(open.Address))
                {
                    if (seedAll is null)
                    {
                        FipsScenario.Seed(pusher);
                    }
                    else
                    {
                        FipsScenario.SeedAll(pusher, seedAll.Split(',').Select(pair => pair.Split('=')).Select(p => (p[0], p[1])));
                    }

                    if (largeMib > 0)
                    {
                        FipsScenario.SeedLarge(pusher, largeMib, largeLayers);
                    }
                }

                if (auth is not null)
                {
                    using var pusher = new ImagePusher(auth.Address, user, password);
                    FipsScenario.Seed(pusher, full: false);
                }

                LocalRegistry? secure = null;
                if (tls)
                {
                    secure = LocalRegistry.Start(tls: true);
                    registries.Add(secure);
                }

                // Copy destinations: an empty registry behind htpasswd (same user), and an empty
                // read-only one (distribution's maintenance mode) that refuses every write.
                LocalRegistry? dest = null, readOnly = null;
                if (destination)
                {
                    dest = LocalRegistry.Start(user, password);
                    registries.Add(dest);
                    readOnly = LocalRegistry.Start(readOnly: true);
                    registries.Add(readOnly);
                }

                if (latencyMs > 0)
                {
                    slow = new LatencyProxy(open.Address, TimeSpan.FromMilliseconds(latencyMs));
                }

                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["open"] = open.Address,
                    ["slow"] = slow?.Address,
                    ["auth"] = auth?.Address,
                    ["tls"] = secure?.Address,
                    ["dest"] = dest?.Address,
                    ["readonly"] = readOnly?.Address,
                    ["pids"] = registries.Select(r => r.ProcessId).ToArray(),
                }));
                Console.Out.Flush();

                // Runs until the parent closes our standard input (or exits).
                while (Console.In.ReadLine() is not null)
                {
                }

                return 0;
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
            finally
            {
                slow?.Dispose();
                foreach (var registry in registries)
                {
                    registry.Dispose();
                }
            }
        }
    }
}
