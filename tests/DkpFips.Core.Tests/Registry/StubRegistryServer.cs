using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DkpFips.Core.Tests.Registry
{
    /// <summary>
    /// A scripted HTTP server on 127.0.0.1 for what a real registry will not do on demand:
    /// 429/5xx sequences with Retry-After, the bearer token flow, garbage answers, no answer.
    /// Responses are shaped like the distribution spec's (headers and status codes).
    /// </summary>
    internal sealed class StubRegistryServer : IDisposable
    {
        private readonly HttpListener listener = new HttpListener();
        private readonly Func<HttpListenerRequest, StubResponse> handler;
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();

        public StubRegistryServer(Func<HttpListenerRequest, StubResponse> handler)
        {
            this.handler = handler;
            Port = FreePort();
            listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public int Port { get; }

        public string Address => "127.0.0.1:" + Port;

        /// <summary>"METHOD path?query | Authorization" of every request, in arrival order.</summary>
        public ConcurrentQueue<string> Requests { get; } = new ConcurrentQueue<string>();

        /// <summary>Completes when the first request arrives.</summary>
        public TaskCompletionSource<bool> FirstRequest { get; } = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        private async Task LoopAsync()
        {
            while (!stopping.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(() => HandleAsync(context));
            }
        }

        private async Task HandleAsync(HttpListenerContext context)
        {
            var request = context.Request;
            Requests.Enqueue($"{request.HttpMethod} {request.Url!.PathAndQuery} | {request.Headers["Authorization"]}");
            FirstRequest.TrySetResult(true);
            var response = handler(request);
            try
            {
                if (response.DelayMs > 0)
                {
                    await Task.Delay(response.DelayMs, stopping.Token).ConfigureAwait(false);
                }

                if (response.Hang)
                {
                    await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
                }

                context.Response.StatusCode = response.Status;
                foreach (var header in response.Headers)
                {
                    context.Response.AddHeader(header.Key, header.Value);
                }

                var body = Encoding.UTF8.GetBytes(response.Body ?? string.Empty);
                if (response.ContentType is not null)
                {
                    context.Response.ContentType = response.ContentType;
                }

                if (request.HttpMethod != "HEAD")
                {
                    context.Response.ContentLength64 = body.Length;
                    await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false);
                }

                context.Response.Close();
            }
            catch (Exception)
            {
                try
                {
                    context.Response.Abort();
                }
                catch (Exception)
                {
                }
            }
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        public void Dispose()
        {
            stopping.Cancel();
            listener.Close();
            stopping.Dispose();
        }
    }

    internal sealed class StubResponse
    {
        public int Status { get; set; } = 200;

        public string? ContentType { get; set; }

        public string? Body { get; set; }

        public bool Hang { get; set; }

        /// <summary>Holds the answer back this long, so that concurrent requests overlap.</summary>
        public int DelayMs { get; set; }

        public Dictionary<string, string> Headers { get; } = new Dictionary<string, string>();

        public static StubResponse Manifest(string mediaType = "application/vnd.docker.distribution.manifest.v2+json", string digest = "sha256:" + "ab" + "0000000000000000000000000000000000000000000000000000000000cd", string? body = null)
        {
            var response = new StubResponse { ContentType = mediaType, Body = body ?? "{}" };
            response.Headers["Docker-Content-Digest"] = digest;
            response.Headers["Docker-Distribution-Api-Version"] = "registry/2.0";
            return response;
        }

        public static StubResponse Error(int status, string code, string? retryAfter = null)
        {
            var response = new StubResponse
            {
                Status = status,
                ContentType = "application/json; charset=utf-8",
                Body = "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"stub\",\"detail\":null}]}",
            };
            if (retryAfter is not null)
            {
                response.Headers["Retry-After"] = retryAfter;
            }

            return response;
        }
    }
}
