using System;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace DkpFips.Core.Registry
{
    /// <summary>
    /// Where images are pulled from: <c>host[:port][/path]</c>, optionally with an explicit
    /// <c>https://</c> or <c>http://</c> scheme. <c>docker.io</c> is served by the API host
    /// <c>registry-1.docker.io</c>. Without a scheme the registry is reached over HTTPS, except a
    /// loopback host (localhost, 127.0.0.0/8, ::1), which Docker also treats as plain HTTP.
    /// </summary>
    public sealed class RegistryReference
    {
        public const string DockerHub = "docker.io";
        public const string DockerHubApiHost = "registry-1.docker.io";

        // distribution/reference: a host is dot-separated labels of [a-zA-Z0-9-], not starting or
        // ending with '-'; path components are [a-z0-9]+ joined by '.', '_', '__' or '-'s.
        private static readonly Regex HostPattern = new Regex(
            @"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*$",
            RegexOptions.CultureInvariant);

        private static readonly Regex PathComponentPattern = new Regex(
            @"^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$",
            RegexOptions.CultureInvariant);

        private RegistryReference(string scheme, bool schemeGiven, string host, int? port, string path)
        {
            Scheme = scheme;
            SchemeGiven = schemeGiven;
            Host = host;
            Port = port;
            Path = path;
        }

        /// <summary>https or http.</summary>
        public string Scheme { get; }

        /// <summary>True when the text named the scheme explicitly.</summary>
        public bool SchemeGiven { get; }

        /// <summary>The host as written (<c>docker.io</c>, <c>127.0.0.1</c>, <c>[::1]</c>).</summary>
        public string Host { get; }

        public int? Port { get; }

        /// <summary>Repository path below the host, e.g. <c>mesosphere</c>; empty for none.</summary>
        public string Path { get; }

        /// <summary>The host that answers the registry API (docker.io becomes registry-1.docker.io).</summary>
        public string ApiHost => string.Equals(Host, DockerHub, StringComparison.OrdinalIgnoreCase) || string.Equals(Host, "index.docker.io", StringComparison.OrdinalIgnoreCase)
            ? DockerHubApiHost
            : Host;

        public bool IsPlainHttp => Scheme == "http";

        public bool IsLoopback => IsLoopbackHost(Host);

        /// <summary>Base address of the registry API: <c>https://registry-1.docker.io/</c>.</summary>
        public Uri BaseUri
        {
            get
            {
                var authority = Port is null ? ApiHost : ApiHost + ":" + Port.Value.ToString(CultureInfo.InvariantCulture);
                return new Uri(Scheme + "://" + authority + "/");
            }
        }

        /// <summary>The repository name of an image below this reference: <c>mesosphere/kube-apiserver</c>.</summary>
        public string RepositoryOf(string imageName) => Path.Length == 0 ? imageName : Path + "/" + imageName;

        public static RegistryReference Parse(string? text)
        {
            if (text is null || text.Trim().Length == 0)
            {
                throw new RegistryReferenceFormatException(text ?? string.Empty, "it is empty");
            }

            var rest = text.Trim();
            string? scheme = null;
            var schemeEnd = rest.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd >= 0)
            {
                scheme = rest.Substring(0, schemeEnd).ToLowerInvariant();
                if (scheme != "https" && scheme != "http")
                {
                    throw new RegistryReferenceFormatException(text, $"the scheme '{scheme}' is not https or http");
                }

                rest = rest.Substring(schemeEnd + 3);
            }

            rest = rest.TrimEnd('/');
            if (rest.IndexOfAny(new[] { '@', '?', '#', ' ', '\\' }) >= 0)
            {
                throw new RegistryReferenceFormatException(text, "it holds a character a registry reference cannot hold (@ ? # space or \\); credentials go in -Credential, never in the reference");
            }

            var slash = rest.IndexOf('/');
            var authority = slash < 0 ? rest : rest.Substring(0, slash);
            var path = slash < 0 ? string.Empty : rest.Substring(slash + 1);

            ParseAuthority(text, authority, out var host, out var port);

            if (path.Length > 0)
            {
                foreach (var component in path.Split('/'))
                {
                    if (!PathComponentPattern.IsMatch(component))
                    {
                        throw new RegistryReferenceFormatException(text, $"the path component '{component}' is not a valid repository name part (lowercase letters, digits, and . _ - between them)");
                    }
                }
            }

            var resolvedScheme = scheme ?? (IsLoopbackHost(host) ? "http" : "https");
            return new RegistryReference(resolvedScheme, scheme is not null, host, port, path);
        }

        public static bool TryParse(string? text, out RegistryReference? reference)
        {
            try
            {
                reference = Parse(text);
                return true;
            }
            catch (RegistryReferenceFormatException)
            {
                reference = null;
                return false;
            }
        }

        private static void ParseAuthority(string text, string authority, out string host, out int? port)
        {
            port = null;
            if (authority.Length == 0)
            {
                throw new RegistryReferenceFormatException(text, "it names no host");
            }

            string portText;
            if (authority.StartsWith("[", StringComparison.Ordinal))
            {
                var close = authority.IndexOf(']');
                if (close < 0 || !IPAddress.TryParse(authority.Substring(1, close - 1), out _))
                {
                    throw new RegistryReferenceFormatException(text, "the IPv6 address in brackets is not valid");
                }

                host = authority.Substring(0, close + 1);
                portText = authority.Substring(close + 1);
                if (portText.Length > 0 && portText[0] != ':')
                {
                    throw new RegistryReferenceFormatException(text, "only :port may follow an IPv6 address");
                }

                portText = portText.TrimStart(':');
            }
            else
            {
                var colon = authority.IndexOf(':');
                host = colon < 0 ? authority : authority.Substring(0, colon);
                portText = colon < 0 ? string.Empty : authority.Substring(colon + 1);
                if (!HostPattern.IsMatch(host))
                {
                    throw new RegistryReferenceFormatException(text, $"'{host}' is not a valid host name");
                }
            }

            if (portText.Length > 0 || authority.EndsWith(":", StringComparison.Ordinal))
            {
                if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > 65535)
                {
                    throw new RegistryReferenceFormatException(text, $"the port '{portText}' is not a number from 1 to 65535");
                }

                port = value;
            }
        }

        /// <summary>localhost, 127.0.0.0/8 or ::1.</summary>
        public static bool IsLoopbackHost(string host)
        {
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            var bare = host.Trim('[', ']');
            return IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address);
        }

        /// <summary>Canonical text: <c>host[:port][/path]</c>, with the scheme only when it was given.</summary>
        public override string ToString()
        {
            var text = Host + (Port is null ? string.Empty : ":" + Port.Value.ToString(CultureInfo.InvariantCulture)) + (Path.Length == 0 ? string.Empty : "/" + Path);
            return SchemeGiven ? Scheme + "://" + text : text;
        }
    }
}
