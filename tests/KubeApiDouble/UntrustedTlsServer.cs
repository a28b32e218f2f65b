using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace KubeApiDouble
{
    /// <summary>
    /// An HTTPS endpoint on 127.0.0.1 whose certificate no kubeconfig trusts (self-signed, made at
    /// start): a client that checks certificates fails the TLS handshake, as against an API server
    /// whose CA is not the kubeconfig's.
    /// </summary>
    public sealed class UntrustedTlsServer : IDisposable
    {
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly X509Certificate2 certificate;
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();

        public UntrustedTlsServer()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=kube-apiserver-untrusted", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _ = Task.Run(AcceptLoop);
        }

        public int Port { get; }

        public string Url => $"https://127.0.0.1:{Port}";

        private async Task AcceptLoop()
        {
            while (!stopping.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(stopping.Token).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    return;
                }

                _ = Task.Run(async () =>
                {
                    using (client)
                    using (var tls = new SslStream(client.GetStream()))
                    {
                        try
                        {
                            await tls.AuthenticateAsServerAsync(certificate).ConfigureAwait(false);
                        }
                        catch (Exception)
                        {
                            // The client refused the certificate: the point of this server.
                        }
                    }
                });
            }
        }

        public void Dispose()
        {
            stopping.Cancel();
            listener.Stop();
            certificate.Dispose();
        }
    }
}
