using WriteCache.Client;
using WriteCache.Directories;
using WriteCache.Files;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Persistence;

/// <summary>
/// What a WRITE_BACK commit acknowledged reaches the bucket, whatever happens in between: files committed
/// while S3 is down, the silo SIGKILLed, the silo started again, then S3. And a write cut off by a SIGKILL
/// after its pages reached the store is found and cleaned up, never left pinned.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const int FileCount = 50;

    [Fact]
    public async Task EveryFileCommittedBeforeASigkillIsPersistedAfterTheRestart()
    {
        await using var s3 = await S3Server.StartAsync();
        using var bucket = await S3Bucket.CreateAsync(s3.Url);
        using var root = new TempDirectory("wcache-crash");
        await using var silo = await SiloProcess.StartAsync(root.Path, SiloArguments.WriteBackWithQuickRetries(bucket));
        await s3.StopAsync();

        var files = Enumerable.Range(0, FileCount).ToDictionary(i => $"/crash/file-{i:D2}.bin", i => TestData.Bytes(20_000 + (i * 37_000), seed: 100 + i));
        await using (var connection = await ClusterClientHost.ConnectAsync(silo.GatewayPort))
        {
            Assert.True((await connection.Client.GetGrain<WriteCache.Directories.IDirectoryGrain>("/").MakeDirectory("crash", 493)).IsOk);
            foreach (var (path, content) in files)
            {
                var committed = await CacheFiles.WriteAsync(connection.Client, path, content);
                Assert.True(committed.IsOk, $"{path}: {committed}");
                Assert.NotEqual(FileStatus.Persisted, committed.Value!.Status);
            }
        }

        await silo.KillAsync();
        await silo.StartAgainAsync();
        await s3.StartAgainAsync();

        await using var client = await ClusterClientHost.ConnectAsync(silo.GatewayPort);
        foreach (var (path, content) in files)
        {
            await Eventually.HoldsAsync(
                async () => (await client.Client.GetGrain<IFileGrain>(path).GetStatus()).Value?.Status == FileStatus.Persisted,
                TimeSpan.FromSeconds(90),
                $"{path} is persisted after the restart");
            Assert.Equal(TestData.Sha256(content), await bucket.Sha256Async("cache" + path));
        }

        var stats = await client.Client.GetGrain<WriteCache.Pages.IPageStoreGrain>("silo-a").GetStats();
        Assert.Equal(0, stats.PinnedBytes);
    }

    [Fact]
    public async Task AWriteCutOffBySigkillAfterItsFirstPagesIsFoundAndItsPagesReclaimedAfterTheRestart()
    {
        using var root = new TempDirectory("wcache-cutoff");

        // Default timers: nothing but the writer itself makes the create durable before the kill (no progress report,
        // no orphan check within 30 s).
        await using var silo = await SiloProcess.StartAsync(root.Path);
        await using (var connection = await ClusterClientHost.ConnectAsync(silo.GatewayPort))
        {
            // Three full pages leave the writer as they fill; then the silo dies with the file open (no fsync, no close).
            var writer = (await CacheFileWriter.CreateAsync(connection.Client, "/cut-off.bin", new CreateRequest())).GetValueOrThrow();
            Assert.True((await writer.WriteAsync(0, TestData.Bytes((3 * 1024 * 1024) + 10, seed: 7))).IsOk);
            var store = connection.Client.GetGrain<WriteCache.Pages.IPageStoreGrain>("silo-a");
            await Eventually.HoldsAsync(
                async () => (await store.GetStats()).PinnedBytes >= 3 * 1024 * 1024,
                TimeSpan.FromSeconds(30),
                "the three pages are on the store");
        }

        await silo.KillAsync();
        await silo.StartAgainAsync("--WriteCache:OrphanCheckPeriod=00:00:01", "--WriteCache:DanglingWriteTimeout=00:00:03");

        await using var client = await ClusterClientHost.ConnectAsync(silo.GatewayPort);
        // The create answered before it was durable, but it was made durable before the first page left the writer:
        // after the crash the directory still lists the open write...
        var listed = await client.Client.GetGrain<IDirectoryGrain>("/").Lookup("cut-off.bin");
        Assert.True(listed.IsOk, listed.ToString());
        Assert.Equal(FileStatus.Writing, listed.Value!.Status);

        // ...so the abandoned-write check finds it and gives its pinned pages back.
        await Eventually.HoldsAsync(
            async () => (await client.Client.GetGrain<IFileGrain>("/cut-off.bin").GetStatus()).Error == CacheError.NotFound,
            TimeSpan.FromSeconds(30),
            "the cut-off write is removed");
        await Eventually.HoldsAsync(
            async () => (await client.Client.GetGrain<WriteCache.Pages.IPageStoreGrain>("silo-a").GetStats()).PinnedBytes == 0,
            TimeSpan.FromSeconds(30),
            "its pages are no longer pinned");
    }

    [Fact]
    public async Task ACreateCutOffBySigkillBeforeAnyByteLeftItsWriterLeavesNothingBehind()
    {
        using var root = new TempDirectory("wcache-cutoff-create");
        await using var silo = await SiloProcess.StartAsync(root.Path);
        await using (var connection = await ClusterClientHost.ConnectAsync(silo.GatewayPort))
        {
            // Created and written into the writer's buffer only: nothing was acknowledged, nothing left the writer.
            var writer = (await CacheFileWriter.CreateAsync(connection.Client, "/never-closed.txt", new CreateRequest())).GetValueOrThrow();
            Assert.True((await writer.WriteAsync(0, TestData.Bytes(4096, seed: 8))).IsOk);
            Assert.Equal(FileStatus.Writing, (await connection.Client.GetGrain<IDirectoryGrain>("/").Lookup("never-closed.txt")).Value!.Status);
        }

        await silo.KillAsync();
        await silo.StartAgainAsync();

        // The create was not durable yet, so the crash forgot it whole: no entry without a file, no file without an
        // entry, and the name can be created again.
        await using var client = await ClusterClientHost.ConnectAsync(silo.GatewayPort);
        Assert.Equal(CacheError.NotFound, (await client.Client.GetGrain<IDirectoryGrain>("/").Lookup("never-closed.txt")).Error);
        Assert.Equal(CacheError.NotFound, (await client.Client.GetGrain<IFileGrain>("/never-closed.txt").GetStatus()).Error);
        var content = TestData.Bytes(4096, seed: 9);
        Assert.True((await CacheFiles.WriteAsync(client.Client, "/never-closed.txt", content)).IsOk);
        Assert.Equal(TestData.Sha256(content), TestData.Sha256(await CacheFiles.ReadAllAsync(client.Client, "/never-closed.txt")));
    }
}
