using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Silo;

/// <summary>
/// The admin API of a real silo with <c>Admin:Token</c> set: reads need no token; a mutating request without one is 401,
/// with a wrong one 403, and with the right one it does its work.
/// </summary>
public sealed class AdminTokenTests(TokenSiloFixture fixture) : IClassFixture<TokenSiloFixture>
{
    private const string Token = TokenSiloFixture.Token;
    private readonly HttpClient http = fixture.Http;

    [Theory]
    [InlineData("/api/overview")]
    [InlineData("/api/file?path=/token-probe.bin")]
    [InlineData("/api/stores")]
    [InlineData("/api/persistence")]
    [InlineData("/api/policies")]
    [InlineData("/writecache")]
    [InlineData("/writecache/file?path=/token-probe.bin")]
    [InlineData("/metrics")]
    public async Task ReadsNeedNoToken(string url)
    {
        using var answer = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/persist?path=/token-probe.bin")]
    [InlineData("PUT", "/api/policy?path=/wb&mode=WRITE_BACK")]
    [InlineData("DELETE", "/api/policy?path=/wb")]
    public async Task AMutatingRequestWithoutATokenIs401AndWithAWrongOne403(string method, string url)
    {
        using var without = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        using var wrong = await SendAsync(method, url, "not-the-token-0123456789");
        using var notBearer = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Headers = { Authorization = new AuthenticationHeaderValue("Basic", Token) } });

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal("Bearer", without.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, notBearer.StatusCode);
        var policies = await http.GetStringAsync("/api/policies");
        Assert.DoesNotContain("/wb", policies);
    }

    [Fact]
    public async Task WithTheRightTokenPolicyChangesAndPersistNowWork()
    {
        using var set = await SendAsync("PUT", "/api/policy?path=/wb&mode=WRITE_BACK", Token);
        var afterSet = await http.GetStringAsync("/api/policies");
        using var persist = await SendAsync("POST", "/api/persist?path=/token-probe.bin", Token);
        using var missing = await SendAsync("POST", "/api/persist?path=/no-such-file", Token);
        using var remove = await SendAsync("DELETE", "/api/policy?path=/wb", Token);
        var afterRemove = await http.GetStringAsync("/api/policies");

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Contains("""{"prefix":"/wb","policyMode":"WRITE_BACK"}""", afterSet);
        Assert.Equal(HttpStatusCode.OK, persist.StatusCode);
        var file = JsonDocument.Parse(await persist.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("/token-probe.bin", "PERSISTED"), (file.GetProperty("path").GetString(), file.GetProperty("state").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
        Assert.DoesNotContain("/wb", afterRemove);
    }

    private Task<HttpResponseMessage> SendAsync(string method, string url, string token) =>
        http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } });
}
