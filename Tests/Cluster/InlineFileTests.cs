using WriteCache.Client;
using WriteCache.Files;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Cluster;

/// <summary>
/// Small files (up to <c>WriteCache:InlineFileBytes</c>) closed without an fsync are committed with their bytes in the
/// metadata transaction: no page store holds them until they are persisted, they read back and survive a restart
/// all the same, and once persisted they leave the metadata store. With a local-directory UFS (as here) no page is
/// made at persistence: the first reader reads the UFS copy and caches it on the page's store as a clean page.
/// </summary>
public sealed class InlineFileTests() : ClusterTest("wcache-inline")
{
    private const int Limit = 16 * 1024;

    private string Ufs => Root.Combine("ufs");

    protected override Task<WriteCacheCluster> StartClusterAsync()
    {
        // The UFS location starts out as a plain file, so uploads fail (and are retried) until a test makes it a directory.
        File.WriteAllText(Ufs, "not a directory yet");
        return WriteCacheCluster.StartAsync(Root.Path, siloCount: 2, new Dictionary<string, string?>
        {
            ["WriteCache:DefaultPolicy"] = "WRITE_BACK",
            ["WriteCache:InlineFileBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Persistence:RetryInitialInterval"] = "00:00:00.200",
            ["Persistence:RetryMaxInterval"] = "00:00:00.500",
        });
    }

    [Fact]
    public async Task ASmallFileReadsBackFromItsMetadataSurvivesARestartAndIsCachedByItsFirstReaderOncePersisted()
    {
        var content = TestData.Bytes(Limit - 1, seed: 7);

        var committed = await CacheFiles.WriteAsync(Client, "/config.json", content);

        Assert.True(committed.IsOk, committed.Message);
        Assert.Equal(FileStatus.NotPersisted, committed.Value!.Status);
        var incarnation = committed.Value.Incarnation;
        Assert.Empty(await IncarnationsOnStores(incarnation));
        Assert.Equal(content, await CacheFiles.ReadAllAsync(Client, "/config.json"));

        await Cluster.RestartAsync();

        Assert.Equal(content, await CacheFiles.ReadAllAsync(Client, "/config.json"));
        File.Delete(Ufs);
        Directory.CreateDirectory(Ufs);
        await Eventually.HoldsAsync(
            async () => (await Client.GetGrain<IFileGrain>("/config.json").GetStatus()).Value?.Status == FileStatus.Persisted,
            TimeSpan.FromSeconds(60),
            "the small file is persisted once the UFS location is a directory");
        var persisted = (await Client.GetGrain<IFileGrain>("/config.json").GetStatus()).GetValueOrThrow();
        Assert.Equal(incarnation, persisted.Incarnation);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(Ufs, "config.json")));
        Assert.Null((await Client.GetGrain<IFileGrain>("/config.json").GetState()).Inline);
        Assert.Empty(await IncarnationsOnStores(incarnation));

        Assert.Equal(content, await CacheFiles.ReadAllAsync(Client, "/config.json"));

        var held = Assert.Single(await IncarnationsOnStores(incarnation));
        Assert.False(held.Pinned);
        Assert.Equal(persisted.Pages.StoresOf(0)[0], held.Store);
        Assert.Equal(content, await CacheFiles.ReadAllAsync(Client, "/config.json"));
    }

    [Fact]
    public async Task InlineCommitsAreCountedInTheirOwnMetric()
    {
        using var counted = new CounterListener("writecache.files.committed_inline");

        Assert.True((await CacheFiles.WriteAsync(Client, "/counted.txt", TestData.Bytes(1234, seed: 3))).IsOk);

        // Other test classes may commit inline files in this process at the same time: at least this one is counted.
        Assert.True(counted.Total >= 1234, $"counted {counted.Total} bytes committed inline");
    }

    [Fact]
    public async Task AFileOverTheLimitOrSyncedBeforeCloseIsWrittenToItsPageStores()
    {
        var large = await CacheFiles.WriteAsync(Client, "/large.bin", TestData.Bytes(Limit + 1, seed: 1));
        var synced = await WriteSyncedAsync("/synced.bin", TestData.Bytes(100, seed: 2));

        foreach (var committed in new[] { large, synced })
        {
            Assert.True(committed.IsOk, committed.Message);
            var held = Assert.Single(await IncarnationsOnStores(committed.Value!.Incarnation));
            Assert.True(held.Pinned);
        }

        Assert.Equal(TestData.Bytes(100, seed: 2), await CacheFiles.ReadAllAsync(Client, "/synced.bin"));
    }

    [Fact]
    public async Task InlineBytesThatAreNotTheWholeFileAreRefused()
    {
        var file = Client.GetGrain<IFileGrain>("/forged.bin");
        var session = (await file.Create(new CreateRequest(Incarnation: Guid.NewGuid()))).Value!;
        var map = new PageMap { ReplicationFactor = session.ReplicationFactor };

        var shorter = await file.Commit(new CommitRequest(session.Incarnation, 10, map, new byte[9]));

        Assert.Equal(CacheError.InvalidArgument, shorter.Error);
        Assert.Equal(FileStatus.Writing, (await file.GetState()).Status);
    }

    private async Task<CacheResult<FileDetails>> WriteSyncedAsync(string path, byte[] content)
    {
        await using var writer = (await CacheFileWriter.CreateAsync(Client, path, new CreateRequest())).GetValueOrThrow();
        Assert.True((await writer.WriteAsync(0, content)).IsOk);
        Assert.True((await writer.FlushAsync()).IsOk); // fsync(2) before close: the bytes must be durable on a page store now
        return await writer.CommitAsync();
    }

    private async Task<List<(string Store, bool Pinned)>> IncarnationsOnStores(Guid incarnation)
    {
        var found = new List<(string, bool)>();
        foreach (var store in Cluster.StoreNames)
        {
            foreach (var held in await Cluster.PageStore(store).ListIncarnations())
            {
                if (held.Incarnation == incarnation)
                {
                    found.Add((store, held.Pinned));
                }
            }
        }

        return found;
    }
}
