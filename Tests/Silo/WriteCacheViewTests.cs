using System.Text.Json;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Silo;

/// <summary>
/// The write-cache view of a real silo (<c>/writecache</c>, and its JSON at <c>/api</c>) shows files by state, every
/// silo's page store, the persistence queue with its failures, and one file's whole state as <c>wcache fs stat</c> does.
/// </summary>
public sealed class WriteCacheViewTests(ViewSiloFixture fixture) : IClassFixture<ViewSiloFixture>
{
    [Fact]
    public async Task TheOverviewCountsFilesByStateAndListsEachWithItsState()
    {
        var overview = await OverviewWhenTheStuckFileHasFailedAsync();

        var counts = overview.GetProperty("filesByState");
        Assert.Equal(1, counts.GetProperty("PERSISTED").GetInt32());
        Assert.Equal(1, counts.GetProperty("TRANSIENT").GetInt32());
        Assert.Equal(1, counts.GetProperty("NOT_PERSISTED").GetInt32());
        var files = overview.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("state").GetString());
        Assert.Equal("PERSISTED", files["/view/done.bin"]);
        Assert.Equal("TRANSIENT", files["/view/scratch/tmp.bin"]);
        Assert.Equal("NOT_PERSISTED", files["/s3/stuck.bin"]);
    }

    [Fact]
    public async Task TheOverviewShowsEachSilosStoreAndThePersistenceQueueWithItsFailures()
    {
        var overview = await OverviewWhenTheStuckFileHasFailedAsync();

        var silo = Assert.Single(overview.GetProperty("silos").EnumerateArray());
        Assert.Equal("silo-a", silo.GetProperty("storeName").GetString());
        Assert.True(silo.GetProperty("capacityBytes").GetInt64() > 0);
        Assert.True(silo.GetProperty("pinnedBytes").GetInt64() >= ViewSiloFixture.TransientSize + ViewSiloFixture.StuckSize, "TRANSIENT and unpersisted pages stay pinned");
        Assert.True(silo.GetProperty("pinnedRatio").GetDouble() > 0);
        var queue = overview.GetProperty("persistence");
        Assert.Equal("silo-a", Assert.Single(queue.GetProperty("silos").EnumerateArray()).GetProperty("storeName").GetString());
        Assert.Equal(1, queue.GetProperty("waiting").GetInt32());
        Assert.Equal(ViewSiloFixture.StuckSize, queue.GetProperty("bytesWaiting").GetInt64());
        var failing = Assert.Single(queue.GetProperty("failing").EnumerateArray());
        Assert.Equal("/s3/stuck.bin", failing.GetProperty("path").GetString());
        Assert.False(string.IsNullOrEmpty(failing.GetProperty("lastError").GetString()));
        Assert.True(failing.GetProperty("attempts").GetInt32() >= 1);
        Assert.Equal(JsonValueKind.String, failing.GetProperty("nextRetry").ValueKind);
    }

    [Fact]
    public async Task ThePageListsEachFileWithItsStateAndTheFailure()
    {
        await OverviewWhenTheStuckFileHasFailedAsync();

        var html = await fixture.Http.GetStringAsync("/writecache");

        Assert.Contains("""<tr data-path="/view/done.bin" data-state="PERSISTED">""", html);
        Assert.Contains("""<tr data-path="/view/scratch/tmp.bin" data-state="TRANSIENT">""", html);
        Assert.Contains("""<tr data-path="/s3/stuck.bin" data-state="NOT_PERSISTED">""", html);
        Assert.Contains("""<tr data-silo="silo-a">""", html);
        Assert.Contains("""<table id="failures">""", html);
        Assert.Contains("/writecache/file?path=%2Fs3%2Fstuck.bin", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public async Task TheFilePageAndApiShowWhatFsStatShows()
    {
        var api = JsonDocument.Parse(await fixture.Http.GetStringAsync("/api/file?path=/view/done.bin")).RootElement;
        var cli = await Shell.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "wcache.dll"), "--cluster", $"127.0.0.1:{fixture.Silo.GatewayPort}", "fs", "stat", "/view/done.bin", "--json"], 120);
        var html = await fixture.Http.GetStringAsync("/writecache/file?path=/view/done.bin");

        Assert.Equal(0, cli.ExitCode);
        var stat = JsonDocument.Parse(cli.Stdout).RootElement;
        Assert.Equal(
            stat.EnumerateObject().Select(p => p.Name),
            api.EnumerateObject().Select(p => p.Name));
        foreach (var field in new[] { "path", "state", "size", "incarnation", "pages", "pagesBySilo", "attempts", "lastError", "nextRetry" })
        {
            Assert.True(JsonElement.DeepEquals(stat.GetProperty(field), api.GetProperty(field)), $"{field}: fs stat says {stat.GetProperty(field)}, the API {api.GetProperty(field)}");
        }

        Assert.Equal(3, api.GetProperty("pagesBySilo").GetProperty("silo-a").GetInt32());
        var incarnation = Guid.Parse(api.GetProperty("incarnation").GetString()!).ToString("N");
        Assert.Contains($"""<tr data-field="incarnation"><th>incarnation</th><td>{incarnation}</td></tr>""", html);
        Assert.Contains("""<tr data-field="placement"><th>placement</th><td>silo-a: 3</td></tr>""", html);
        Assert.Contains("""<tr data-field="attempts"><th>attempts</th><td>1</td></tr>""", html);
        Assert.Contains("""<span class="state PERSISTED">PERSISTED</span>""", html);
    }

    [Fact]
    public async Task AMissingFileOrABadPathIsAnsweredNotFoundOrBadRequest()
    {
        using var missing = await fixture.Http.GetAsync("/api/file?path=/no/such/file");
        using var missingPage = await fixture.Http.GetAsync("/writecache/file?path=/no/such/file");
        using var relative = await fixture.Http.GetAsync("/api/file?path=relative/path");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missingPage.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, relative.StatusCode);
    }

    /// <summary>The overview once the upload of <c>/s3/stuck.bin</c> has failed at least once (it starts at commit).</summary>
    private async Task<JsonElement> OverviewWhenTheStuckFileHasFailedAsync()
    {
        JsonElement overview = default;
        await Eventually.HoldsAsync(
            async () =>
            {
                overview = JsonDocument.Parse(await fixture.Http.GetStringAsync("/api/overview")).RootElement;
                return overview.GetProperty("persistence").GetProperty("failing").GetArrayLength() == 1;
            },
            TimeSpan.FromSeconds(90),
            "the upload of /s3/stuck.bin to an S3 endpoint nobody listens on fails and shows among the failures");
        return overview;
    }
}
