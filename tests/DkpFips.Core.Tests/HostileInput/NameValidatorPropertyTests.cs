using System.Linq;
using CsCheck;
using DkpFips.Core.Cluster;
using DkpFips.Core.Errors;
using Xunit;

namespace DkpFips.Core.Tests.HostileInput
{
    /// <summary>
    /// The one name validator (cluster and node-pool names), against random strings: it accepts
    /// exactly the DNS-1123 labels, judged here by an independent definition.
    /// </summary>
    public class NameValidatorPropertyTests
    {
        // Independent statement of DNS-1123: [a-z0-9]([-a-z0-9]*[a-z0-9])?, at most 63 characters.
        private static bool IsDns1123Label(string s) =>
            s.Length >= 1 && s.Length <= 63
            && s.All(c => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')
            && s[0] != '-' && s[s.Length - 1] != '-';

        // Mostly name-like characters, with control characters (NUL first), upper case, dots,
        // non-ASCII lookalikes and whitespace mixed in.
        private static readonly Gen<char> NameChar = Gen.Frequency(
            (10, Gen.Char['a', 'z']),
            (3, Gen.Char['0', '9']),
            (3, Gen.Const('-')),
            (2, Gen.Char['\0', '\u001f']),
            (1, Gen.Const('\0')),
            (1, Gen.Char['A', 'Z']),
            (1, Gen.Int[0, 6].Select(i => "._ \u0456\uff0d\u007f\u0085"[i])));

        private static readonly Gen<string> Names = NameChar.Array[0, 70].Select(chars => new string(chars));

        [Fact]
        public void Accepts_exactly_the_dns1123_labels()
        {
            Names.Sample(name => Assert.Equal(IsDns1123Label(name), ClusterName.Problem(name) is null), iter: 20000);
        }

        [Fact]
        public void A_refused_name_never_shows_a_raw_control_character_in_its_message()
        {
            Names.Where(name => !IsDns1123Label(name)).Sample(name =>
            {
                var ex = Assert.Throws<ClusterPlanException>(() => ClusterName.Validate(name));
                Assert.Equal(ErrorKind.InvalidClusterName, ex.Kind);
                Assert.DoesNotContain(ex.Message, char.IsControl);
            }, iter: 5000);
        }

        [Fact]
        public void Valid_names_generated_from_the_grammar_are_accepted()
        {
            var alnum = Gen.OneOf(Gen.Char['a', 'z'], Gen.Char['0', '9']);
            var inner = Gen.OneOf(alnum, Gen.Const('-')).Array[0, 61];
            var label = Gen.Select(alnum, inner, alnum, Gen.Bool, (first, middle, last, single) =>
                single ? first.ToString() : first + new string(middle) + last);
            label.Sample(name => Assert.Null(ClusterName.Problem(name)), iter: 5000);
        }
    }
}
