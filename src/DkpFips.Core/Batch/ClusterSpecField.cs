using System;
using System.Collections.Generic;
using System.Linq;
using DkpFips.Core.Cluster;
using DkpFips.Core.Json;

namespace DkpFips.Core.Batch
{
    /// <summary>
    /// The fields of a cluster spec, once: their names (New-DkpFipsCluster's parameter names),
    /// the other spellings a spec file accepts (its parameter aliases, any case), and the
    /// pipeline variable that carries each one in a matrix leg (DKPFIPS_ + the name in upper case).
    /// </summary>
    public sealed class ClusterSpecField
    {
        public const string VariablePrefix = "DKPFIPS_";

        private readonly Func<ClusterOptions, string?> get;
        private readonly Action<ClusterOptions, string?> set;

        private ClusterSpecField(string name, string[] aliases, Func<ClusterOptions, string?> get, Action<ClusterOptions, string?> set, bool isList = false)
        {
            Name = name;
            Aliases = aliases;
            this.get = get;
            this.set = set;
            IsList = isList;
            VariableName = VariablePrefix + name.ToUpperInvariant();
        }

        /// <summary>Every field, in the order legs and tables show them.</summary>
        public static IReadOnlyList<ClusterSpecField> All { get; } = new[]
        {
            new ClusterSpecField("ClusterName", new[] { "Name" }, s => s.ClusterName, (s, v) => s.ClusterName = v),
            new ClusterSpecField("Provider", new string[0], s => s.Provider, (s, v) => s.Provider = v),
            new ClusterSpecField("KubernetesVersion", new string[0], s => s.KubernetesVersion, (s, v) => s.KubernetesVersion = v),
            new ClusterSpecField("EtcdVersion", new string[0], s => s.EtcdVersion, (s, v) => s.EtcdVersion = v),
            new ClusterSpecField("AmiId", new[] { "ImageId" }, s => s.AmiId, (s, v) => s.AmiId = v),
            new ClusterSpecField("Region", new string[0], s => s.Region, (s, v) => s.Region = v),
            new ClusterSpecField("VmTemplate", new string[0], s => s.VmTemplate, (s, v) => s.VmTemplate = v),
            new ClusterSpecField("OverrideSecretName", new string[0], s => s.OverrideSecretName, (s, v) => s.OverrideSecretName = v),
            new ClusterSpecField("ImageRepository", new string[0], s => s.ImageRepository, (s, v) => s.ImageRepository = v),
            new ClusterSpecField("ManagementKubeconfig", new string[0], s => s.ManagementKubeconfig, (s, v) => s.ManagementKubeconfig = v),
            new ClusterSpecField("Namespace", new string[0], s => s.Namespace, (s, v) => s.Namespace = v),
            new ClusterSpecField("RegistryMirrorUrl", new string[0], s => s.RegistryMirrorUrl, (s, v) => s.RegistryMirrorUrl = v),
            new ClusterSpecField("ArgumentList", new string[0], s => s.ArgumentList.Count == 0 ? null : JsonText.Array(s.ArgumentList), (s, v) => { }, isList: true),
            new ClusterSpecField("DkpPath", new string[0], s => s.DkpPath, (s, v) => s.DkpPath = v),
        };

        /// <summary>The field's name: New-DkpFipsCluster's parameter of that name binds it.</summary>
        public string Name { get; }

        /// <summary>Other names of the same parameter, also accepted as spec file keys.</summary>
        public IReadOnlyList<string> Aliases { get; }

        /// <summary>True for ArgumentList: a list of values (in a leg variable: a JSON array).</summary>
        public bool IsList { get; }

        /// <summary>The matrix variable (and agent environment variable) that carries it.</summary>
        public string VariableName { get; }

        /// <summary>The field a spec file key names (the name or an alias, any case); null when none.</summary>
        public static ClusterSpecField? Find(string key) =>
            All.FirstOrDefault(f => string.Equals(f.Name, key, StringComparison.OrdinalIgnoreCase)
                || f.Aliases.Any(a => string.Equals(a, key, StringComparison.OrdinalIgnoreCase)));

        /// <summary>The value as one text (ArgumentList as a compact JSON array); null when not given.</summary>
        public string? GetText(ClusterOptions spec)
        {
            var value = get(spec);
            return string.IsNullOrEmpty(value) ? null : value;
        }

        /// <summary>Sets a single-valued field (not ArgumentList).</summary>
        public void Set(ClusterOptions spec, string? value)
        {
            if (IsList)
            {
                throw new InvalidOperationException(Name + " is a list; set ClusterOptions.ArgumentList.");
            }

            set(spec, value);
        }

        public override string ToString() => Name;
    }
}
