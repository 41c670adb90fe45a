using System.Net.Http;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Silo;

/// <summary>The Orleans dashboard on the real silo process: it shows a file grain's state, and <c>Admin:Dashboard=false</c> turns it off.</summary>
public sealed class DashboardTests
{
    [Fact]
    public async Task TheGrainStateViewShowsAFileWrittenInTheTest()
    {
        using var root = new TempDirectory("wcache-dashboard");
        await using var silo = await SiloProcess.StartAsync(root.Path);
        await using (var connection = await ClusterClientHost.ConnectAsync(silo.GatewayPort))
        {
            Assert.True((await CacheFiles.WriteAsync(connection.Client, "/dashboard-probe.bin", TestData.Bytes(123_457, seed: 300))).IsOk);
        }

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.AdminPort}") };
        var answer = await http.GetStringAsync($"/dashboard/GrainState?grainId={Uri.EscapeDataString("/dashboard-probe.bin")}&grainType=WriteCache.Files.FileGrain");

        // The view answers a JSON string holding the JSON of each state method's result.
        using var outer = System.Text.Json.JsonDocument.Parse(answer);
        using var state = System.Text.Json.JsonDocument.Parse(outer.RootElement.GetString()!);
        var file = state.RootElement.GetProperty("GetState");
        Assert.Equal("Persisted", file.GetProperty("Status").GetString());
        Assert.Equal(123_457, file.GetProperty("Size").GetInt64());
    }

    [Fact]
    public async Task WithAdminDashboardFalseThereIsNoDashboardAndTheViewDoesNotLinkOne()
    {
        using var root = new TempDirectory("wcache-no-dashboard");
        await using var silo = await SiloProcess.StartAsync(root.Path, "--Admin:Dashboard=false");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.AdminPort}") };

        var dashboard = await http.GetAsync("/dashboard");
        var view = await http.GetAsync("/writecache");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, dashboard.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, view.StatusCode);
        var page = await view.Content.ReadAsStringAsync();
        Assert.Contains("Write cache", page);
        Assert.DoesNotContain("/dashboard", page);
    }
}
