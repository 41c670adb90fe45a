using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using WriteCache.Files;
using WriteCache.Storage.Sqlite;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Persistence;

/// <summary>
/// The durable persistence queue on a real silo process: a WRITE_BACK file is queued from its commit until its
/// upload succeeded, without a reminder of its own, and leaves the queue when it is persisted.
/// </summary>
public sealed class PersistenceQueueTests
{
    [Fact]
    public async Task AFileIsQueuedFromItsCommitUntilItIsPersistedAndNeedsNoReminder()
    {
        await using var s3 = await S3Server.StartAsync();
        using var bucket = await S3Bucket.CreateAsync(s3.Url);
        using var root = new TempDirectory("wcache-queue-silo");
        await using var silo = await SiloProcess.StartAsync(root.Path, SiloArguments.WriteBackWithQuickRetries(bucket));
        await s3.StopAsync();

        var content = TestData.Bytes(300_000, seed: 41);
        await using var connection = await ClusterClientHost.ConnectAsync(silo.GatewayPort);
        var committed = await CacheFiles.WriteAsync(connection.Client, "/queued.bin", content);
        Assert.True(committed.IsOk, committed.ToString());

        // S3 is down: the upload cannot finish, and the path waits in the queue (read from the silo's own database).
        var database = Path.Combine(root.Path, "metadata.db");
        var queue = new SqlitePersistenceQueueStore(new SqliteDatabase(database), Options.Create(new ClusterOptions { ServiceId = "writecache" }));
        Assert.Equal(["/queued.bin"], await queue.ListAsync(null, 10));
        Assert.Equal(0, await RemindersOfAsync(database, "/queued.bin"));

        await s3.StartAgainAsync();
        await Eventually.HoldsAsync(
            async () => (await connection.Client.GetGrain<IFileGrain>("/queued.bin").GetStatus()).Value?.Status == FileStatus.Persisted,
            TimeSpan.FromSeconds(60),
            "the file is persisted once S3 is back");
        Assert.Equal(TestData.Sha256(content), await bucket.Sha256Async("cache/queued.bin"));
        await Eventually.HoldsAsync(
            async () => (await queue.ListAsync(null, 10)).Count == 0,
            TimeSpan.FromSeconds(30),
            "the persisted file leaves the queue");
        Assert.Equal(0, await RemindersOfAsync(database, "/queued.bin"));
    }

    private static async Task<long> RemindersOfAsync(string database, string path)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM reminders WHERE grain_id LIKE $g";
        command.Parameters.AddWithValue("$g", "%" + path);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
