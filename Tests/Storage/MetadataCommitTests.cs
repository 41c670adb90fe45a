using Microsoft.Data.Sqlite;
using WriteCache.Storage;
using WriteCache.Storage.Sqlite;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Storage;

/// <summary>
/// Metadata writes that may wait for company (<see cref="MetadataCommit"/>) on a real SQLite file: they share a
/// transaction with the write that comes after them, and without one they still commit, durably, on their own.
/// </summary>
public sealed class MetadataCommitTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TempDirectory directory = new("wcache-metadata-commit");

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task AWriteThatMayWaitAndGetsNoCompanyCommitsOnItsOwnAndSurvivesAReopen()
    {
        var database = await OpenAsync();

        Task<int> insert;
        using (MetadataCommit.MayWaitForCompany())
        {
            insert = database.ExecuteAsync("INSERT INTO t (k) VALUES ($k)", default, ("$k", "alone"));
        }

        Assert.Equal(1, await insert.WaitAsync(Bound));
        Assert.Equal(["alone"], await KeysAsync(new SqliteDatabase(directory.Combine("metadata.db"))));
    }

    [Fact]
    public async Task WritesThatMayWaitAndTheWriteThatFollowsThemAllCommit()
    {
        var database = await OpenAsync();

        var inserts = new List<Task<int>>();
        using (MetadataCommit.MayWaitForCompany())
        {
            inserts.Add(database.ExecuteAsync("INSERT INTO t (k) VALUES ($k)", default, ("$k", "state")));
            inserts.Add(database.ExecuteAsync("INSERT INTO t (k) VALUES ($k)", default, ("$k", "reminder")));
        }

        inserts.Add(database.ExecuteAsync("INSERT INTO t (k) VALUES ($k)", default, ("$k", "entry")));

        var counts = await Task.WhenAll(inserts).WaitAsync(Bound);
        Assert.Equal(new[] { 1, 1, 1 }, counts);
        Assert.Equal(["entry", "reminder", "state"], await KeysAsync(new SqliteDatabase(directory.Combine("metadata.db"))));
    }

    [Fact]
    public void TheScopeEndsWithItsUsing()
    {
        using (MetadataCommit.MayWaitForCompany())
        {
            Assert.True(MetadataCommit.MayWait);
        }

        Assert.False(MetadataCommit.MayWait);
    }

    private async Task<SqliteDatabase> OpenAsync()
    {
        var database = new SqliteDatabase(directory.Combine("metadata.db"));
        await database.ExecuteAsync("CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY)", default);
        return database;
    }

    private static async Task<List<string>> KeysAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT k FROM t ORDER BY k";
        var keys = new List<string>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
