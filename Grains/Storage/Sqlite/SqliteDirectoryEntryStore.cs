using Microsoft.Extensions.Options;
using Orleans.Configuration;
using WriteCache.Directories;

namespace WriteCache.Storage.Sqlite;

/// <summary>Directory entries as rows of one SQLite table, written through the database's group commit.</summary>
public sealed class SqliteDirectoryEntryStore(SqliteDatabase database, IOptions<ClusterOptions> cluster) : IDirectoryEntryStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS directory_entries (
            service_id     TEXT    NOT NULL,
            directory      TEXT    NOT NULL,
            name           TEXT    NOT NULL,
            kind           INTEGER NOT NULL,
            size           INTEGER NOT NULL,
            mode           INTEGER NOT NULL,
            modified_ticks INTEGER NOT NULL,
            status         INTEGER NOT NULL,
            incarnation    TEXT    NOT NULL,
            uid            INTEGER NOT NULL,
            gid            INTEGER NOT NULL,
            PRIMARY KEY (service_id, directory, name)
        ) WITHOUT ROWID;
        """;

    private readonly Lazy<Task> schema = new(() => database.ExecuteAsync(Schema, default));

    private string ServiceId => cluster.Value.ServiceId;

    /// <inheritdoc />
    public async Task<IReadOnlyList<DirectoryEntry>> ReadAsync(string directory, CancellationToken cancellationToken = default)
    {
        await schema.Value.ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DirectoryEntryRow.Columns} FROM directory_entries WHERE service_id = $service_id AND directory = $directory";
        command.Parameters.AddWithValue("$service_id", ServiceId);
        command.Parameters.AddWithValue("$directory", directory);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await DirectoryEntryRow.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SaveAsync(string directory, DirectoryEntry entry, CancellationToken cancellationToken = default)
    {
        await schema.Value.ConfigureAwait(false);
        var values = DirectoryEntryRow.Values(entry);
        await database.ExecuteAsync(
            $"INSERT OR REPLACE INTO directory_entries (service_id, directory, {DirectoryEntryRow.Columns}) VALUES ($service_id, $directory, {string.Join(", ", values.Select(v => "$" + v.Name))})",
            cancellationToken,
            [("$service_id", ServiceId), ("$directory", directory), .. values.Select(v => ("$" + v.Name, (object?)v.Value))]).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string directory, string name, CancellationToken cancellationToken = default)
    {
        await schema.Value.ConfigureAwait(false);
        await database.ExecuteAsync(
            "DELETE FROM directory_entries WHERE service_id = $service_id AND directory = $directory AND name = $name",
            cancellationToken,
            ("$service_id", ServiceId), ("$directory", directory), ("$name", name)).ConfigureAwait(false);
    }
}
