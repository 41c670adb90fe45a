using WriteCache.Directories;
using WriteCache.Files;
using WriteCache.Policies;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Persistence;

/// <summary>Each write policy does what it says, checked in a real S3 bucket (s3rver), on a three-silo cluster with two copies per page.</summary>
public sealed class WritePolicyPersistenceTests() : ClusterTest("wcache-policies")
{
    private S3Bucket bucket = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var policies = Client.GetGrain<IPolicyGrain>(IPolicyGrain.ClusterKey);
        foreach (var (directory, policy) in new[] { ("through", WritePolicy.WriteThrough), ("back", WritePolicy.WriteBack), ("transient", WritePolicy.Transient) })
        {
            await Client.GetGrain<IDirectoryGrain>("/").MakeDirectory(directory, 493);
            await policies.Set("/" + directory, policy);
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        bucket.Dispose();
    }

    protected override async Task<WriteCacheCluster> StartClusterAsync()
    {
        bucket = await S3Bucket.CreateAsync();
        var settings = bucket.Settings();
        settings["PageStore:ReplicationFactor"] = "2";
        settings["WriteCache:OrphanCheckPeriod"] = "00:00:01";
        return await WriteCacheCluster.StartAsync(Root.Path, siloCount: 3, settings);
    }

    [Fact]
    public async Task WriteThroughHasTheObjectInTheBucketWhenCommitReturns()
    {
        var content = TestData.Bytes((9 * 1024 * 1024) + 7, seed: 51);

        var committed = (await CacheFiles.WriteAsync(Client, "/through/model.pt", content)).GetValueOrThrow();

        Assert.Equal(FileStatus.Persisted, committed.Status);
        Assert.Equal(TestData.Sha256(content), await bucket.Sha256Async("cache/through/model.pt"));
        await AssertNothingPinned();
    }

    [Fact]
    public async Task WriteBackReachesTheBucketWithinSecondsWithTheSameContent()
    {
        var content = TestData.Bytes((17 * 1024 * 1024) + 3, seed: 52);

        var committed = (await CacheFiles.WriteAsync(Client, "/back/shard-0.bin", content)).GetValueOrThrow();

        Assert.NotEqual(FileStatus.Persisted, committed.Status);
        await Eventually.HoldsAsync(
            async () => (await Client.GetGrain<IFileGrain>("/back/shard-0.bin").GetStatus()).Value?.Status == FileStatus.Persisted,
            TimeSpan.FromSeconds(30),
            "the WRITE_BACK file is PERSISTED");
        Assert.Equal(TestData.Sha256(content), await bucket.Sha256Async("cache/back/shard-0.bin"));
        await AssertNothingPinned();
    }

    [Fact]
    public async Task ASmallFilePersistedToTheBucketIsKeptOnItsPageStoreAsACleanPageWithoutAnyRead()
    {
        // Committed inline (its bytes in the metadata transaction); a page store copy saves a reader the bucket's round trip.
        var content = TestData.Bytes(3000, seed: 57);

        var committed = (await CacheFiles.WriteAsync(Client, "/back/params.json", content)).GetValueOrThrow();

        await Eventually.HoldsAsync(
            async () => (await Client.GetGrain<IFileGrain>("/back/params.json").GetStatus()).Value?.Status == FileStatus.Persisted,
            TimeSpan.FromSeconds(30),
            "the small WRITE_BACK file is PERSISTED");
        Assert.Equal(TestData.Sha256(content), await bucket.Sha256Async("cache/back/params.json"));
        var held = new List<string>();
        foreach (var store in Cluster.StoreNames)
        {
            if ((await Cluster.PageStore(store).ListIncarnations()).Any(i => i.Incarnation == committed.Incarnation && !i.Pinned))
            {
                held.Add(store);
            }
        }

        Assert.Equal([committed.Pages.StoresOf(0)[0]], held);
    }

    [Fact]
    public async Task ASymlinkReachesTheBucketInTheS3fsFormAndSuchAnObjectReadsBackAsASymlink()
    {
        var link = Client.GetGrain<IFileGrain>("/back/latest");
        var created = await link.CreateSymlink(new SymlinkRequest("checkpoints/step-1200.pt"));
        Assert.True(created.IsOk, created.Message);

        // Wait for the cache to say it is persisted: reading the object while s3rver is still writing it can fail its checksum.
        await Eventually.HoldsAsync(
            async () => (await link.GetStatus()).Value?.Status == FileStatus.Persisted,
            TimeSpan.FromSeconds(30),
            "the symlink is PERSISTED");
        var stored = (await bucket.GetAsync("cache/back/latest"))!.Value;
        Assert.Equal("checkpoints/step-1200.pt", stored.Body);
        Assert.Equal("41471", stored.Metadata["mode"]); // 0120777: S_IFLNK | rwxrwxrwx

        // An object in that form written by another tool is adopted as the same kind of symlink.
        await bucket.PutAsync("cache/back/from-s3fs", "../elsewhere/data.bin"u8.ToArray(), new Dictionary<string, string> { ["mode"] = "41471" });
        var adopted = (await Client.GetGrain<IFileGrain>("/back/from-s3fs").GetStatus()).GetValueOrThrow();
        Assert.Equal("../elsewhere/data.bin", adopted.SymlinkTarget);
        Assert.Equal(FileStatus.Persisted, adopted.Status);
    }

    [Fact]
    public async Task AnEmptyFolderMadeInTheBucketByAnotherToolIsAnEmptyDirectoryThatTakesFiles()
    {
        // What an S3 console's "create folder" leaves: a marker object whose key ends with a slash.
        await bucket.PutAsync("cache/back/console-folder/", []);
        var folder = Client.GetGrain<IDirectoryGrain>("/back/console-folder");

        Assert.Contains((await Client.GetGrain<IDirectoryGrain>("/back").List()).GetValueOrThrow(), e => e.Name == "console-folder" && e.Kind == EntryKind.Directory);
        Assert.True((await folder.GetDetails()).IsOk);
        Assert.Empty((await folder.List()).GetValueOrThrow());

        var content = TestData.Bytes(1000, seed: 55);
        (await CacheFiles.WriteAsync(Client, "/back/console-folder/part-0.bin", content)).GetValueOrThrow();
        Assert.Equal(["part-0.bin"], (await folder.List()).GetValueOrThrow().Select(e => e.Name));
    }

    [Fact]
    public async Task TransientIsNeverPersisted()
    {
        var committed = (await CacheFiles.WriteAsync(Client, "/transient/scratch.bin", TestData.Bytes(2 * 1024 * 1024, seed: 53))).GetValueOrThrow();

        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(FileStatus.Transient, (await Client.GetGrain<IFileGrain>("/transient/scratch.bin").GetStatus()).GetValueOrThrow().Status);
        Assert.Equal(0, committed.Attempts);
        Assert.Null(await bucket.Sha256Async("cache/transient/scratch.bin"));
    }

    [Fact]
    public async Task DeletingAPersistedFileRemovesTheObjectAndEveryCachedCopy()
    {
        var committed = (await CacheFiles.WriteAsync(Client, "/through/old.ckpt", TestData.Bytes(6 * 1024 * 1024, seed: 54))).GetValueOrThrow();
        Assert.NotNull(await bucket.Sha256Async("cache/through/old.ckpt"));

        Assert.True((await Client.GetGrain<IFileGrain>("/through/old.ckpt").Delete()).IsOk);

        Assert.Null(await bucket.Sha256Async("cache/through/old.ckpt"));
        foreach (var store in Cluster.StoreNames)
        {
            Assert.DoesNotContain(await Cluster.PageStore(store).ListIncarnations(), i => i.Incarnation == committed.Incarnation);
        }
    }

    [Fact]
    public async Task PagesGoneFromTheCacheAreReadFromTheBucketAndCachedAgain()
    {
        var content = TestData.Bytes((5 * 1024 * 1024) + 100, seed: 55);
        var committed = (await CacheFiles.WriteAsync(Client, "/through/evicted.bin", content)).GetValueOrThrow();

        // As if evicted everywhere: every cached copy of every page is gone.
        foreach (var store in Cluster.StoreNames)
        {
            await Cluster.PageStore(store).DeleteIncarnation(committed.Incarnation);
        }

        Assert.Equal(TestData.Sha256(content), TestData.Sha256(await CacheFiles.ReadAllAsync(Client, "/through/evicted.bin")));
        var cachedAgain = 0;
        foreach (var store in Cluster.StoreNames)
        {
            cachedAgain += (await Cluster.PageStore(store).ListIncarnations()).Where(i => i.Incarnation == committed.Incarnation).Sum(i => i.PageIndices.Count);
        }

        Assert.Equal(committed.Pages.PageCount, cachedAgain);
    }

    [Fact]
    public async Task ObjectsAlreadyInTheBucketShowInListingsAndReadThroughTheCache()
    {
        var content = TestData.Bytes((3 * 1024 * 1024) + 5, seed: 56);
        await bucket.PutAsync("cache/imported/dataset/part-0000.parquet", content);
        await bucket.PutAsync("cache/imported/readme.txt", "hello"u8.ToArray());

        var imported = (await Client.GetGrain<IDirectoryGrain>("/imported").List()).GetValueOrThrow();
        var dataset = (await Client.GetGrain<IDirectoryGrain>("/imported/dataset").List()).GetValueOrThrow();

        Assert.Equal(["dataset", "readme.txt"], imported.Select(e => e.Name));
        Assert.Equal(EntryKind.Directory, imported[0].Kind);
        Assert.Equal(content.Length, Assert.Single(dataset).Size);
        Assert.Equal(TestData.Sha256(content), TestData.Sha256(await CacheFiles.ReadAllAsync(Client, "/imported/dataset/part-0000.parquet")));
        Assert.Equal(FileStatus.Persisted, (await Client.GetGrain<IFileGrain>("/imported/readme.txt").GetStatus()).GetValueOrThrow().Status);
        Assert.Equal(CacheError.Exists, (await CacheFiles.WriteAsync(Client, "/imported/readme.txt", [1, 2, 3])).Error);
    }

    [Fact]
    public async Task APathWhoseKeyWouldPass1024BytesIsRefusedAtCreateAndOneOfExactly1024IsPersisted()
    {
        // Key "cache/through/" + four 200-byte directories + the name: 14 + 804 + the name's bytes.
        var directory = "/through";
        for (var level = 0; level < 4; level++)
        {
            var name = new string((char)('a' + level), 200);
            Assert.True((await Client.GetGrain<IDirectoryGrain>(directory).MakeDirectory(name, 493)).IsOk);
            directory += "/" + name;
        }

        var longest = directory + "/" + new string('f', 206);
        var tooLong = directory + "/" + new string('g', 207);
        var refused = await CacheFiles.WriteAsync(Client, tooLong, [1, 2, 3]);
        var persisted = await CacheFiles.WriteAsync(Client, longest, [4, 5, 6]);

        // Accepted, the first would be a file whose every upload fails: S3 refuses keys over 1,024 bytes.
        Assert.Equal(CacheError.NameTooLong, refused.Error);
        Assert.False((await Client.GetGrain<IFileGrain>(tooLong).GetStatus()).IsOk);
        Assert.Equal(FileStatus.Persisted, persisted.GetValueOrThrow().Status);
        Assert.Equal(1024, System.Text.Encoding.UTF8.GetByteCount("cache" + longest));
        Assert.Equal(TestData.Sha256([4, 5, 6]), await bucket.Sha256Async("cache" + longest));
    }

    private async Task AssertNothingPinned()
    {
        foreach (var store in Cluster.StoreNames)
        {
            var stats = await Cluster.PageStore(store).GetStats();
            Assert.Equal(0, stats.PinnedBytes);
        }
    }
}
