using System;
using System.Collections.Generic;
using System.Text;

namespace DkpFips.Core.Registry
{
    /// <summary>
    /// A <c>WWW-Authenticate</c> challenge: <c>Basic realm="..."</c>, or the token flow of the
    /// distribution spec, <c>Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:mesosphere/etcd:pull"</c>.
    /// </summary>
    public sealed class AuthChallenge
    {
        private AuthChallenge(string scheme, IReadOnlyDictionary<string, string> parameters)
        {
            Scheme = scheme;
            Parameters = parameters;
        }

        /// <summary>Basic or Bearer (as the server wrote it).</summary>
        public string Scheme { get; }

        public IReadOnlyDictionary<string, string> Parameters { get; }

        public bool IsBearer => string.Equals(Scheme, "Bearer", StringComparison.OrdinalIgnoreCase);

        public bool IsBasic => string.Equals(Scheme, "Basic", StringComparison.OrdinalIgnoreCase);

        public string? Realm => Get("realm");

        public string? Service => Get("service");

        public string? Scope => Get("scope");

        public string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

        /// <summary>Parses a scheme and its auth-params (quoted strings may hold commas).</summary>
        public static AuthChallenge? Parse(string scheme, string? parameterText)
        {
            if (string.IsNullOrWhiteSpace(scheme))
            {
                return null;
            }

            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var text = parameterText ?? string.Empty;
            var i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && (text[i] == ' ' || text[i] == ',' || text[i] == '\t'))
                {
                    i++;
                }

                var nameStart = i;
                while (i < text.Length && text[i] != '=' && text[i] != ',')
                {
                    i++;
                }

                var name = text.Substring(nameStart, i - nameStart).Trim();
                if (i >= text.Length || text[i] != '=')
                {
                    continue;
                }

                i++;
                string value;
                if (i < text.Length && text[i] == '"')
                {
                    i++;
                    var builder = new StringBuilder();
                    while (i < text.Length && text[i] != '"')
                    {
                        if (text[i] == '\\' && i + 1 < text.Length)
                        {
                            i++;
                        }

                        builder.Append(text[i]);
                        i++;
                    }

                    i++;
                    value = builder.ToString();
                }
                else
                {
                    var valueStart = i;
                    while (i < text.Length && text[i] != ',')
                    {
                        i++;
                    }

                    value = text.Substring(valueStart, i - valueStart).Trim();
                }

                if (name.Length > 0)
                {
                    parameters[name] = value;
                }
            }

            return new AuthChallenge(scheme.Trim(), parameters);
        }
    }
}
