using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// Keeps version text as the user typed it. PowerShell reads an unquoted 1.30 as the number
    /// 1.3; as a command argument it remembers the typed text, so each item is converted on its
    /// own (which uses that text) instead of as one array (which does not). A number that no
    /// longer knows its text and may have lost a trailing zero is refused rather than guessed.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class VersionTextAttribute : ArgumentTransformationAttribute
    {
        /// <summary>True on a [string] (not [string[]]) parameter: a single value stays a single string.</summary>
        public bool Scalar { get; set; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            if (inputData is null)
            {
                return null;
            }

            var unwrapped = inputData is PSObject wrapper ? wrapper.BaseObject : inputData;
            if (IsScalarText(unwrapped))
            {
                return Scalar ? ToText(inputData) : new[] { ToText(inputData) };
            }

            if (unwrapped is not IEnumerable items)
            {
                // Any other object (a CSV row, a FipsBuild) is left alone, so that pipeline
                // binding goes on to bind it by property name instead of by its ToString().
                return inputData;
            }

            var result = new List<string>();
            foreach (var item in items)
            {
                result.Add(ToText(item));
            }

            return result.ToArray();
        }

        private static bool IsScalarText(object? value) =>
            value is string || value is double || value is float || value is decimal || value is int || value is long;

        private static string ToText(object? item)
        {
            var text = LanguagePrimitives.ConvertTo<string>(item);
            var value = item is PSObject wrapped ? wrapped.BaseObject : item;
            if (value is double || value is float || value is decimal)
            {
                var plain = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
                var dot = plain.IndexOf('.');
                var lostZeroPossible = string.Equals(text, plain, StringComparison.Ordinal) && dot >= 0 && plain.Length - dot - 1 == 1;
                if (lostZeroPossible)
                {
                    throw new ArgumentTransformationMetadataException(
                        $"The version {plain} arrived as a number, and a number drops trailing zeros (1.30 becomes 1.3). Quote versions: '{plain}0' or '{plain}'.");
                }
            }

            return text;
        }
    }
}
