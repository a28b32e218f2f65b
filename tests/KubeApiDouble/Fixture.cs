using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace KubeApiDouble
{
    /// <summary>The objects one test cluster holds, and how its server misbehaves.</summary>
    public sealed class Fixture
    {
        public string GitVersion { get; set; } = "v1.23.7+fips.0";

        public List<JsonObject> Nodes { get; } = new List<JsonObject>();

        public List<JsonObject> KubeSystemPods { get; } = new List<JsonObject>();

        /// <summary>Cluster API objects by "group/version/namespace/plural/name".</summary>
        public Dictionary<string, JsonObject> CustomObjects { get; } = new Dictionary<string, JsonObject>(StringComparer.Ordinal);

        /// <summary>
        /// Secrets by "namespace/name": their data (key to bytes), served base64 in "data" as the
        /// real API does. A management cluster holds each workload cluster's &lt;cluster&gt;-kubeconfig.
        /// </summary>
        /// Each value is read when the Secret is requested, so it may name a file written after the server started.
        public Dictionary<string, Func<Dictionary<string, byte[]>>> Secrets { get; } = new Dictionary<string, Func<Dictionary<string, byte[]>>>(StringComparer.Ordinal);

        /// <summary>False: the Cluster API groups are not installed (404 for their kinds).</summary>
        public bool ClusterApiInstalled { get; set; } = true;

        /// <summary>"verb resource" pairs answered with 403, e.g. "list nodes".</summary>
        public HashSet<string> Denied { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>When set, requests must carry "Authorization: Bearer &lt;token&gt;" or get 401.</summary>
        public string? RequiredToken { get; set; }

        /// <summary>Requests whose path starts with this never get an answer (until the client gives up).</summary>
        public string? HangPathPrefix { get; set; }

        /// <summary>The cluster as it is once <see cref="ThenWhenFile"/> exists (e.g. after dkp update ran).</summary>
        public Fixture? Then { get; set; }

        /// <summary>A file whose existence switches the server to <see cref="Then"/>.</summary>
        public string? ThenWhenFile { get; set; }

        /// <summary>This fixture, or its later state once the trigger file exists.</summary>
        public Fixture Current => Then is not null && ThenWhenFile is not null && System.IO.File.Exists(ThenWhenFile) ? Then : this;
    }
}
