using WriteCache.Directories;
using WriteCache.Files;
using WriteCache.Pages;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Cluster;

/// <summary>A three-silo cluster with one copy per page: the write-once life of a file.</summary>
public sealed class FileLifecycleTests() : ClusterTest("wcache-lifecycle")
{

    protected override Task<WriteCacheCluster> StartClusterAsync() =>
        WriteCacheCluster.StartAsync(Root.Path, siloCount: 3);

    [Fact]
    public async Task A64MiBFileReadsBackByteExactAndItsPagesAreSpreadOverAllThreeSilos()
    {
        var content = TestData.Bytes(64 * 1024 * 1024, seed: 1);

        var committed = await CacheFiles.WriteAsync(Client, "/big.bin", content);

        Assert.True(committed.IsOk, committed.Message);
        Assert.Equal(FileStatus.Persisted, committed.Value!.Status); // WRITE_THROUGH, the default policy
        Assert.Equal(content.Length, committed.Value.Size);
        Assert.Equal(TestData.Sha256(content), TestData.Sha256(await CacheFiles.ReadAllAsync(Client, "/big.bin")));

        var map = committed.Value.Pages;
        Assert.Equal(64, map.PageCount);
        var pagesPerStore = Enumerable.Range(0, map.PageCount).GroupBy(i => map.StoresOf(i).Single()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Cluster.StoreNames, pagesPerStore.Keys.Order(StringComparer.Ordinal));
        foreach (var store in Cluster.StoreNames)
        {
            var held = (await Cluster.PageStore(store).ListIncarnations()).Single(i => i.Incarnation == committed.Value.Incarnation);
            Assert.Equal(pagesPerStore[store], held.PageIndices.Count);
        }
    }

    [Fact]
    public async Task ARepeatedCreateOrCommitOfTheSameIncarnationAnswersTheSameAndAnyOtherCreateIsRefused()
    {
        // What a writer does when an answer is lost while a silo goes away: it asks again with the same incarnation.
        var file = Client.GetGrain<IFileGrain>("/retried.bin");
        var incarnation = Guid.NewGuid();

        var first = await file.Create(new CreateRequest(Incarnation: incarnation));
        var again = await file.Create(new CreateRequest(Incarnation: incarnation));
        var other = await file.Create(new CreateRequest(Incarnation: Guid.NewGuid()));

        Assert.True(first.IsOk, first.Message);
        Assert.Equal(incarnation, first.Value!.Incarnation);
        Assert.True(again.IsOk, again.Message);
        Assert.Equal(incarnation, again.Value!.Incarnation);
        Assert.Equal(CacheError.Exists, other.Error);
        var listed = await Client.GetGrain<IDirectoryGrain>("/").List();
        Assert.Single(listed.Value!, e => e.Name == "retried.bin");

        var empty = new PageMap { ReplicationFactor = first.Value.ReplicationFactor };
        var committed = await file.Commit(new CommitRequest(incarnation, 0, empty));
        var recommitted = await file.Commit(new CommitRequest(incarnation, 0, empty));
        var conflicting = await file.Commit(new CommitRequest(incarnation, 5, empty));

        Assert.True(committed.IsOk, committed.Message);
        Assert.True(recommitted.IsOk, recommitted.Message);
        Assert.Equal(committed.Value!.Status, recommitted.Value!.Status);
        Assert.Equal(CacheError.AccessDenied, conflicting.Error);
        Assert.Equal(CacheError.Exists, (await file.Create(new CreateRequest(Incarnation: incarnation))).Error);
    }

    [Fact]
    public async Task ACommittedFileIsWriteOnce()
    {
        var committed = await CacheFiles.WriteAsync(Client, "/once.txt", TestData.Bytes(3 * 1024 * 1024 + 17, seed: 2));
        Assert.True(committed.IsOk, committed.Message);
        var file = Client.GetGrain<IFileGrain>("/once.txt");

        var secondCreate = await file.Create(new CreateRequest());
        var openForWrite = await file.OpenForWrite();
        var lateCommit = await file.Commit(new CommitRequest(committed.Value!.Incarnation, 1, new PageMap()));

        Assert.Equal(CacheError.Exists, secondCreate.Error);
        Assert.Equal(CacheError.AccessDenied, openForWrite.Error);
        Assert.Equal(CacheError.AccessDenied, lateCommit.Error);
    }

    [Fact]
    public async Task AWriteAfterCommitIsRefusedByEveryPageStore()
    {
        var committed = (await CacheFiles.WriteAsync(Client, "/sealed.bin", TestData.Bytes(1024 * 1024, seed: 3))).GetValueOrThrow();
        var holder = committed.Pages.StoresOf(0).Single();

        foreach (var store in Cluster.StoreNames)
        {
            // Page 0 overwrites a committed page on its holder; page 7 would be a new page on the others.
            var index = store == holder ? 0 : 7;
            var write = await Cluster.PageStore(store).WritePage(committed.Incarnation, index, new byte[4096]);
            Assert.Equal(CacheError.AccessDenied, write.Error);
        }

        Assert.Equal(TestData.Bytes(1024 * 1024, seed: 3), await CacheFiles.ReadAllAsync(Client, "/sealed.bin"));
    }

    [Fact]
    public async Task DeleteThenRecreateNeverReturnsOldBytesAndReclaimsOldPagesEverywhere()
    {
        var first = TestData.Bytes(10 * 1024 * 1024, seed: 4);
        var old = (await CacheFiles.WriteAsync(Client, "/again.bin", first)).GetValueOrThrow();

        var deleted = await Client.GetGrain<IFileGrain>("/again.bin").Delete();
        Assert.True(deleted.IsOk, deleted.Message);
        Assert.Equal(CacheError.NotFound, (await Client.GetGrain<IFileGrain>("/again.bin").GetStatus()).Error);

        var second = TestData.Bytes(5 * 1024 * 1024 + 3, seed: 5);
        var renewed = (await CacheFiles.WriteAsync(Client, "/again.bin", second)).GetValueOrThrow();

        Assert.NotEqual(old.Incarnation, renewed.Incarnation);
        Assert.Equal(TestData.Sha256(second), TestData.Sha256(await CacheFiles.ReadAllAsync(Client, "/again.bin")));
        foreach (var store in Cluster.StoreNames)
        {
            var held = await Cluster.PageStore(store).ListIncarnations();
            Assert.DoesNotContain(held, i => i.Incarnation == old.Incarnation);
        }

        var listing = (await Client.GetGrain<IDirectoryGrain>("/").List()).GetValueOrThrow();
        var entry = Assert.Single(listing, e => e.Name == "again.bin");
        Assert.Equal(second.Length, entry.Size);
    }

    [Fact]
    public async Task DirectoriesNestAndRefuseRemovalWhileNotEmpty()
    {
        var root = Client.GetGrain<IDirectoryGrain>("/");
        Assert.True((await root.MakeDirectory("data", 493)).IsOk);
        Assert.Equal(CacheError.Exists, (await root.MakeDirectory("data", 493)).Error);
        Assert.True((await CacheFiles.WriteAsync(Client, "/data/part-0", TestData.Bytes(100, seed: 6))).IsOk);

        Assert.Equal(CacheError.NotEmpty, (await root.RemoveDirectory("data")).Error);
        Assert.Equal(CacheError.NotFound, (await CacheFiles.WriteAsync(Client, "/missing/part-0", [1])).Error);

        var children = (await Client.GetGrain<IDirectoryGrain>("/data").List()).GetValueOrThrow();
        Assert.Equal(["part-0"], children.Select(c => c.Name));
        Assert.Equal(FileStatus.Persisted, children[0].Status);

        Assert.True((await Client.GetGrain<IFileGrain>("/data/part-0").Delete()).IsOk);
        Assert.True((await root.RemoveDirectory("data")).IsOk);
        Assert.Equal(CacheError.NotFound, (await root.Lookup("data")).Error);
    }

    [Fact]
    public async Task AnEmptyFileCommitsWithNoPages()
    {
        var committed = await CacheFiles.WriteAsync(Client, "/empty", []);

        Assert.True(committed.IsOk, committed.Message);
        Assert.Equal(0, committed.Value!.Size);
        Assert.Empty(await CacheFiles.ReadAllAsync(Client, "/empty"));
    }
}
