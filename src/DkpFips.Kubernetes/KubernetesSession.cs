using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using DkpFips.Core.IO;
using DkpFips.Core.Process;
using k8s;
using k8s.Exceptions;

namespace DkpFips.Kubernetes
{
    /// <summary>
    /// One connection for one read: the client built from the kubeconfig, a request counter, the
    /// timeout for the whole read, and the mapping of every failure to a ClusterReadException
    /// that names what was being done (never the credentials).
    /// </summary>
    internal sealed class KubernetesSession : IDisposable
    {
        private readonly CancellationTokenSource timeout;
        private readonly CancellationToken callerToken;
        private readonly RequestCounter counter;
        private readonly TimeSpan timeoutValue;

        private KubernetesSession(k8s.Kubernetes client, RequestCounter counter, string clusterName, string contextName, string server, CancellationTokenSource timeout, CancellationToken callerToken, TimeSpan timeoutValue)
        {
            Client = client;
            this.counter = counter;
            ClusterName = clusterName;
            ContextName = contextName;
            Server = server;
            this.timeout = timeout;
            this.callerToken = callerToken;
            this.timeoutValue = timeoutValue;
        }

        public k8s.Kubernetes Client { get; }

        public string ClusterName { get; }

        public string ContextName { get; }

        public string Server { get; }

        /// <summary>Cancelled by the caller (Ctrl+C) or when the timeout runs out.</summary>
        public CancellationToken Token => timeout.Token;

        public int RequestCount => counter.Count;

        public static KubernetesSession Open(ClusterConnection connection, CancellationToken callerToken)
        {
            KubernetesClientConfiguration configuration;
            string contextName;
            string clusterName;
            string? execUser = null;
            try
            {
                var kubeconfig = LoadKubeconfig(connection);
                if (connection.Context is null && string.IsNullOrEmpty(kubeconfig.CurrentContext))
                {
                    var names = string.Join(", ", kubeconfig.Contexts?.Select(c => c.Name) ?? Enumerable.Empty<string>());
                    throw new ClusterReadException(ErrorKind.KubeconfigInvalid, $"The kubeconfig {connection.KubeconfigPath} has no current-context; give -Context (contexts: {(names.Length == 0 ? "none" : names)}).");
                }

                contextName = connection.Context ?? kubeconfig.CurrentContext ?? string.Empty;
                var context = kubeconfig.Contexts?.FirstOrDefault(c => c.Name == contextName);
                if (context is null)
                {
                    var known = string.Join(", ", kubeconfig.Contexts?.Select(c => c.Name) ?? Enumerable.Empty<string>());
                    throw new ClusterReadException(ErrorKind.KubeconfigInvalid, $"The kubeconfig {connection.KubeconfigPath} has no context '{contextName}' (contexts: {(known.Length == 0 ? "none" : known)}).");
                }

                clusterName = context.ContextDetails?.Cluster ?? contextName;
                if (kubeconfig.Clusters?.Any(c => c.Name == clusterName) != true)
                {
                    var defined = string.Join(", ", kubeconfig.Clusters?.Select(c => c.Name) ?? Enumerable.Empty<string>());
                    throw new ClusterReadException(ErrorKind.KubeconfigInvalid, $"The kubeconfig {connection.KubeconfigPath}: context '{contextName}' names the cluster '{clusterName}', which it does not define (clusters: {(defined.Length == 0 ? "none" : defined)}).");
                }

                var userName = context.ContextDetails?.User;
                execUser = kubeconfig.Users?.FirstOrDefault(u => u.Name == userName)?.UserCredentials?.ExternalExecution is null ? null : userName;
                var caData = kubeconfig.Clusters?.FirstOrDefault(c => c.Name == clusterName)?.ClusterEndpoint?.CertificateAuthorityData;
                if (!string.IsNullOrWhiteSpace(caData) && !IsCertificateData(caData!))
                {
                    // The client reads it only at the first TLS handshake, as a raw CryptographicException.
                    throw new ClusterReadException(ErrorKind.KubeconfigInvalid, $"The kubeconfig {connection.KubeconfigPath} cannot be used: the certificate-authority-data of cluster '{clusterName}' is not a base64 PEM certificate.");
                }

                configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeconfig, contextName);
            }
            catch (ClusterReadException)
            {
                throw;
            }
            catch (FileTooLargeException ex)
            {
                throw new ClusterReadException(ErrorKind.KubeconfigInvalid, ex.Message);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                throw new ClusterReadException(ErrorKind.KubeconfigInvalid, $"The kubeconfig {connection.KubeconfigPath} cannot be used: a certificate or key in it (certificate-authority-data, client-certificate-data or client-key-data) is not valid PEM.");
            }
            catch (KubeConfigException) when (execUser is not null)
            {
                throw new ClusterReadException(ErrorKind.KubeconfigInvalid, $"The kubeconfig {connection.KubeconfigPath} cannot be used: user '{execUser}' gets its credentials from an exec plugin, which could not provide them. Give a kubeconfig whose user has a token or a client certificate.");
            }
            catch (Exception ex) when (ex is KubeConfigException || ex is IOException || ex is UnauthorizedAccessException || ex is YamlDotNet.Core.YamlException
                || ex is NullReferenceException || ex is FormatException || ex is ArgumentException)
            {
                // The exception text can quote kubeconfig content; only its type is passed on.
                throw new ClusterReadException(ErrorKind.KubeconfigInvalid, $"The kubeconfig {connection.KubeconfigPath} cannot be used: {Describe(ex)}.");
            }

            // The whole read shares one deadline; HttpClient's own timeout is kept out of the way.
            configuration.HttpClientTimeout = connection.Timeout + TimeSpan.FromSeconds(30);
            var counter = new RequestCounter();
            var client = new k8s.Kubernetes(configuration, counter);
            var timeout = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
            timeout.CancelAfter(connection.Timeout);
            // The server URL appears in messages: any user:password@ in it is masked.
            return new KubernetesSession(client, counter, clusterName, contextName, UrlUserInfo.Mask(configuration.Host ?? string.Empty), timeout, callerToken, connection.Timeout);
        }

        // A kubeconfig read from a Secret stays in memory: it is parsed from the text, never written.
        private static k8s.KubeConfigModels.K8SConfiguration LoadKubeconfig(ClusterConnection connection)
        {
            if (connection.KubeconfigText is { } text)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    throw new ClusterReadException(ErrorKind.KubeconfigInvalid, $"The kubeconfig {connection.KubeconfigPath} is empty.");
                }

                using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
                return KubernetesClientConfiguration.LoadKubeConfig(stream)
                    ?? throw new ClusterReadException(ErrorKind.KubeconfigInvalid, $"The kubeconfig {connection.KubeconfigPath} holds no configuration.");
            }

            if (Directory.Exists(connection.KubeconfigPath))
            {
                throw new ClusterReadException(ErrorKind.KubeconfigInvalid, $"{connection.KubeconfigPath} is a directory, not a kubeconfig file.");
            }

            if (!File.Exists(connection.KubeconfigPath))
            {
                throw new ClusterReadException(ErrorKind.KubeconfigInvalid, $"The kubeconfig file {connection.KubeconfigPath} does not exist.");
            }

            // Read through the module's bounded reader first (a kubeconfig is small; /dev/zero is
            // not); KubernetesClient then loads the file itself, so that relative certificate paths
            // resolve beside it.
            var fileText = BoundedFile.ReadAllText(connection.KubeconfigPath, BoundedFile.DefaultLimit, "kubeconfig file");
            if (string.IsNullOrWhiteSpace(fileText))
            {
                throw new ClusterReadException(ErrorKind.KubeconfigInvalid, $"The kubeconfig {connection.KubeconfigPath} is empty.");
            }

            return KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(connection.KubeconfigPath))
                ?? throw new ClusterReadException(ErrorKind.KubeconfigInvalid, $"The kubeconfig {connection.KubeconfigPath} holds no configuration.");
        }

        /// <summary>Runs one API call and maps its failure (verb and resource name the RBAC rule it needs).</summary>
        public async Task<T> Run<T>(string verb, string resource, string apiGroup, Func<Task<T>> call, string? namespaceName = null, string? objectName = null)
        {
            try
            {
                // The deadline bounds the whole call, body included: a server that trickles its
                // body defeats the client's own cancellation, so the call is abandoned instead.
                var task = call();
                var stop = Task.Delay(Timeout.Infinite, Token);
                if (await Task.WhenAny(task, stop).ConfigureAwait(false) != task)
                {
                    _ = task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                    callerToken.ThrowIfCancellationRequested();
                    throw new OperationCanceledException(Token);
                }

                var result = await task.ConfigureAwait(false);
                if (result is null)
                {
                    throw new ClusterReadException(ErrorKind.ClusterReadFailed, $"The API server at {Server} answered {verb} {resource} with an empty body (null), not a Kubernetes object.", verb, resource, apiGroup);
                }

                return result;
            }
            catch (OperationCanceledException) when (callerToken.IsCancellationRequested)
            {
                throw;
            }
            catch (ClusterReadException)
            {
                throw;
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new ClusterReadException(ErrorKind.ClusterReadFailed, $"The API server at {Server} answered {verb} {resource} with something that is not Kubernetes JSON ({FirstLine(ex.Message)}); is it an API server, or a proxy's page?", verb, resource, apiGroup, ex);
            }
            catch (IOException ex)
            {
                throw new ClusterReadException(ErrorKind.ClusterReadFailed, $"The API server at {Server} broke off its answer to {verb} {resource}: {Innermost(ex).Message}", verb, resource, apiGroup, ex);
            }
            catch (OperationCanceledException ex)
            {
                throw new ClusterReadException(ErrorKind.ClusterTimeout, $"The API server at {Server} did not answer {verb} {resource} within {timeoutValue.TotalSeconds:0.#} s (-TimeoutSec).", verb, resource, apiGroup, ex);
            }
            catch (k8s.Autorest.HttpOperationException ex)
            {
                throw MapHttpError(ex, verb, resource, apiGroup, namespaceName, objectName);
            }
            catch (HttpRequestException ex)
            {
                if (FindInner<AuthenticationException>(ex) is not null)
                {
                    throw new ClusterReadException(ErrorKind.ClusterTlsFailure, $"The TLS handshake with {Server} failed (context '{ContextName}'): {Innermost(ex).Message} Check the certificate-authority data in the kubeconfig.", verb, resource, apiGroup, ex);
                }

                throw new ClusterReadException(ErrorKind.ClusterUnreachable, $"The API server at {Server} (context '{ContextName}') cannot be reached: {Innermost(ex).Message}", verb, resource, apiGroup, ex);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                throw new ClusterReadException(ErrorKind.ClusterTlsFailure, $"The certificates for {Server} (context '{ContextName}') cannot be loaded: a certificate or key in the kubeconfig is not valid PEM.", verb, resource, apiGroup);
            }
            catch (AuthenticationException ex)
            {
                throw new ClusterReadException(ErrorKind.ClusterTlsFailure, $"The TLS handshake with {Server} failed (context '{ContextName}'): {ex.Message}", verb, resource, apiGroup, ex);
            }
        }

        private ClusterReadException MapHttpError(k8s.Autorest.HttpOperationException ex, string verb, string resource, string apiGroup, string? namespaceName, string? objectName)
        {
            var status = KubernetesStatus.Parse(ex.Response?.Content);
            var code = ex.Response?.StatusCode ?? 0;
            var qualified = apiGroup.Length == 0 ? resource : resource + "." + apiGroup;
            var scope = namespaceName is null ? "at the cluster scope" : $"in namespace {namespaceName}";
            var said = status.Message is null ? string.Empty : $" The server said: {status.Message}";
            switch (code)
            {
                case HttpStatusCode.Unauthorized:
                    return new ClusterReadException(ErrorKind.ClusterUnauthorized, $"The API server at {Server} rejected the credentials of context '{ContextName}' (401 Unauthorized) while trying to {verb} {qualified}.{said}", verb, resource, apiGroup);
                case HttpStatusCode.Forbidden:
                    return new ClusterReadException(ErrorKind.ClusterPermissionDenied, $"Permission denied: the credentials of context '{ContextName}' may not {verb} {qualified} {scope}. Grant the RBAC verb '{verb}' on resource '{resource}' in API group '{apiGroup}'.{said}", verb, resource, apiGroup);
                case HttpStatusCode.NotFound when string.IsNullOrEmpty(status.DetailsName) && objectName is not null && status.Message is not null && status.Message.IndexOf("could not find the requested resource", StringComparison.OrdinalIgnoreCase) < 0:
                case HttpStatusCode.NotFound when !string.IsNullOrEmpty(status.DetailsName):
                    return new ClusterReadException(ErrorKind.ClusterObjectNotFound, $"{qualified} '{objectName ?? status.DetailsName}' was not found {scope} on {Server} (context '{ContextName}').{said}", verb, resource, apiGroup);
                case HttpStatusCode.NotFound:
                    return new ClusterReadException(ErrorKind.ClusterApiNotInstalled, $"The API server at {Server} (context '{ContextName}') does not serve {qualified}: its API{(apiGroup.Length == 0 ? string.Empty : " group " + apiGroup)} is not installed. Is this the management cluster?", verb, resource, apiGroup);
                default:
                    return new ClusterReadException(ErrorKind.ClusterReadFailed, $"The API server at {Server} answered {(int)code} {status.Reason ?? code.ToString()} to {verb} {qualified}.{said}", verb, resource, apiGroup);
            }
        }

        /// <summary>
        /// The continue token of a list page, refused when the server has given it before: a
        /// server that hands out the same token for ever would otherwise page until the timeout.
        /// </summary>
        public string? NextPage(System.Collections.Generic.ISet<string> seen, string? next, string verb, string resource, string apiGroup)
        {
            if (!string.IsNullOrEmpty(next) && !seen.Add(next!))
            {
                throw new ClusterReadException(ErrorKind.ClusterReadFailed, $"The API server at {Server} answered {verb} {resource} with a continue token it had already given: its paging never ends.", verb, resource, apiGroup);
            }

            return next;
        }

        private static bool IsCertificateData(string base64)
        {
            try
            {
                var bytes = Convert.FromBase64String(base64.Trim());
                var certificates = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
                certificates.ImportFromPem(System.Text.Encoding.UTF8.GetString(bytes));
                return certificates.Count > 0;
            }
            catch (Exception ex) when (ex is FormatException || ex is System.Security.Cryptography.CryptographicException)
            {
                return false;
            }
        }

        private static string FirstLine(string message)
        {
            var end = message.IndexOfAny(new[] { '\r', '\n' });
            return (end < 0 ? message : message.Substring(0, end)).TrimEnd('.');
        }

        private static string Describe(Exception ex) => ex switch
        {
            FileNotFoundException => "the file was not found",
            UnauthorizedAccessException => "access to the file was denied",
            YamlDotNet.Core.YamlException y => $"it is not valid YAML (line {y.Start.Line})",
            _ => "it is not a valid kubeconfig (" + ex.GetType().Name + ")",
        };

        private static TException? FindInner<TException>(Exception ex)
            where TException : Exception
        {
            for (Exception? current = ex; current is not null; current = current.InnerException)
            {
                if (current is TException match)
                {
                    return match;
                }
            }

            return null;
        }

        private static Exception Innermost(Exception ex)
        {
            var current = ex;
            while (current.InnerException is not null)
            {
                current = current.InnerException;
            }

            return current;
        }

        public void Dispose()
        {
            Client.Dispose();
            timeout.Dispose();
        }

        /// <summary>Counts HTTP requests (pages included) for the verbose stream and the benchmark.</summary>
        private sealed class RequestCounter : DelegatingHandler
        {
            private int count;

            public int Count => Volatile.Read(ref count);

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref count);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
