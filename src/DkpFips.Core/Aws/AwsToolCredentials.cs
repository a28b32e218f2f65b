using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DkpFips.Core.Errors;
using DkpFips.Core.Process;
using DkpFips.Core.Text;

namespace DkpFips.Core.Aws
{
    /// <summary>
    /// The AWS credentials a cmdlet was given (-AwsCredential, -SessionToken, -ProfileName),
    /// checked once, named without their values, and turned into the environment of a tool it
    /// runs (dkp, konvoy-image and its packer): never its arguments, which any process listing
    /// shows. Holds secrets: never log or print it (ToString names the source only).
    /// </summary>
    /// <remarks>
    /// What the tool sees (the AWS SDKs, Go's included, take environment keys before a profile):
    /// <list type="bullet">
    /// <item>-AwsCredential: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and AWS_SESSION_TOKEN
    /// with -SessionToken. Without it, a session token inherited from this session is removed:
    /// paired with other keys, AWS would refuse it.</item>
    /// <item>-ProfileName: AWS_PROFILE. Without -AwsCredential, the key and web identity variables
    /// inherited from this session are removed, or they would silently win over the profile
    /// (the Go SDKs take environment keys, then a web identity, before AWS_PROFILE). With it, the
    /// credential wins (as on Test-FipsAmi) and the profile still gives the other settings
    /// (region, endpoints).</item>
    /// <item>Neither: the tool inherits this session's environment unchanged.</item>
    /// </list>
    /// </remarks>
    public sealed class AwsToolCredentials
    {
        public const string AccessKeyIdVariable = "AWS_ACCESS_KEY_ID";
        public const string SecretAccessKeyVariable = "AWS_SECRET_ACCESS_KEY";
        public const string SessionTokenVariable = "AWS_SESSION_TOKEN";
        public const string ProfileVariable = "AWS_PROFILE";

        /// <summary>The older names the AWS SDKs (Go's v1 among them) still read for the same keys.</summary>
        public static readonly IReadOnlyList<string> LegacyKeyVariables = new[] { "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SECURITY_TOKEN" };

        /// <summary>A web identity role (EKS pod identity, a CI's OIDC role): the Go SDKs take it before AWS_PROFILE, as they take keys.</summary>
        public static readonly IReadOnlyList<string> WebIdentityVariables = new[] { "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME" };

        /// <summary>The message for a credential without both halves; Test-FipsAmi and the tool cmdlets say the same.</summary>
        public const string IncompleteCredentialMessage = "-AwsCredential needs both an access key id (user name) and a secret access key (password).";

        /// <summary>The message for a session token without the keys it belongs to.</summary>
        public const string TokenWithoutCredentialMessage = "-SessionToken needs -AwsCredential (the temporary access key id and secret access key).";

        private readonly string? secretAccessKey;
        private readonly string? sessionToken;

        private AwsToolCredentials(string? accessKeyId, string? secretAccessKey, string? sessionToken, string? profileName)
        {
            AccessKeyId = accessKeyId;
            this.secretAccessKey = secretAccessKey;
            this.sessionToken = sessionToken;
            ProfileName = profileName;
        }

        /// <summary>No credentials given: the tool inherits this session's environment.</summary>
        public static AwsToolCredentials Inherited { get; } = new AwsToolCredentials(null, null, null, null);

        /// <summary>
        /// Checks and keeps what a cmdlet was given; throws <see cref="DkpFipsException"/>
        /// (AwsConfigurationInvalid) for a credential without both halves, a session token
        /// without a credential, or a profile name that cannot be an environment value. A null
        /// access key id means no -AwsCredential.
        /// </summary>
        public static AwsToolCredentials Create(string? accessKeyId, string? secretAccessKey, string? sessionToken, string? profileName)
        {
            var hasCredential = accessKeyId is not null || secretAccessKey is not null;
            if (hasCredential && (string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(secretAccessKey)))
            {
                throw new DkpFipsException(ErrorKind.AwsConfigurationInvalid, IncompleteCredentialMessage, "AwsCredential");
            }

            if (sessionToken is not null && !hasCredential)
            {
                throw new DkpFipsException(ErrorKind.AwsConfigurationInvalid, TokenWithoutCredentialMessage, "SessionToken");
            }

            if (sessionToken is not null && (sessionToken.Length == 0 || HasControlOrSpace(sessionToken)))
            {
                // Never echoed: a token with a stray newline is still a secret.
                throw new DkpFipsException(ErrorKind.AwsConfigurationInvalid, "-SessionToken is empty or holds spaces or control characters; give the token exactly as AWS issued it.", "SessionToken");
            }

            if (profileName is not null && (profileName.Trim().Length == 0 || CommandLineText.IndexOfControl(profileName) >= 0))
            {
                throw new DkpFipsException(ErrorKind.AwsConfigurationInvalid,
                    $"-ProfileName '{CommandLineText.Visible(profileName)}' is not a profile name: {(profileName.Trim().Length == 0 ? "it is blank" : CommandLineText.Problem(profileName))}.", "ProfileName");
            }

            if (!hasCredential && profileName is null)
            {
                return Inherited;
            }

            return new AwsToolCredentials(accessKeyId, secretAccessKey, sessionToken, profileName?.Trim());
        }

        /// <summary>The access key id of -AwsCredential; null without.</summary>
        public string? AccessKeyId { get; }

        /// <summary>The profile of -ProfileName; null without.</summary>
        public string? ProfileName { get; }

        public bool HasCredential => AccessKeyId is not null;

        public bool HasSessionToken => sessionToken is not null;

        /// <summary>Where the tool's credentials come from, for plans and verbose output; never a value.</summary>
        public string Source
        {
            get
            {
                if (HasCredential)
                {
                    var keys = HasSessionToken ? "-AwsCredential with a session token" : "-AwsCredential";
                    return ProfileName is null ? keys : $"{keys} (profile '{ProfileName}' for the other settings)";
                }

                return ProfileName is not null
                    ? $"profile '{ProfileName}'"
                    : "this session's environment (AWS_* variables, AWS_PROFILE, the shared files or an instance role)";
            }
        }

        /// <summary>
        /// The variables the tool gets on top of this session's environment; a null value removes
        /// a variable it would otherwise inherit. Empty for <see cref="Inherited"/>.
        /// </summary>
        public IDictionary<string, string?> Environment()
        {
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (HasCredential)
            {
                environment[AccessKeyIdVariable] = AccessKeyId;
                environment[SecretAccessKeyVariable] = secretAccessKey;
                environment[SessionTokenVariable] = sessionToken;
                foreach (var legacy in LegacyKeyVariables)
                {
                    environment[legacy] = null;
                }
            }
            else if (ProfileName is not null)
            {
                foreach (var name in new[] { AccessKeyIdVariable, SecretAccessKeyVariable, SessionTokenVariable })
                {
                    environment[name] = null;
                }

                foreach (var legacy in LegacyKeyVariables.Concat(WebIdentityVariables))
                {
                    environment[legacy] = null;
                }
            }

            if (ProfileName is not null)
            {
                environment[ProfileVariable] = ProfileName;
            }

            return environment;
        }

        /// <summary>
        /// Null when the named profile is in the shared config or credentials files the tool will
        /// read (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE as they are now, else ~/.aws/),
        /// otherwise why not: checked before a tool runs, so that a mistyped profile is not found
        /// out by AWS halfway through a run. The files are read here rather than through the AWS
        /// SDK for .NET, which keeps the config file path of the first lookup for the life of
        /// the process, while the tool reads the files its environment names when it starts.
        /// </summary>
        public string? ProfileProblem(Func<string, string?>? environment = null)
        {
            if (ProfileName is null)
            {
                return null;
            }

            environment ??= System.Environment.GetEnvironmentVariable;
            var home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
            var config = GivenText.OrNull(environment("AWS_CONFIG_FILE")) ?? Path.Combine(home, ".aws", "config");
            var credentials = GivenText.OrNull(environment("AWS_SHARED_CREDENTIALS_FILE")) ?? Path.Combine(home, ".aws", "credentials");
            try
            {
                // In the config file a profile is [profile name] ([default] for the default one);
                // in the credentials file it is [name].
                var inConfig = Sections(config).Any(section => section == "profile " + ProfileName || (ProfileName == "default" && section == "default"));
                return inConfig || Sections(credentials).Contains(ProfileName)
                    ? null
                    : $"The AWS profile '{ProfileName}' was not found in the shared config or credentials files ({config}, {credentials}).";
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return $"The AWS profile '{ProfileName}' could not be looked up in the shared config or credentials files: {ex.Message}";
            }
        }

        // The section names of an INI file ([name], inner spaces collapsed as the AWS CLI reads
        // them); none when the file does not exist.
        private static IEnumerable<string> Sections(string path)
        {
            if (!File.Exists(path))
            {
                return Array.Empty<string>();
            }

            return File.ReadLines(path)
                .Select(line => line.Trim())
                .Where(line => line.StartsWith("[", StringComparison.Ordinal) && line.EndsWith("]", StringComparison.Ordinal))
                .Select(line => string.Join(" ", line.Substring(1, line.Length - 2).Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)))
                .ToList();
        }

        public override string ToString() => "AWS credentials from " + Source;

        private static bool HasControlOrSpace(string text)
        {
            foreach (var c in text)
            {
                if (char.IsControl(c) || char.IsWhiteSpace(c))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
