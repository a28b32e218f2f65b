using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DkpFips.TestRegistry
{
    /// <summary>
    /// A read-only HTTP proxy on 127.0.0.1 that adds a fixed delay to every request before
    /// forwarding it to a local registry: a loopback registry with the round-trip time of a
    /// remote one, for the benchmark; tests, which must not wait, use it only to stop a copy
    /// while its requests are held (Copy-FipsBuild's Ctrl+C), never to wait a delay out.
    /// </summary>
    public sealed class LatencyProxy : IDisposable
    {
        private static readonly string[] CopiedHeaders = { "Docker-Content-Digest", "Docker-Distribution-Api-Version", "WWW-Authenticate", "Retry-After" };

        private readonly HttpListener listener = new HttpListener();
        private readonly HttpClient upstream = new HttpClient();
        private readonly Uri target;
        private readonly TimeSpan latency;

        public LatencyProxy(string targetAddress, TimeSpan latency)
        {
            target = new Uri("http://" + targetAddress + "/");
            this.latency = latency;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public int Port { get; }

        public string Address => "127.0.0.1:" + Port;

        private async Task LoopAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception)
                {
                    return;
                }

                _ = Task.Run(() => ForwardAsync(context));
            }
        }

        private async Task ForwardAsync(HttpListenerContext context)
        {
            try
            {
                await Task.Delay(latency).ConfigureAwait(false);
                var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(target, context.Request.Url!.PathAndQuery));
                foreach (var name in new[] { "Accept", "Authorization" })
                {
                    var value = context.Request.Headers[name];
                    if (value is not null)
                    {
                        request.Headers.TryAddWithoutValidation(name, value);
                    }
                }

                using var response = await upstream.SendAsync(request).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                context.Response.StatusCode = (int)response.StatusCode;
                foreach (var name in CopiedHeaders)
                {
                    if (response.Headers.TryGetValues(name, out var values))
                    {
                        context.Response.AddHeader(name, string.Join(", ", values));
                    }
                }

                if (response.Content.Headers.ContentType is not null)
                {
                    context.Response.ContentType = response.Content.Headers.ContentType.ToString();
                }

                if (context.Request.HttpMethod != "HEAD")
                {
                    context.Response.ContentLength64 = body.Length;
                    await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false);
                }

                context.Response.Close();
            }
            catch (Exception)
            {
                context.Response.Abort();
            }
        }

        public void Dispose()
        {
            listener.Close();
            upstream.Dispose();
        }
    }
}
