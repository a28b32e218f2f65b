namespace DkpFips.Core.Cluster
{
    /// <summary>One FIPS field of one Cluster API object, compared with the plan.</summary>
    public sealed class ManifestCheck
    {
        public ManifestCheck(string kind, string name, string field, string expected, string? actual, bool passed)
        {
            Kind = kind;
            Name = name;
            Field = field;
            Expected = expected;
            Actual = actual;
            Passed = passed;
        }

        public string Kind { get; }

        public string Name { get; }

        public string Field { get; }

        public string Expected { get; }

        public string? Actual { get; }

        public bool Passed { get; }

        public override string ToString() => Passed
            ? $"{Kind}/{Name} {Field} = {Actual}"
            : $"{Kind}/{Name} {Field} is '{Actual ?? "(missing)"}', expected '{Expected}'";
    }
}
