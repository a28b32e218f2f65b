using System;

namespace DkpFips.Core.Cluster
{
    /// <summary>Why a cluster could not be read.</summary>
    public enum ClusterReadFailure
    {
        /// <summary>The kubeconfig is missing, unreadable or has no such context.</summary>
        InvalidKubeconfig,

        /// <summary>Nothing answered at the server address (refused, DNS, reset).</summary>
        Unreachable,

        /// <summary>The TLS handshake failed (untrusted or mismatched certificate).</summary>
        TlsFailure,

        /// <summary>401: the credentials were not accepted.</summary>
        Unauthorized,

        /// <summary>403: the credentials lack an RBAC permission.</summary>
        Forbidden,

        /// <summary>404 for a whole kind: its API (e.g. Cluster API) is not installed.</summary>
        KindNotInstalled,

        /// <summary>404 for one named object.</summary>
        ObjectNotFound,

        /// <summary>The read did not finish within the timeout.</summary>
        Timeout,

        /// <summary>Any other error answer or an answer that could not be read.</summary>
        ServerError,
    }

    /// <summary>
    /// A failed read, with what was being done (verb, resource, API group) so the message can
    /// name the missing RBAC permission or the missing API. Never carries credentials.
    /// </summary>
    public sealed class ClusterReadException : Exception
    {
        public ClusterReadException(ClusterReadFailure failure, string message, string? verb = null, string? resource = null, string? apiGroup = null, Exception? innerException = null)
            : base(message, innerException)
        {
            Failure = failure;
            Verb = verb;
            Resource = resource;
            ApiGroup = apiGroup;
        }

        public ClusterReadFailure Failure { get; }

        /// <summary>The RBAC verb of the failed request (get, list).</summary>
        public string? Verb { get; }

        /// <summary>The resource of the failed request (nodes, pods, kubeadmcontrolplanes).</summary>
        public string? Resource { get; }

        /// <summary>The API group; empty for the core group.</summary>
        public string? ApiGroup { get; }
    }
}
