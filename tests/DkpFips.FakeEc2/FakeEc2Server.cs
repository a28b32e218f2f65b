using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace DkpFips.FakeEc2
{
    /// <summary>
    /// A loopback EC2 endpoint (HttpListener on 127.0.0.1, ephemeral port). It serves
    /// DescribeImages from <see cref="Fixtures"/>, reads the region and access key id from the
    /// SigV4 Authorization header, adds an optional latency per call, and counts the calls
    /// (GET /_stats as JSON, POST /_reset). It never sees a secret key: only its signature.
    /// </summary>
    public sealed class FakeEc2Server : IDisposable
    {
        private static readonly Regex Credential = new Regex(
            @"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, ?SignedHeaders=(?<headers>[^,]+), ?Signature=(?<sig>[0-9a-f]{64})$",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

        private static readonly Regex WellFormedId = new Regex("^ami-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant);

        private readonly HttpListener listener = new HttpListener();
        private readonly CancellationTokenSource stop = new CancellationTokenSource();
        private readonly ConcurrentQueue<CallRecord> calls = new ConcurrentQueue<CallRecord>();
        private readonly Task loop;
        private int inFlight;
        private int maxInFlight;

        public FakeEc2Server(int latencyMilliseconds = 0)
        {
            LatencyMilliseconds = latencyMilliseconds;
            Port = Listen(listener);
            Url = $"http://127.0.0.1:{Port}/";
            loop = Task.Run(AcceptLoopAsync);
        }

        public int Port { get; }

        public string Url { get; }

        public int LatencyMilliseconds { get; set; }

        public IReadOnlyList<CallRecord> Calls => calls.ToArray();

        /// <summary>The most DescribeImages calls that were in progress at once.</summary>
        public int MaxConcurrentCalls => Volatile.Read(ref maxInFlight);

        public void Reset()
        {
            while (calls.TryDequeue(out _))
            {
            }

            Interlocked.Exchange(ref maxInFlight, 0);
        }

        public string StatsJson() => JsonSerializer.Serialize(new
        {
            calls = Calls.Count,
            maxConcurrentCalls = MaxConcurrentCalls,
            records = Calls,
        });

        private static int Listen(HttpListener listener)
        {
            for (var attempt = 0; ; attempt++)
            {
                // Ask the OS for a free port, then claim it for HttpListener (retry on a race).
                var probe = new TcpListener(IPAddress.Loopback, 0);
                probe.Start();
                var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                listener.Prefixes.Clear();
                listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                try
                {
                    listener.Start();
                    return port;
                }
                catch (HttpListenerException) when (attempt < 20)
                {
                }
            }
        }

        private async Task AcceptLoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (stop.IsCancellationRequested || !listener.IsListening)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    continue;
                }

                _ = Task.Run(() => HandleAsync(context));
            }
        }

        private async Task HandleAsync(HttpListenerContext context)
        {
            try
            {
                var request = context.Request;
                if (request.HttpMethod == "GET" && request.Url!.AbsolutePath == "/_stats")
                {
                    await WriteAsync(context.Response, 200, "application/json", StatsJson()).ConfigureAwait(false);
                    return;
                }

                if (request.HttpMethod == "POST" && request.Url!.AbsolutePath == "/_reset")
                {
                    Reset();
                    await WriteAsync(context.Response, 200, "application/json", "{}").ConfigureAwait(false);
                    return;
                }

                var now = Interlocked.Increment(ref inFlight);
                int seen;
                while (now > (seen = Volatile.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
                {
                }

                try
                {
                    var (status, body) = await DescribeAsync(request).ConfigureAwait(false);
                    if (LatencyMilliseconds > 0)
                    {
                        await Task.Delay(LatencyMilliseconds).ConfigureAwait(false);
                    }

                    await WriteAsync(context.Response, status, "text/xml;charset=UTF-8", body).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }
            catch (Exception exception)
            {
                try
                {
                    await WriteAsync(context.Response, 500, "text/xml;charset=UTF-8", Ec2Xml.Error(Guid.NewGuid().ToString(), "InternalError", exception.Message)).ConfigureAwait(false);
                }
                catch (Exception)
                {
                }
            }
        }

        private async Task<(int Status, string Body)> DescribeAsync(HttpListenerRequest request)
        {
            var requestId = Guid.NewGuid().ToString();
            byte[] bytes;
            using (var buffer = new MemoryStream())
            {
                await request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
                bytes = buffer.ToArray();
            }

            var text = Encoding.UTF8.GetString(bytes);

            var form = ParseForm(text);
            var ids = form.Where(p => p.Key.StartsWith("ImageId.", StringComparison.Ordinal))
                .OrderBy(p => int.Parse(p.Key.Substring("ImageId.".Length), System.Globalization.CultureInfo.InvariantCulture))
                .Select(p => p.Value)
                .ToList();
            var match = Credential.Match(request.Headers["Authorization"] ?? string.Empty);
            var record = new CallRecord
            {
                Method = request.HttpMethod,
                Path = request.Url!.AbsolutePath,
                Action = form.TryGetValue("Action", out var action) ? action : null,
                Version = form.TryGetValue("Version", out var version) ? version : null,
                Region = match.Success ? match.Groups["region"].Value : null,
                Service = match.Success ? match.Groups["service"].Value : null,
                AccessKeyId = match.Success ? match.Groups["key"].Value : null,
                HasSessionToken = !string.IsNullOrEmpty(request.Headers["X-Amz-Security-Token"]),
                ImageIds = ids,
            };

            if (match.Success && record.AccessKeyId == Fixtures.SignedKey)
            {
                record.SignatureValid = SigV4.Verify(request.HttpMethod, request.Url!.AbsolutePath, request.Headers, bytes, Fixtures.SignedSecret,
                    record.AccessKeyId, match.Groups["date"].Value, record.Region!, record.Service!, match.Groups["headers"].Value, match.Groups["sig"].Value);
            }

            var (status, body) = Answer(record, requestId);
            record.Status = status;
            calls.Enqueue(record);
            return (status, body);
        }

        private static (int Status, string Body) Answer(CallRecord call, string requestId)
        {
            if (call.Method != "POST" || call.Path != "/")
            {
                return (400, Ec2Xml.Error(requestId, "InvalidAction", "The action is not valid for this web service."));
            }

            if (call.AccessKeyId is null || call.Region is null || call.Service != "ec2")
            {
                return (401, Ec2Xml.Error(requestId, "AuthFailure", "AWS was not able to validate the provided access credentials"));
            }

            if (call.Action != "DescribeImages")
            {
                return (400, Ec2Xml.Error(requestId, "InvalidAction", $"The action {call.Action} is not valid for this web service."));
            }

            if (call.Version != "2016-11-15")
            {
                return (400, Ec2Xml.Error(requestId, "InvalidParameterValue", $"Unsupported API version {call.Version}."));
            }

            if (call.SignatureValid == false)
            {
                // What EC2 answers for a wrong secret key: the signature does not verify.
                return (401, Ec2Xml.Error(requestId, "AuthFailure", "AWS was not able to validate the provided access credentials"));
            }

            switch (call.AccessKeyId)
            {
                case Fixtures.AuthFailureKey:
                    return (401, Ec2Xml.Error(requestId, "AuthFailure", "AWS was not able to validate the provided access credentials"));
                case Fixtures.UnauthorizedKey:
                    return (403, Ec2Xml.Error(requestId, "UnauthorizedOperation",
                        $"You are not authorized to perform this operation. User: arn:aws:iam::{Fixtures.Account}:user/ci is not authorized to perform: ec2:DescribeImages because no identity-based policy allows the ec2:DescribeImages action"));
                case Fixtures.ThrottledKey:
                    return (503, Ec2Xml.Error(requestId, "RequestLimitExceeded", "Request limit exceeded."));
            }

            var malformed = call.ImageIds.FirstOrDefault(id => !WellFormedId.IsMatch(id));
            if (malformed is not null)
            {
                return (400, Ec2Xml.Error(requestId, "InvalidAMIID.Malformed", $"Invalid id: \"{malformed}\" (expecting \"ami-...\")"));
            }

            var found = call.ImageIds.Distinct().Select(id => (Id: id, Image: Fixtures.Find(id, call.Region))).ToList();
            var missing = found.Where(f => f.Image is null).Select(f => f.Id).ToList();
            if (missing.Count == 1)
            {
                return (400, Ec2Xml.Error(requestId, "InvalidAMIID.NotFound", $"The image id '[{missing[0]}]' does not exist"));
            }

            if (missing.Count > 1)
            {
                return (400, Ec2Xml.Error(requestId, "InvalidAMIID.NotFound", $"The image ids '[{string.Join(", ", missing)}]' do not exist"));
            }

            return (200, Ec2Xml.DescribeImagesResponse(requestId, found.Select(f => f.Image!)));
        }

        private static Dictionary<string, string> ParseForm(string body)
        {
            var form = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                var key = Uri.UnescapeDataString((equals < 0 ? pair : pair.Substring(0, equals)).Replace('+', ' '));
                var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(equals + 1).Replace('+', ' '));
                form[key] = value;
            }

            return form;
        }

        private static async Task WriteAsync(HttpListenerResponse response, int status, string contentType, string body)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            response.StatusCode = status;
            response.ContentType = contentType;
            response.ContentLength64 = bytes.Length;
            response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            response.Headers["Server"] = "AmazonEC2";
            await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            response.Close();
        }

        public void Dispose()
        {
            stop.Cancel();
            try
            {
                listener.Stop();
                listener.Close();
            }
            catch (Exception)
            {
            }

            try
            {
                loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
            }

            stop.Dispose();
        }
    }

    /// <summary>One call as the fake endpoint saw it (no secrets: a SigV4 request carries none).</summary>
    public sealed class CallRecord
    {
        public string? Method { get; set; }
        public string? Path { get; set; }
        public string? Action { get; set; }
        public string? Version { get; set; }
        public string? Region { get; set; }
        public string? Service { get; set; }
        public string? AccessKeyId { get; set; }
        public bool HasSessionToken { get; set; }

        /// <summary>For <see cref="Fixtures.SignedKey"/>: whether the SigV4 signature verified; null for other keys.</summary>
        public bool? SignatureValid { get; set; }
        public List<string> ImageIds { get; set; } = new List<string>();
        public int Status { get; set; }
    }
}
