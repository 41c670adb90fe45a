using WriteCache.Tests.Support;

namespace WriteCache.Tests.Cluster;

/// <summary>A one-silo cluster whose page store is tiny: 16 MiB, of which 0.5 may be unpersisted; files are TRANSIENT, so they stay pinned.</summary>
public sealed class PinnedLimitTests() : ClusterTest("wcache-pinned")
{
    private const int MiB = 1024 * 1024;

    protected override Task<WriteCacheCluster> StartClusterAsync() =>
        WriteCacheCluster.StartAsync(Root.Path, siloCount: 1, new Dictionary<string, string?>
        {
            ["PageStore:CapacityBytes"] = (16 * MiB).ToString(),
            ["PageStore:PinnedCapacityRatio"] = "0.5",
            ["WriteCache:DefaultPolicy"] = "TRANSIENT",
        });

    [Fact]
    public async Task AWritePastThePinnedLimitIsRefusedAsOutOfSpaceAndCommittedFilesStayIntact()
    {
        var kept = TestData.Bytes(5 * MiB, seed: 21);
        Assert.True((await CacheFiles.WriteAsync(Client, "/kept.bin", kept)).IsOk);

        var tooBig = await CacheFiles.WriteAsync(Client, "/too-big.bin", TestData.Bytes(4 * MiB, seed: 22));

        Assert.Equal(CacheError.OutOfSpace, tooBig.Error);
        Assert.Contains("PinnedCapacityRatio", tooBig.Message);
        Assert.Equal(TestData.Sha256(kept), TestData.Sha256(await CacheFiles.ReadAllAsync(Client, "/kept.bin")));
        var stats = await Cluster.PageStore(Cluster.StoreNames.Single()).GetStats();
        Assert.True(stats.PinnedBytes <= stats.PinnedLimitBytes, $"pinned {stats.PinnedBytes} exceeds limit {stats.PinnedLimitBytes}");
    }

    [Fact]
    public async Task DeletingAFileFreesItsPinnedSpaceForNewWrites()
    {
        Assert.True((await CacheFiles.WriteAsync(Client, "/first.bin", TestData.Bytes(7 * MiB, seed: 23))).IsOk);
        Assert.Equal(CacheError.OutOfSpace, (await CacheFiles.WriteAsync(Client, "/second.bin", TestData.Bytes(2 * MiB, seed: 24))).Error);

        Assert.True((await Client.GetGrain<Files.IFileGrain>("/first.bin").Delete()).IsOk);
        Assert.True((await Client.GetGrain<Files.IFileGrain>("/second.bin").Delete()).IsOk);

        var third = TestData.Bytes(7 * MiB, seed: 25);
        Assert.True((await CacheFiles.WriteAsync(Client, "/third.bin", third)).IsOk);
        Assert.Equal(third, await CacheFiles.ReadAllAsync(Client, "/third.bin"));
    }
}
