using WriteCache.Files;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Persistence;

/// <summary>
/// A silo holding copies of a file's pages is away when the file's upload finishes: once it is back, it is told the
/// pages are persisted, and its pinned space comes back (before, those pages stayed pinned until the file was deleted).
/// </summary>
public sealed class UnpinAfterStoreOutageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AStoreThatMissedTheUnpinIsToldWhenItReturnsAndItsPinnedSpaceComesBack()
    {
        await using var s3 = await S3Server.StartAsync();
        using var bucket = await S3Bucket.CreateAsync(s3.Url);
        using var root = new TempDirectory("wcache-unpin-outage");
        var settings = bucket.Settings();
        settings["WriteCache:DefaultPolicy"] = "WRITE_BACK";
        settings["WriteCache:OrphanCheckPeriod"] = "00:00:01";
        settings["Persistence:RetryInitialInterval"] = "00:00:01";
        settings["Persistence:RetryMaxInterval"] = "00:00:02";
        settings["PageStore:ReplicationFactor"] = "2";
        await using var cluster = await WriteCacheCluster.StartAsync(root.Path, siloCount: 3, settings);

        // The endpoint is down, so the file stays pinned on the stores that hold its copies while one of them goes.
        await s3.StopAsync();
        var content = TestData.Bytes((4 * 1024 * 1024) + 123, seed: 91);
        var committed = (await CacheFiles.WriteAsync(cluster.Client, "/away-checkpoint.bin", content)).GetValueOrThrow();
        var first = cluster.Cluster.Silos[0].Name;
        var away = committed.Pages.Stores.First(store => store != first);
        Assert.True((await cluster.PageStore(away).GetStats()).PinnedBytes > 0, $"store {away} holds pinned copies");
        await cluster.StopSiloAsync(away);

        // Every page has a second copy, so the upload succeeds without the store that is away.
        await s3.StartAgainAsync();
        await Eventually.HoldsAsync(
            async () => (await Status()).Status == FileStatus.Persisted,
            Patience,
            "the file is persisted from the copies that are left");
        Assert.Equal(TestData.Sha256(content), await bucket.Sha256Async("cache/away-checkpoint.bin"));

        // The store comes back on the same disk, with its journal saying the pages are pinned.
        await cluster.RestartAsync();
        await Eventually.HoldsAsync(
            async () => (await cluster.PageStore(away).GetStats()).PinnedBytes == 0,
            Patience,
            $"store {away} is told the file is persisted and unpins its copies");
        foreach (var store in cluster.StoreNames)
        {
            Assert.Equal(0, (await cluster.PageStore(store).GetStats()).PinnedBytes);
        }

        // The copies stay cached, now evictable, and the file reads back whole.
        Assert.Equal(TestData.Sha256(content), TestData.Sha256(await CacheFiles.ReadAllAsync(cluster.Client, "/away-checkpoint.bin")));

        async Task<FileDetails> Status() => (await cluster.Client.GetGrain<IFileGrain>("/away-checkpoint.bin").GetStatus()).GetValueOrThrow();
    }
}
