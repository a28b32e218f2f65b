using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using DkpFips.Infrastructure;

namespace DkpFips.MonoHarness
{
    /// <summary>
    /// Runs engine scenarios on a .NET Framework runtime: MonoHarness &lt;module folder&gt; &lt;scenario&gt; [args].
    /// Prints "key: value" lines the test compares with what the module says on PowerShell 7.
    /// </summary>
    public static class Program
    {
        private static DependencyRequestPolicy? policy;

        public static int Main(string[] args)
        {
            if (args.Length < 2)
            {
                Console.Error.WriteLine("usage: MonoHarness <module folder> catalog|plan|ami|registry [args]");
                return 2;
            }

            var dependencies = Path.Combine(Path.GetFullPath(args[0]), "dependencies");
            policy = new DependencyRequestPolicy(typeof(Program).Assembly.Location, dependencies, Directory.GetFiles(dependencies, "*.dll"));
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            try
            {
                // Engine types are touched only in Scenarios, after the handler is in place.
                var exit = Scenarios.Run(args[1], args.Skip(2).ToArray());

                // What came from dependencies/: the resolver's answers, and what the runtime's
                // LoadFrom context then probed beside them (as on .NET Framework).
                foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.Location.StartsWith(dependencies, StringComparison.Ordinal)))
                {
                    Console.WriteLine("from-dependencies: " + assembly.GetName().Name);
                }

                return exit;
            }
            catch (Exception e)
            {
                Console.WriteLine("error: " + e.GetType().FullName + ": " + e.Message);
                return 1;
            }
        }

        // The same decision the module's resolver makes on Windows PowerShell 5.1.
        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            var requester = args.RequestingAssembly is null ? null : args.RequestingAssembly.IsDynamic ? string.Empty : args.RequestingAssembly.Location;
            var file = name is null ? null : policy!.FileToAnswer(name, requester);
            if (file is null || !File.Exists(file))
            {
                return null;
            }

            var loaded = Assembly.LoadFrom(file);
            Console.WriteLine("loaded: " + name + " from dependencies/");
            return loaded;
        }
    }
}
