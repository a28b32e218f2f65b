using System.Text;

namespace DkpFips.Core.Versioning
{
    /// <summary>Image tag rules shared by kubeadm and Cluster API.</summary>
    public static class ImageTag
    {
        /// <summary>
        /// kubeadm's KubernetesVersionToImageTag: every character outside [-a-zA-Z0-9_.]
        /// becomes '_' (so '+fips.0' becomes '_fips.0').
        /// </summary>
        public static string FromVersionString(string version)
        {
            var builder = new StringBuilder(version.Length);
            foreach (var c in version)
            {
                var allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                builder.Append(allowed ? c : '_');
            }

            return builder.ToString();
        }
    }
}
