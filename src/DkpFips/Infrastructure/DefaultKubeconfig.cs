using System;
using System.IO;
using System.Linq;
using DkpFips.Core.Catalog;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// The kubeconfig kubectl and dkp use when none is given: the first existing file of
    /// $env:KUBECONFIG (else its first entry), then ~/.kube/config.
    /// </summary>
    internal static class DefaultKubeconfig
    {
        public static string Path()
        {
            var fromEnvironment = FipsCatalog.SplitPathList(Environment.GetEnvironmentVariable("KUBECONFIG"));
            if (fromEnvironment.Count > 0)
            {
                return fromEnvironment.FirstOrDefault(File.Exists) ?? fromEnvironment[0];
            }

            return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        }
    }
}
