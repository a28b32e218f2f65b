namespace DkpFips
{
    /// <summary>One FIPS check of a Cluster API object printed by dkp create cluster --dry-run.</summary>
    public sealed class DryRunCheck
    {
        internal DryRunCheck(string kind, string name, string field, string expected, string? actual, bool passed)
        {
            Kind = kind;
            Name = name;
            Field = field;
            Expected = expected;
            Actual = actual;
            Passed = passed;
        }

        /// <summary>The object kind, e.g. KubeadmControlPlane.</summary>
        public string Kind { get; }

        public string Name { get; }

        /// <summary>The field path, e.g. spec.version.</summary>
        public string Field { get; }

        public string Expected { get; }

        public string? Actual { get; }

        public bool Passed { get; }

        /// <summary>E.g. "Passed KubeadmControlPlane 'c1-control-plane' spec.version = v1.23.7+fips.0" or "Failed ...: 'v1.23.7', expected 'v1.23.7+fips.0'".</summary>
        public override string ToString() => Passed
            ? $"Passed {Kind} '{Name}' {Field} = {Expected}"
            : $"Failed {Kind} '{Name}' {Field}: '{Actual ?? "(missing)"}', expected '{Expected}'";
    }
}
