using System.Text.RegularExpressions;

namespace DkpFips.Core.Aws
{
    /// <summary>The shape of an AMI id: <c>ami-</c> and 8 (older images) or 17 lowercase hexadecimal digits.</summary>
    public static class AmiId
    {
        public const string ExpectedForm = "'ami-' followed by 8 or 17 lowercase hexadecimal digits, e.g. ami-0abcdef1234567890";

        private static readonly Regex Pattern = new Regex("^ami-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant);

        public static bool IsValid(string? text) => text is not null && Pattern.IsMatch(text);
    }
}
