using System;

namespace DkpFips.Core.Versioning
{
    /// <summary>Raised for text that is not a version in any form the module accepts.</summary>
    public sealed class FipsVersionFormatException : FormatException
    {
        public FipsVersionFormatException(string? input)
            : base(BuildMessage(input))
        {
            Input = input;
        }

        /// <summary>The text that failed to parse, exactly as given.</summary>
        public string? Input { get; }

        private static string BuildMessage(string? input)
        {
            var shown = input is null ? "(null)" : input.Trim().Length == 0 ? "(empty)" : $"'{input}'";
            return $"{shown} is not a Kubernetes or etcd version. Accepted forms: {FipsVersion.AcceptedForms}.";
        }
    }
}
