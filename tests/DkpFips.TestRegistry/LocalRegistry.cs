using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace DkpFips.TestRegistry
{
    /// <summary>
    /// One docker-registry process on 127.0.0.1 with its own temp storage folder, optionally
    /// with htpasswd (bcrypt) basic auth. Ready when the registry logs that it listens.
    /// </summary>
    public sealed class LocalRegistry : IDisposable
    {
        public const string DefaultBinary = "/usr/bin/docker-registry";

        private readonly Process process;
        private readonly string root;

        private LocalRegistry(Process process, string root, int port, string? user, string? password)
        {
            this.process = process;
            this.root = root;
            Port = port;
            User = user;
            Password = password;
        }

        public int Port { get; }

        public string? User { get; }

        public string? Password { get; }

        public int ProcessId => process.Id;

        /// <summary>host:port, e.g. 127.0.0.1:40123.</summary>
        public string Address => "127.0.0.1:" + Port;

        public static string Binary => Environment.GetEnvironmentVariable("DKPFIPS_REGISTRY_BIN") is { Length: > 0 } path ? path : DefaultBinary;

        public static bool IsAvailable => File.Exists(Binary);

        /// <summary>True when the registry serves HTTPS (with a self-signed certificate for 127.0.0.1).</summary>
        public bool UsesTls { get; private set; }

        public static LocalRegistry Start(string? user = null, string? password = null, bool tls = false, bool readOnly = false)
        {
            if (!IsAvailable)
            {
                throw new InvalidOperationException($"{Binary} is missing: install Debian's docker-registry package (apt-get install -y docker-registry apache2-utils).");
            }

            var root = Path.Combine(Path.GetTempPath(), "dkpfips-registry-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(root);
            var port = FreePort();
            var auth = string.Empty;
            if (user is not null)
            {
                var htpasswd = Path.Combine(root, "htpasswd");
                File.WriteAllText(htpasswd, Htpasswd(user, password ?? string.Empty));
                auth = $"auth:\n  htpasswd:\n    realm: dkpfips-test\n    path: {htpasswd}\n";
            }

            var tlsConfig = string.Empty;
            if (tls)
            {
                var (certificate, key) = WriteSelfSignedCertificate(root);
                tlsConfig = $"  tls:\n    certificate: {certificate}\n    key: {key}\n";
            }

            var config = Path.Combine(root, "config.yml");
            File.WriteAllText(config,
                "version: 0.1\n" +
                "log:\n  level: info\n  accesslog:\n    disabled: true\n" +
                $"storage:\n  filesystem:\n    rootdirectory: {Path.Combine(root, "data")}\n  delete:\n    enabled: true\n" +
                (readOnly ? "  maintenance:\n    readonly:\n      enabled: true\n" : string.Empty) +
                $"http:\n  addr: 127.0.0.1:{port}\n" + tlsConfig +
                auth);

            var info = new ProcessStartInfo(Binary)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            info.ArgumentList.Add("serve");
            info.ArgumentList.Add(config);

            var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            DataReceivedEventHandler onLine = (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }

                if (e.Data.Contains("listening on", StringComparison.Ordinal))
                {
                    ready.TrySetResult(true);
                }
                else if (e.Data.Contains("level=fatal", StringComparison.Ordinal) || e.Data.Contains("level=panic", StringComparison.Ordinal))
                {
                    ready.TrySetException(new InvalidOperationException("docker-registry failed: " + e.Data));
                }
            };
            process.OutputDataReceived += onLine;
            process.ErrorDataReceived += onLine;
            process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("docker-registry exited before it listened."));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var registry = new LocalRegistry(process, root, port, user, password) { UsesTls = tls };
            if (!ready.Task.Wait(TimeSpan.FromSeconds(30)))
            {
                registry.Dispose();
                throw new TimeoutException("docker-registry did not start listening within 30 s.");
            }

            return registry;
        }

        /// <summary>An htpasswd line with a bcrypt hash (the only hash the registry accepts), made by Apache's htpasswd.</summary>
        private static string Htpasswd(string user, string password)
        {
            var info = new ProcessStartInfo("htpasswd") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "-Bbn", user, password })
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("htpasswd failed: " + process.StandardError.ReadToEnd());
            }

            return output.Trim() + "\n";
        }

        private static (string Certificate, string Key) WriteSelfSignedCertificate(string root)
        {
            using var key = System.Security.Cryptography.RSA.Create(2048);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                "CN=127.0.0.1", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            var names = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var certificatePath = Path.Combine(root, "cert.pem");
            var keyPath = Path.Combine(root, "key.pem");
            File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
            File.WriteAllText(keyPath, key.ExportRSAPrivateKeyPem());
            return (certificatePath, keyPath);
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        public void Dispose()
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    process.WaitForExit(10000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
