using System;
using DkpFips.Core.Errors;

namespace DkpFips.Core.Cluster
{
    /// <summary>
    /// A failed read, with what was being done (verb, resource, API group) so the message can
    /// name the missing RBAC permission or the missing API. Never carries credentials. Its kind is
    /// one of KubeconfigInvalid, ClusterUnreachable, ClusterTlsFailure, ClusterUnauthorized,
    /// ClusterPermissionDenied (403), ClusterApiNotInstalled (404 for a whole kind),
    /// ClusterObjectNotFound (404 for one object), ClusterTimeout or ClusterReadFailed (any other
    /// error answer, or one that could not be read).
    /// </summary>
    public sealed class ClusterReadException : DkpFipsException
    {
        public ClusterReadException(ErrorKind kind, string message, string? verb = null, string? resource = null, string? apiGroup = null, Exception? innerException = null)
            : base(kind, message, resource, PermissionAction(kind, verb, resource, apiGroup), innerException)
        {
            Verb = verb;
            Resource = resource;
            ApiGroup = apiGroup;
        }

        /// <summary>The RBAC verb of the failed request (get, list).</summary>
        public string? Verb { get; }

        /// <summary>The resource of the failed request (nodes, pods, kubeadmcontrolplanes).</summary>
        public string? Resource { get; }

        /// <summary>The API group; empty for the core group.</summary>
        public string? ApiGroup { get; }

        // A 403 is fixed by one RBAC rule, and the request names it exactly.
        private static string? PermissionAction(ErrorKind kind, string? verb, string? resource, string? apiGroup) =>
            kind == ErrorKind.ClusterPermissionDenied
                ? $"Grant the identity the RBAC verb '{verb}' on '{resource}'" + (string.IsNullOrEmpty(apiGroup) ? "." : $" in API group '{apiGroup}'.")
                : null;
    }
}
