using WriteCache.Client;
using WriteCache.Files;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Persistence;

/// <summary>Writes that stop without a close are cleaned up (dangling-write timeout, checked every second); a slow but steady writer is not.</summary>
public sealed class AbandonedWriteTests() : ClusterTest("wcache-abandoned")
{

    protected override Task<WriteCacheCluster> StartClusterAsync() =>
        WriteCacheCluster.StartAsync(Root.Path, siloCount: 3, new Dictionary<string, string?>
        {
            ["PageStore:ReplicationFactor"] = "2",
            ["WriteCache:OrphanCheckPeriod"] = "00:00:01",
            ["WriteCache:DanglingWriteTimeout"] = "00:00:03",
        });

    [Fact]
    public async Task AnAbandonedWriteIsRemovedAndItsPagesReclaimedOnEverySilo()
    {
        var writer = (await CacheFileWriter.CreateAsync(Client, "/abandoned.bin", new CreateRequest())).GetValueOrThrow();
        Assert.True((await writer.WriteAsync(0, TestData.Bytes(5 * 1024 * 1024, seed: 61))).IsOk);
        Assert.True((await writer.FlushAsync()).IsOk);
        var incarnation = writer.Session.Incarnation;
        Assert.True(await HeldAnywhere(incarnation));

        // The writer goes away without committing.
        await Eventually.HoldsAsync(
            async () => (await Client.GetGrain<IFileGrain>("/abandoned.bin").GetStatus()).Error == CacheError.NotFound,
            TimeSpan.FromSeconds(20),
            "the dangling write is gone");

        Assert.False(await HeldAnywhere(incarnation));
        Assert.Equal(CacheError.NotFound, (await Client.GetGrain<Directories.IDirectoryGrain>("/").Lookup("abandoned.bin")).Error);
    }

    [Fact]
    public async Task ASlowSteadyWriterIsNotCleanedUp()
    {
        var content = TestData.Bytes(8 * 64 * 1024, seed: 62);
        var writer = (await CacheFileWriter.CreateAsync(Client, "/slow.bin", new CreateRequest())).GetValueOrThrow();

        // One small write a second for eight seconds: never idle for the three-second timeout.
        for (var i = 0; i < 8; i++)
        {
            Assert.True((await writer.WriteAsync(i * 64 * 1024, content.AsMemory(i * 64 * 1024, 64 * 1024))).IsOk, $"write {i}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var committed = await writer.CommitAsync();

        Assert.True(committed.IsOk, committed.Message);
        Assert.Equal(content, await CacheFiles.ReadAllAsync(Client, "/slow.bin"));
    }

    private async Task<bool> HeldAnywhere(Guid incarnation)
    {
        foreach (var store in Cluster.StoreNames)
        {
            if ((await Cluster.PageStore(store).ListIncarnations()).Any(i => i.Incarnation == incarnation))
            {
                return true;
            }
        }

        return false;
    }
}
