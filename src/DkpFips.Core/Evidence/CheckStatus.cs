namespace DkpFips.Core.Evidence
{
    /// <summary>
    /// The one vocabulary of every check DkpFips makes (AMIs, clusters, registries, dry runs), in the
    /// order a report lists them: what needs attention first.
    /// </summary>
    public enum CheckStatus
    {
        /// <summary>Not FIPS-fit here.</summary>
        Failed = 0,

        /// <summary>The check could not be made (a read failed): the target cannot be called compliant.</summary>
        Error = 1,

        /// <summary>Fit, but something an auditor should look at.</summary>
        Warning = 2,

        /// <summary>Not applicable, or not possible because an earlier check failed.</summary>
        Skipped = 3,

        Passed = 4,
    }
}
