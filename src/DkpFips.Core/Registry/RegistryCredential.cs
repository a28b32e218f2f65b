using System;
using System.Text;

namespace DkpFips.Core.Registry
{
    /// <summary>
    /// A user name and password for a registry (basic auth, or the basic auth of a bearer token
    /// request). <see cref="ToString"/> shows the user name only; the password never leaves
    /// this object except as an Authorization header.
    /// </summary>
    public sealed class RegistryCredential
    {
        private readonly string password;

        public RegistryCredential(string userName, string password)
        {
            UserName = userName ?? throw new ArgumentNullException(nameof(userName));
            this.password = password ?? string.Empty;
        }

        public string UserName { get; }

        internal string ToBasicParameter() => Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + password));

        public override string ToString() => UserName;
    }
}
