# Misbehaving HTTP servers on 127.0.0.1 for the hostile-input tests: dot-source in BeforeAll.
# Start-HostileServer -Mode html|broken|null|truncated|trickle|silent|samecontinue returns an object with
# Url; Stop-HostileServers in AfterAll. Each answers every request the same way.
if (-not ('DkpFipsTests.HostileServer' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DkpFipsTests
{
    public sealed class HostileServer : IDisposable
    {
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new CancellationTokenSource();
        private readonly List<TcpClient> clients = new List<TcpClient>();
        private readonly string mode;
        private int requests;

        public HostileServer(string mode)
        {
            this.mode = mode;
            listener.Start();
            Url = "http://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port;
            Task.Run(AcceptLoop);
        }

        public string Url { get; }

        public int Requests => Volatile.Read(ref requests);

        private async Task AcceptLoop()
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await listener.AcceptTcpClientAsync().ConfigureAwait(false); }
                catch (Exception) { return; }
                lock (clients) { clients.Add(client); }
                _ = Task.Run(() => Serve(client));
            }
        }

        private async Task Serve(TcpClient client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[65536];
                var seen = new StringBuilder();
                while (seen.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal) < 0)
                {
                    var read = await stream.ReadAsync(buffer, 0, buffer.Length, stop.Token).ConfigureAwait(false);
                    if (read == 0) { return; }
                    seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                Interlocked.Increment(ref requests);
                switch (mode)
                {
                    case "silent":
                        await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                        return;
                    case "html":
                        await Send(stream, "200 OK", "text/html", "<html><head><title>Welcome to nginx!</title></head><body>Welcome</body></html>").ConfigureAwait(false);
                        break;
                    case "broken":
                        await Send(stream, "200 OK", "application/json", "{\"kind\": \"Status\", \"items\": [ {\"a\": ").ConfigureAwait(false);
                        break;
                    case "samecontinue":
                        var firstLine = seen.ToString();
                        await Send(stream, "200 OK", "application/json", firstLine.StartsWith("GET /version", StringComparison.Ordinal)
                            ? "{\"major\":\"1\",\"minor\":\"23\",\"gitVersion\":\"v1.23.7+fips.0\"}"
                            : "{\"kind\":\"List\",\"apiVersion\":\"v1\",\"metadata\":{\"continue\":\"same-token\"},\"items\":[]}").ConfigureAwait(false);
                        break;
                    case "null":
                        await Send(stream, "200 OK", "application/json", "null").ConfigureAwait(false);
                        break;
                    case "truncated":
                        await Write(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\nConnection: close\r\n\r\n{\"kind\":\"NodeList\",\"items\":[").ConfigureAwait(false);
                        break;
                    case "trickle":
                        await Write(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n").ConfigureAwait(false);
                        while (!stop.IsCancellationRequested)
                        {
                            await Write(stream, " ").ConfigureAwait(false);
                            await Task.Delay(200, stop.Token).ConfigureAwait(false);
                        }
                        return;
                }
            }
            catch (Exception)
            {
            }
            finally
            {
                client.Dispose();
            }
        }

        private static Task Send(NetworkStream stream, string status, string type, string body) =>
            Write(stream, "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + Encoding.UTF8.GetByteCount(body) + "\r\nConnection: close\r\n\r\n" + body);

        private static Task Write(NetworkStream stream, string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            return stream.WriteAsync(bytes, 0, bytes.Length);
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            lock (clients) { foreach (var c in clients) { c.Dispose(); } }
        }
    }
}
'@
}

$script:HostileServers = [Collections.Generic.List[object]]::new()

function Start-HostileServer([Parameter(Mandatory)] [ValidateSet('html', 'broken', 'null', 'truncated', 'trickle', 'silent', 'samecontinue')] [string] $Mode) {
    $server = [DkpFipsTests.HostileServer]::new($Mode)
    $HostileServers.Add($server)
    $server
}

function Stop-HostileServers {
    foreach ($server in $HostileServers) { $server.Dispose() }
    $HostileServers.Clear()
}
