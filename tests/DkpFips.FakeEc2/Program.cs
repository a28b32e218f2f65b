using System;
using System.Globalization;
using System.Threading;

namespace DkpFips.FakeEc2
{
    /// <summary>
    /// Runs the fake EC2 endpoint as a process: prints its URL on the first line of stdout, then
    /// serves until stdin closes or the process is stopped.
    ///   DkpFips.FakeEc2 [--latency-ms N] [--exit-on-stdin-close]
    /// With --exit-on-stdin-close it also ends when its parent closes (or loses) stdin, so a
    /// test run that dies leaves no server behind.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var latency = 0;
            var watchStdin = false;
            for (var i = 0; i < args.Length; i++)
            {
                if (args[i] == "--latency-ms" && i + 1 < args.Length)
                {
                    latency = int.Parse(args[++i], CultureInfo.InvariantCulture);
                }
                else if (args[i] == "--exit-on-stdin-close")
                {
                    watchStdin = true;
                }
                else
                {
                    Console.Error.WriteLine($"Unknown argument {args[i]}. Usage: DkpFips.FakeEc2 [--latency-ms N] [--exit-on-stdin-close]");
                    return 2;
                }
            }

            using var server = new FakeEc2Server(latency);
            Console.Out.WriteLine(server.Url);
            Console.Out.Flush();

            using var done = new ManualResetEventSlim();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; done.Set(); };
            AppDomain.CurrentDomain.ProcessExit += (_, _) => done.Set();
            var stdin = new Thread(() =>
            {
                try
                {
                    while (Console.In.ReadLine() is not null)
                    {
                    }
                }
                catch (Exception)
                {
                }

                done.Set();
            }) { IsBackground = true };
            if (watchStdin)
            {
                stdin.Start();
            }

            done.Wait();
            return 0;
        }
    }
}
