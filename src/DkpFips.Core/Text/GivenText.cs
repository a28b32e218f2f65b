namespace DkpFips.Core.Text
{
    /// <summary>
    /// The one rule for an optional text value: a spec file, a CSV row or a parameter leaves a
    /// field unset as null, empty or blank, and a value given is used trimmed.
    /// </summary>
    public static class GivenText
    {
        /// <summary><paramref name="value"/> trimmed, or null when it is null, empty or blank.</summary>
        public static string? OrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
