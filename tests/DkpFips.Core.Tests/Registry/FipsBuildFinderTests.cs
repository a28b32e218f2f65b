using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Catalog;
using DkpFips.Core.Registry;
using DkpFips.TestRegistry;
using Xunit;

namespace DkpFips.Core.Tests.Registry
{
    /// <summary>Tag lists and build discovery against real CNCF distribution registries.</summary>
    [Collection(RealRegistryCollection.Name)]
    public sealed class FipsBuildFinderTests
    {
        private readonly RealRegistryFixture registries;

        public FipsBuildFinderTests(RealRegistryFixture registries)
        {
            this.registries = registries;
        }

        [Fact]
        public async Task Tag_lists_follow_the_Link_header_page_by_page()
        {
            // distribution 2.8 (Debian's docker-registry) answers every tag at once, so paging is
            // served here as the distribution spec's "Listing Tags" section describes it: n and
            // last in the query, the next page in Link: <url>; rel="next", none on the last page.
            var handler = new PagedTagHandler(new[] { "v1.22.8_fips.0", "v1.23.7_fips.0", "latest", "v1.24.6_fips.0" });
            using var paged = new RegistryClient(new RegistryClientOptions(), handler) { TagPageSize = 1 };
            var registry = RegistryReference.Parse("127.0.0.1:5000/mesosphere");
            var tags = await paged.ListTagsAsync(registry, "mesosphere/kube-apiserver", CancellationToken.None);
            Assert.Equal(new[] { "latest", "v1.22.8_fips.0", "v1.23.7_fips.0", "v1.24.6_fips.0" }, tags);
            Assert.Equal(new[] { "n=1", "n=1&last=latest", "n=1&last=v1.22.8_fips.0", "n=1&last=v1.23.7_fips.0" }, handler.Queries);
        }

        private sealed class PagedTagHandler : HttpMessageHandler
        {
            private readonly string[] tags;

            public PagedTagHandler(string[] tags)
            {
                this.tags = tags.OrderBy(t => t, System.StringComparer.Ordinal).ToArray();
            }

            public List<string> Queries { get; } = new List<string>();

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var query = request.RequestUri!.Query.TrimStart('?');
                Queries.Add(query);
                var parts = query.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => System.Uri.UnescapeDataString(p[1]));
                var n = int.Parse(parts["n"], System.Globalization.CultureInfo.InvariantCulture);
                var rest = parts.TryGetValue("last", out var last) ? tags.Where(t => string.CompareOrdinal(t, last) > 0).ToArray() : tags;
                var page = rest.Take(n).ToArray();
                var response = new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(JsonSerializer.Serialize(new { name = "mesosphere/kube-apiserver", tags = page }), Encoding.UTF8, "application/json"),
                };
                if (rest.Length > n)
                {
                    response.Headers.TryAddWithoutValidation("Link", $"</v2/mesosphere/kube-apiserver/tags/list?n={n}&last={System.Uri.EscapeDataString(page.Last())}>; rel=\"next\"");
                }

                return Task.FromResult(response);
            }
        }

        [Fact]
        public async Task Builds_are_grouped_by_version_with_completeness_and_catalog_rows()
        {
            var registry = RegistryReference.Parse(registries.Open.Address + "/" + FipsScenario.Path);
            using var client = new RegistryClient(new RegistryClientOptions()) { TagPageSize = 2 };
            var found = await new FipsBuildFinder(client).FindAsync(registry, FipsCatalog.BuiltIn, CancellationToken.None);
            Assert.Equal(new[] { "v1.22.8+fips.0", "v1.23.7+fips.0", "v1.24.6+fips.0" }, found.Select(f => f.KubernetesVersion.ToKubernetesFlag()).ToArray());
            Assert.Equal(new[] { "kube-scheduler" }, found[0].ComponentsMissing);
            Assert.True(found[1].IsComplete);
            Assert.Equal("2.3", Assert.Single(found[1].CatalogBuilds).DkpVersion);
            Assert.All(found, f => Assert.Equal("v3.4.13+fips.0", Assert.Single(f.EtcdVersions).ToKubernetesFlag()));
        }

        [Fact]
        public void Only_full_fips_tags_count()
        {
            var versions = FipsBuildFinder.FipsVersions(new[] { "latest", "v1.23.7", "3.6", "v1.23.7_fips.0", "1.24.6-fips.1", "v1.23_fips.0", "tmp-amd64" })
                .Select(v => v.ToKubernetesFlag()).ToArray();
            Assert.Equal(new[] { "v1.23.7+fips.0", "v1.24.6+fips.1" }, versions);
        }
    }
}
