using System;
using System.Collections.Specialized;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DkpFips.FakeEc2
{
    /// <summary>
    /// Checks an AWS Signature Version 4 of a Query API POST the way EC2 does: rebuild the
    /// canonical request from the signed headers and the body, derive the signing key from the
    /// secret, compare signatures.
    /// </summary>
    public static class SigV4
    {
        private static readonly Regex Spaces = new Regex(" +", RegexOptions.CultureInvariant);

        public static bool Verify(string method, string path, NameValueCollection headers, byte[] body, string secretKey,
            string accessKeyId, string date, string region, string service, string signedHeaders, string signature)
        {
            var amzDate = headers["X-Amz-Date"];
            if (amzDate is null || !amzDate.StartsWith(date, StringComparison.Ordinal))
            {
                return false;
            }

            var names = signedHeaders.Split(';');
            var canonicalHeaders = new StringBuilder();
            foreach (var name in names)
            {
                var value = headers[name];
                if (value is null)
                {
                    return false;
                }

                canonicalHeaders.Append(name).Append(':').Append(Spaces.Replace(value.Trim(), " ")).Append('\n');
            }

            var canonicalRequest = string.Join("\n", method, path, string.Empty, canonicalHeaders.ToString(), signedHeaders, Hex(SHA256.HashData(body)));
            var scope = $"{date}/{region}/{service}/aws4_request";
            var stringToSign = string.Join("\n", "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

            var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
            key = Hmac(key, region);
            key = Hmac(key, service);
            key = Hmac(key, "aws4_request");
            var expected = Hex(Hmac(key, stringToSign));
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
        }

        private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

        private static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
