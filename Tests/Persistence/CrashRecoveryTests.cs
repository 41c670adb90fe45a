using WriteCache.Files;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Persistence;

/// <summary>
/// What a WRITE_BACK commit acknowledged reaches the bucket, whatever happens in between: files committed
/// while S3 is down, the silo SIGKILLed, the silo started again, then S3.
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
        string[] settings =
        [
            .. bucket.Settings().Select(s => $"--{s.Key}={s.Value}"),
            "--WriteCache:DefaultPolicy=WRITE_BACK",
            "--WriteCache:OrphanCheckPeriod=00:00:02",
            "--Persistence:RetryInitialInterval=00:00:01",
            "--Persistence:RetryMaxInterval=00:00:02",
        ];
        await using var silo = await SiloProcess.StartAsync(root.Path, settings);
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
}
