using System;
using System.Collections.Generic;
using DkpFips.TestRegistry;
using Xunit;

namespace DkpFips.Core.Tests.Registry
{
    /// <summary>
    /// Two real docker-registry instances on 127.0.0.1 for the whole test class: one open, one
    /// with htpasswd basic auth, both seeded with <see cref="FipsScenario"/>. Stopped on Dispose.
    /// </summary>
    public sealed class RealRegistryFixture : IDisposable
    {
        public const string User = "fipsuser";

        // A canary: if it ever shows up in a result or message, a credential leaked.
        public const string Password = "CANARY-pw-7f3e9a1b";

        public RealRegistryFixture()
        {
            Open = LocalRegistry.Start();
            try
            {
                Auth = LocalRegistry.Start(User, Password);
                using (var pusher = new ImagePusher(Open.Address))
                {
                    OpenDigests = FipsScenario.Seed(pusher);
                }

                using (var pusher = new ImagePusher(Auth.Address, User, Password))
                {
                    FipsScenario.Seed(pusher, full: false);
                }
            }
            catch
            {
                Open.Dispose();
                Auth?.Dispose();
                throw;
            }
        }

        public LocalRegistry Open { get; }

        public LocalRegistry Auth { get; }

        public Dictionary<string, string> OpenDigests { get; }

        public void Dispose()
        {
            Open.Dispose();
            Auth.Dispose();
        }
    }

    [CollectionDefinition(Name)]
    public sealed class RealRegistryCollection : ICollectionFixture<RealRegistryFixture>
    {
        public const string Name = "real registries";
    }
}
