using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Silo;

/// <summary>A real silo without <c>Admin:Token</c> (the default): reads work, every mutating request is 403, whatever it carries.</summary>
public sealed class AdminWithoutTokenTests
{
    [Fact]
    public async Task MutatingRequestsAreRefusedAndReadsWork()
    {
        using var root = new TempDirectory("wcache-admin-notoken");
        await using var silo = await SiloProcess.StartAsync(root.Path);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.AdminPort}") };

        using var bare = await http.PostAsync("/api/persist?path=/x", null);
        using var withToken = await http.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/policy?path=/x&mode=WRITE_BACK")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "any-token-at-all-0123456789") },
        });
        using var read = await http.GetAsync("/api/overview");

        Assert.Equal(HttpStatusCode.Forbidden, bare.StatusCode);
        Assert.Contains("Admin:Token", await bare.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}
