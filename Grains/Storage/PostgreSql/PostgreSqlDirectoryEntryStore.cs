using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using WriteCache.Directories;

namespace WriteCache.Storage.PostgreSql;

/// <summary>Directory entries as rows of the <c>WriteCacheDirectoryEntries</c> table (created by the schema script).</summary>
public sealed class PostgreSqlDirectoryEntryStore(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster) : IDirectoryEntryStore
{
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
    public async Task SaveAsync(string directory, DirectoryEntry entry, CancellationToken cancellationToken = default)
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

    /// <inheritdoc />
    public async Task RemoveAsync(string directory, string name, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM WriteCacheDirectoryEntries WHERE service_id = @service_id AND directory = @directory AND name = @name");
        command.Parameters.AddWithValue("service_id", ServiceId);
        command.Parameters.AddWithValue("directory", directory);
        command.Parameters.AddWithValue("name", name);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
