using System.Text.Json;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Browser;

/// <summary>
/// The write-cache view in a real browser: headless Debian chromium, driven by playwright-core (Tests/Browser/view-check.mjs),
/// opens a real silo's <c>/writecache</c>, sees a file written in the test with its state, follows it to the file page,
/// and leaves screenshots under the test output (<c>screenshots/</c>).
/// </summary>
public sealed class WriteCacheViewBrowserTests
{
    private static readonly string ScriptDirectory = RepositoryRoot.Combine("Tests/Browser");

    [Fact]
    public async Task TheViewShowsAFileWrittenInTheTestWithItsState()
    {
        Assert.True(
            Directory.Exists(Path.Combine(ScriptDirectory, "node_modules", "playwright-core")) && File.Exists(Chromium),
            $"the browser test needs Debian's chromium at {Chromium} and playwright-core in {ScriptDirectory}/node_modules: scripts/test.sh installs both");
        using var root = new TempDirectory("wcache-browser");
        await using var silo = await SiloProcess.StartAsync(root.Path);
        await using (var connection = await ClusterClientHost.ConnectAsync(silo.GatewayPort))
        {
            Assert.True((await connection.Client.GetGrain<Directories.IDirectoryGrain>("/").MakeDirectory("browser", 493)).IsOk);
            Assert.True((await CacheFiles.WriteAsync(connection.Client, "/browser/seen.bin", TestData.Bytes(1_500_000, seed: 600))).IsOk);
        }

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        foreach (var old in Directory.GetFiles(screenshots, "writecache-*.png"))
        {
            File.Delete(old);
        }

        var run = await Shell.RunAsync("node", [Path.Combine(ScriptDirectory, "view-check.mjs"), $"http://127.0.0.1:{silo.AdminPort}/writecache", "/browser/seen.bin", screenshots], 120);

        Assert.True(run.ExitCode == 0, $"view-check.mjs exited {run.ExitCode}: {run.Stderr}{run.Stdout}");
        var seen = JsonDocument.Parse(run.Stdout.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(200, seen.GetProperty("status").GetInt32());
        Assert.Equal("PERSISTED", seen.GetProperty("rowState").GetString());
        Assert.Contains("PERSISTED", seen.GetProperty("rowText").GetString());
        Assert.Contains("1,500,000", seen.GetProperty("rowText").GetString());
        Assert.Contains("PERSISTED 1", seen.GetProperty("counts").GetString());
        Assert.Equal(1, seen.GetProperty("silos").GetInt32());
        Assert.Contains("/writecache/file?path=%2Fbrowser%2Fseen.bin", seen.GetProperty("fileUrl").GetString());
        Assert.Equal("PERSISTED", seen.GetProperty("fileState").GetString());
        Assert.Equal("silo-a: 2", seen.GetProperty("filePlacement").GetString());
        Assert.True(new FileInfo(Path.Combine(screenshots, "writecache-view.png")).Length > 1000, "the view's screenshot is saved");
        Assert.True(new FileInfo(Path.Combine(screenshots, "writecache-file.png")).Length > 1000, "the file page's screenshot is saved");
    }

    private static string Chromium => Environment.GetEnvironmentVariable("WCACHE_CHROMIUM") ?? "/usr/bin/chromium";
}
