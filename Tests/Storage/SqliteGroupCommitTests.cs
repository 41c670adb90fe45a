using Microsoft.Data.Sqlite;
using WriteCache.Storage;
using WriteCache.Storage.Sqlite;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Storage;

/// <summary>
/// The embedded metadata store's writes, on a real SQLite file: background bookkeeping (an upload recording its
/// outcome) shares the transaction of the next write someone waits on, keeps its order, and is never lost.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempDirectory directory = new("wcache-group-commit");

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task ABackgroundWriteCommitsInTheTransactionOfTheNextWriteSomeoneWaitsOn()
    {
        // A long window, so the background write can only commit early by sharing the waited-on write's transaction,
        // and the waited-on write finishes within the patience below only if the window does not hold it back.
        var database = await OpenAsync(TimeSpan.FromMinutes(5));

        Task<SqliteTransaction> background;
        using (BackgroundMetadataWrites.Begin())
        {
            background = database.WriteAsync((connection, transaction) => SetAsync(connection, transaction, "k", "from the upload"));
        }

        // Long enough for a write that did not wait to have committed alone (not a measurement: nothing is timed).
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(background.IsCompleted);
        var waitedOn = database.WriteAsync((connection, transaction) => SetAsync(connection, transaction, "k", "from the commit"));

        Assert.Same(await waitedOn.WaitAsync(Patience), await background.WaitAsync(Patience));
        Assert.Equal("from the commit", await ReadAsync("k"));
    }

    [Fact]
    public async Task ABackgroundWriteAloneCommitsWhenItsWindowEnds()
    {
        var database = await OpenAsync(TimeSpan.FromMilliseconds(50));

        using (BackgroundMetadataWrites.Begin())
        {
            await database.WriteAsync((connection, transaction) => SetAsync(connection, transaction, "k", "persisted")).WaitAsync(Patience);
        }

        Assert.Equal("persisted", await ReadAsync("k"));
    }

    [Fact]
    public async Task TheMarkFollowsTheFlowAndEndsWithItsScope()
    {
        Assert.False(BackgroundMetadataWrites.IsActive);
        using (BackgroundMetadataWrites.Begin())
        {
            await Task.Yield();
            Assert.True(BackgroundMetadataWrites.IsActive);
            using (BackgroundMetadataWrites.Begin())
            {
                Assert.True(BackgroundMetadataWrites.IsActive);
            }

            Assert.True(BackgroundMetadataWrites.IsActive);
        }

        Assert.False(BackgroundMetadataWrites.IsActive);
    }

    private async Task<SqliteDatabase> OpenAsync(TimeSpan deferralWindow)
    {
        var database = new SqliteDatabase(directory.Combine("metadata.db"), deferralWindow);
        await database.ExecuteAsync("CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT NOT NULL)", default);
        return database;
    }

    private static async Task<SqliteTransaction> SetAsync(SqliteConnection connection, SqliteTransaction transaction, string key, string value)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO kv (k, v) VALUES ($k, $v) ON CONFLICT (k) DO UPDATE SET v = excluded.v";
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", value);
        await command.ExecuteNonQueryAsync();
        return transaction;
    }

    private async Task<string?> ReadAsync(string key)
    {
        // A fresh database object, as after a restart: only what was committed is there.
        await using var connection = await new SqliteDatabase(directory.Combine("metadata.db")).OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT v FROM kv WHERE k = $k";
        command.Parameters.AddWithValue("$k", key);
        return (string?)await command.ExecuteScalarAsync();
    }
}
