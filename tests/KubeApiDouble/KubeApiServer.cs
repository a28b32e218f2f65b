using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using System.Web;

namespace KubeApiDouble
{
    /// <summary>
    /// Serves a <see cref="Fixture"/> over plain HTTP on 127.0.0.1 and an ephemeral port, the way
    /// kube-apiserver answers: lists with metadata.resourceVersion/continue/remainingItemCount
    /// paged by limit/continue, equality labelSelector, and Status objects for 401/403/404.
    /// </summary>
    public sealed class KubeApiServer : IDisposable
    {
        private readonly Fixture initial;

        private Fixture fixture => initial.Current;
        private readonly HttpListener listener = new HttpListener();
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private int requestCount;

        public KubeApiServer(Fixture fixture)
        {
            initial = fixture;
            for (var attempt = 0; ; attempt++)
            {
                Port = FreePort();
                listener.Prefixes.Clear();
                listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
                try
                {
                    listener.Start();
                    break;
                }
                catch (HttpListenerException) when (attempt < 5)
                {
                }
            }

            _ = Task.Run(AcceptLoop);
        }

        public int Port { get; }

        public string Url => $"http://127.0.0.1:{Port}";

        public int RequestCount => Volatile.Read(ref requestCount);

        /// <summary>Raised for every request ("GET /api/v1/nodes?limit=500"), before it is answered.</summary>
        public event Action<string>? RequestReceived;

        /// <summary>A port nothing listens on (for the dead-server tests).</summary>
        public static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        /// <summary>A kubeconfig for this server, with a bearer token.</summary>
        public string Kubeconfig(string token = "test-token", string context = "fips-admin@fips-cluster", string cluster = Scenarios.ClusterName) =>
            KubeconfigText(Url, token, context, cluster);

        public static string KubeconfigText(string server, string token, string context, string cluster) =>
$@"apiVersion: v1
kind: Config
clusters:
- name: {cluster}
  cluster:
    server: {server}
contexts:
- name: {context}
  context:
    cluster: {cluster}
    user: fips-admin
current-context: {context}
users:
- name: fips-admin
  user:
    token: {token}
";

        private async Task AcceptLoop()
        {
            while (!stopping.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (stopping.IsCancellationRequested || !listener.IsListening)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    continue;
                }

                _ = Task.Run(() => Handle(context));
            }
        }

        private async Task Handle(HttpListenerContext context)
        {
            Interlocked.Increment(ref requestCount);
            var request = context.Request;
            var path = request.Url!.AbsolutePath.TrimEnd('/');
            RequestReceived?.Invoke(request.HttpMethod + " " + request.Url.PathAndQuery);
            try
            {
                if (fixture.HangPathPrefix is not null && path.StartsWith(fixture.HangPathPrefix, StringComparison.Ordinal))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    context.Response.Abort();
                    return;
                }

                var (code, body) = Answer(request, path);
                var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
                context.Response.StatusCode = code;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
                context.Response.Close();
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
            }
            catch (HttpListenerException)
            {
                // The client went away (timeout, Ctrl+C).
            }
        }

        private (int Code, JsonNode Body) Answer(HttpListenerRequest request, string path)
        {
            if (fixture.RequiredToken is not null && request.Headers["Authorization"] != "Bearer " + fixture.RequiredToken)
            {
                return (401, Status(401, "Unauthorized", "Unauthorized", null));
            }

            var query = HttpUtility.ParseQueryString(request.Url!.Query);
            var segments = path.Trim('/').Split('/');
            if (path == "/version")
            {
                return (200, Version());
            }

            if (path == "/api/v1/nodes")
            {
                return Denied("list", "nodes", string.Empty, null) ?? (200, List("v1", "NodeList", fixture.Nodes, query));
            }

            if (path == "/api/v1/namespaces/kube-system/pods")
            {
                return Denied("list", "pods", string.Empty, "kube-system") ?? (200, List("v1", "PodList", fixture.KubeSystemPods, query));
            }

            // /api/v1/namespaces/{ns}/secrets/{name}
            if (segments.Length == 6 && segments[0] == "api" && segments[1] == "v1" && segments[2] == "namespaces" && segments[4] == "secrets")
            {
                var (ns, name) = (segments[3], segments[5]);
                return Denied("get", "secrets", string.Empty, ns)
                    ?? (fixture.Secrets.TryGetValue(ns + "/" + name, out var data)
                        ? (200, KubeObjects.Secret(ns, name, data()))
                        : (404, Status(404, "NotFound", $"secrets \"{name}\" not found", new JsonObject { ["name"] = name, ["kind"] = "secrets" })));
            }

            // /apis/{group}/{version}/namespaces/{ns}/{plural}[/{name}]
            if (segments.Length >= 6 && segments[0] == "apis" && segments[3] == "namespaces")
            {
                var (group, version, ns, plural) = (segments[1], segments[2], segments[4], segments[5]);
                var name = segments.Length > 6 ? segments[6] : null;
                if (!fixture.ClusterApiInstalled && group.EndsWith("x-k8s.io", StringComparison.Ordinal))
                {
                    return (404, Status(404, "NotFound", "the server could not find the requested resource", new JsonObject()));
                }

                var denied = Denied(name is null ? "list" : "get", plural, group, ns);
                if (denied is not null)
                {
                    return denied.Value;
                }

                var prefix = $"{group}/{version}/{ns}/{plural}/";
                if (name is not null)
                {
                    return fixture.CustomObjects.TryGetValue(prefix + name, out var item)
                        ? (200, item.DeepClone())
                        : (404, Status(404, "NotFound", $"{plural}.{group} \"{name}\" not found", new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = plural }));
                }

                var items = fixture.CustomObjects.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p.Value).ToList();
                var kind = items.Count > 0 ? (string)items[0]["kind"]! + "List" : "List";
                return (200, List(group + "/" + version, kind, items, query));
            }

            return (404, Status(404, "NotFound", "the server could not find the requested resource", new JsonObject()));
        }

        private (int, JsonNode)? Denied(string verb, string resource, string group, string? ns)
        {
            if (!fixture.Denied.Contains(verb + " " + resource))
            {
                return null;
            }

            var scope = ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"";
            var message = $"{resource}{(group.Length == 0 ? string.Empty : "." + group)} is forbidden: User \"system:serviceaccount:default:auditor\" cannot {verb} resource \"{resource}\" in API group \"{group}\" {scope}";
            var details = new JsonObject { ["kind"] = resource };
            if (group.Length > 0)
            {
                details["group"] = group;
            }

            return (403, Status(403, "Forbidden", message, details));
        }

        private JsonNode Version()
        {
            var plain = fixture.GitVersion.TrimStart('v').Split('+')[0].Split('.');
            return new JsonObject
            {
                ["major"] = plain[0],
                ["minor"] = plain.Length > 1 ? plain[1] : "0",
                ["gitVersion"] = fixture.GitVersion,
                ["gitCommit"] = "3937e31cd3d36e9c8f2a5ba1f8c5d5eb1d2a1f2b",
                ["gitTreeState"] = "clean",
                ["buildDate"] = "2022-05-24T12:18:48Z",
                ["goVersion"] = "go1.17.10b7",
                ["compiler"] = "gc",
                ["platform"] = "linux/amd64",
            };
        }

        private static JsonNode List(string apiVersion, string kind, IReadOnlyList<JsonObject> all, System.Collections.Specialized.NameValueCollection query)
        {
            IEnumerable<JsonObject> selected = all;
            var selector = query["labelSelector"];
            if (!string.IsNullOrEmpty(selector))
            {
                var requirements = selector.Split(',').Select(r => r.Split('=', 2)).ToArray();
                selected = selected.Where(item => requirements.All(r => item["metadata"]?["labels"]?[r[0]]?.GetValue<string>() == (r.Length > 1 ? r[1] : null)));
            }

            var matching = selected.ToList();
            var offset = 0;
            var continueToken = query["continue"];
            if (!string.IsNullOrEmpty(continueToken))
            {
                offset = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(continueToken)).Split(':')[1]);
            }

            var limit = int.TryParse(query["limit"], out var l) && l > 0 ? l : int.MaxValue;
            var page = matching.Skip(offset).Take(limit).ToList();
            var metadata = new JsonObject { ["resourceVersion"] = "48412" };
            var end = offset + page.Count;
            if (end < matching.Count)
            {
                metadata["continue"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("48412:" + end));
                metadata["remainingItemCount"] = matching.Count - end;
            }

            return new JsonObject
            {
                ["kind"] = kind,
                ["apiVersion"] = apiVersion,
                ["metadata"] = metadata,
                ["items"] = new JsonArray(page.Select(i => (JsonNode)i.DeepClone()).ToArray()),
            };
        }

        private static JsonNode Status(int code, string reason, string message, JsonObject? details)
        {
            var status = new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Failure",
                ["message"] = message,
                ["reason"] = reason,
            };
            if (details is not null)
            {
                status["details"] = details;
            }

            status["code"] = code;
            return status;
        }

        public void Dispose()
        {
            stopping.Cancel();
            try
            {
                listener.Stop();
                listener.Close();
            }
            catch (Exception e) when (e is ObjectDisposedException || e is HttpListenerException || e is System.Net.Sockets.SocketException)
            {
                // Linux's managed HttpListener can report "Address already in use" while it tears
                // down its shared endpoint table under parallel tests; stopping a test server must
                // never fail the test that used it.
            }
        }
    }
}
