using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using WriteCache.Directories;

namespace WriteCache.Storage.PostgreSql;

/// <summary>Directory entries as rows of the <c>WriteCacheDirectoryEntries</c> table (created by the schema script).</summary>
public sealed class PostgreSqlDirectoryEntryStore(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster) : IDirectoryEntryStore
{
    // The last write of each row still running: a pool runs statements on several connections at once, so a later
    // write of a row waits for the one before it, or the older could land last. A directory's rows are written only
    // by its one activation, in this silo, so ordering them here is enough.
    private readonly Dictionary<(string Directory, string Name), Task> lastWrites = [];

    private string ServiceId => cluster.Value.ServiceId;

    /// <inheritdoc />
    public async Task<IReadOnlyList<DirectoryEntry>> ReadAsync(string directory, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {DirectoryEntryRow.Columns} FROM WriteCacheDirectoryEntries WHERE service_id = @service_id AND directory = @directory");
        command.Parameters.AddWithValue("service_id", ServiceId);
        command.Parameters.AddWithValue("directory", directory);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await DirectoryEntryRow.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task SaveAsync(string directory, DirectoryEntry entry, CancellationToken cancellationToken = default) =>
        InRowOrder(directory, entry.Name, () => UpsertAsync(directory, entry, cancellationToken));

    /// <inheritdoc />
    public Task RemoveAsync(string directory, string name, CancellationToken cancellationToken = default) =>
        InRowOrder(directory, name, () => DeleteAsync(directory, name, cancellationToken));

    private Task InRowOrder(string directory, string name, Func<Task> write)
    {
        var key = (directory, name);
        lock (lastWrites)
        {
            var before = lastWrites.GetValueOrDefault(key);
            var next = before is null || before.IsCompleted ? write() : AfterAsync(before, write);
            lastWrites[key] = next;
            _ = ForgetWhenDoneAsync(key, next);
            return next;
        }
    }

    private static async Task AfterAsync(Task before, Func<Task> write)
    {
        try
        {
            await before.ConfigureAwait(false);
        }
        catch
        {
            // Its own caller hears of that failure; this write only had to come after it.
        }

        await write().ConfigureAwait(false);
    }

    private async Task ForgetWhenDoneAsync((string, string) key, Task write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch
        {
            // Observed by the caller.
        }

        lock (lastWrites)
        {
            if (lastWrites.TryGetValue(key, out var last) && last == write)
            {
                lastWrites.Remove(key);
            }
        }
    }

    private async Task UpsertAsync(string directory, DirectoryEntry entry, CancellationToken cancellationToken)
    {
        var values = DirectoryEntryRow.Values(entry);
        var updates = string.Join(", ", values.Skip(1).Select(v => $"{v.Name} = EXCLUDED.{v.Name}"));
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO WriteCacheDirectoryEntries (service_id, directory, {DirectoryEntryRow.Columns}) " +
            $"VALUES (@service_id, @directory, {string.Join(", ", values.Select(v => "@" + v.Name))}) " +
            $"ON CONFLICT (service_id, directory, name) DO UPDATE SET {updates}");
        command.Parameters.AddWithValue("service_id", ServiceId);
        command.Parameters.AddWithValue("directory", directory);
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteAsync(string directory, string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM WriteCacheDirectoryEntries WHERE service_id = @service_id AND directory = @directory AND name = @name");
        command.Parameters.AddWithValue("service_id", ServiceId);
        command.Parameters.AddWithValue("directory", directory);
        command.Parameters.AddWithValue("name", name);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
