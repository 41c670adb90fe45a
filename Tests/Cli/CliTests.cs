using System.Text.Json;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Cli;

/// <summary>The real <c>wcache</c> CLI against a real silo process: output, JSON and exit codes, errors included.</summary>
public sealed class CliTests : IAsyncLifetime
{
    private readonly TempDirectory root = new("wcache-cli");
    private SiloProcess silo = null!;

    public async Task InitializeAsync() => silo = await SiloProcess.StartAsync(root.Path, "--WriteCache:OrphanCheckPeriod=00:00:02");

    public async Task DisposeAsync()
    {
        await silo.DisposeAsync();
        root.Dispose();
    }

    [Fact]
    public async Task PolicySetGetListRemove()
    {
        var set = await Wcache("policy", "set", "/ckpt", "WRITE_BACK");
        var get = await Wcache("policy", "get", "/ckpt/run-1/step-5.pt");
        var list = await Wcache("policy", "list", "--json");
        var remove = await Wcache("policy", "remove", "/ckpt");
        var after = await Wcache("policy", "get", "/ckpt/run-1/step-5.pt");

        Assert.Equal((0, "Update successful!\n"), (set.ExitCode, set.Stdout));
        Assert.Equal(0, get.ExitCode);
        Assert.Contains("\"policyMode\": \"WRITE_BACK\"", get.Stdout);
        Assert.Equal("/ckpt", JsonDocument.Parse(get.Stdout).RootElement.GetProperty("prefix").GetString());
        Assert.Equal("WRITE_BACK", JsonDocument.Parse(list.Stdout).RootElement[0].GetProperty("policyMode").GetString());
        Assert.Equal(0, remove.ExitCode);
        Assert.Contains("\"policyMode\": \"WRITE_THROUGH\"", after.Stdout);
    }

    [Fact]
    public async Task AWrongPolicyNameOrPathIsOneLineAndANonZeroExit()
    {
        var badPolicy = await Wcache("policy", "set", "/x", "SOMETIMES");
        var relative = await Wcache("policy", "set", "x/y", "WRITE_BACK");
        var missing = await Wcache("fs", "stat", "/no/such/file");
        var removeMissing = await Wcache("policy", "remove", "/never-set");

        foreach (var result in new[] { badPolicy, relative, missing, removeMissing })
        {
            Assert.NotEqual(0, result.ExitCode);
            Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("wcache: ", result.Stderr);
        }

        Assert.Contains("WRITE_THROUGH, WRITE_BACK, TRANSIENT, NO_CACHE", badPolicy.Stderr);
    }

    [Fact]
    public async Task AnUnreachableClusterIsOneLineAndExitCodeThree()
    {
        var result = await Shell.RunAsync("dotnet", [WcacheDll, "--cluster", $"127.0.0.1:{FreePort.Next()}", "fs", "ls", "/"], 120);

        Assert.Equal(3, result.ExitCode);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("cannot reach the cluster", result.Stderr);
    }

    [Fact]
    public async Task FsLsStatShowFilesBecomingPersistedAndRmReportsWhatItRemoved()
    {
        await using (var connection = await ClusterClientHost.ConnectAsync(silo.GatewayPort))
        {
            Assert.True((await connection.Client.GetGrain<Directories.IDirectoryGrain>("/").MakeDirectory("data", 493)).IsOk);
            Assert.True((await connection.Client.GetGrain<Policies.IPolicyGrain>(Policies.IPolicyGrain.ClusterKey).Set("/data", Policies.WritePolicy.WriteBack)).IsOk);
            for (var i = 0; i < 3; i++)
            {
                Assert.True((await CacheFiles.WriteAsync(connection.Client, $"/data/part-{i}", TestData.Bytes(100_000 * (i + 1), seed: 200 + i))).IsOk);
            }
        }

        var persisted = await Wcache("fs", "persist", "--wait", "/data/part-0", "/data/part-1", "/data/part-2");
        var ls = await Wcache("fs", "ls", "-R", "/", "--json");
        var text = await Wcache("fs", "ls", "/data");
        var stat = await Wcache("fs", "stat", "/data/part-2", "--json");
        var status = await Wcache("cache", "status", "--json");
        var pending = await Wcache("async-persist", "stat", "--json");

        Assert.Equal(0, persisted.ExitCode);
        Assert.Equal(3, persisted.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("PERSISTED /data/part-", StringComparison.Ordinal)));
        var entries = JsonDocument.Parse(ls.Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(["/data", "/data/part-0", "/data/part-1", "/data/part-2"], entries.Select(e => e.GetProperty("path").GetString()));
        Assert.All(entries.Skip(1), e => Assert.Equal("PERSISTED", e.GetProperty("state").GetString()));
        Assert.Equal(300_000, entries[3].GetProperty("size").GetInt64());
        Assert.Contains("PERSISTED  200000", text.Stdout);
        var file = JsonDocument.Parse(stat.Stdout).RootElement;
        Assert.Equal("PERSISTED", file.GetProperty("state").GetString());
        Assert.Equal(1, file.GetProperty("pagesBySilo").GetProperty("silo-a").GetInt32());
        Assert.Equal(1, file.GetProperty("attempts").GetInt32());
        Assert.True(JsonDocument.Parse(status.Stdout).RootElement[0].GetProperty("capacityBytes").GetInt64() > 0);
        Assert.Equal(0, JsonDocument.Parse(pending.Stdout).RootElement.GetProperty("waiting").GetInt32());

        var rm = await Wcache("fs", "rm", "-R", "/data");
        var gone = await Wcache("fs", "ls", "/data");

        Assert.Equal((0, "removed 3 file(s) and 1 directory\n"), (rm.ExitCode, rm.Stdout));
        Assert.NotEqual(0, gone.ExitCode);
    }

    private static string WcacheDll => Path.Combine(AppContext.BaseDirectory, "wcache.dll");

    private Task<Shell.Result> Wcache(params string[] arguments) =>
        Shell.RunAsync("dotnet", [WcacheDll, "--cluster", $"127.0.0.1:{silo.GatewayPort}", .. arguments], 120);
}
