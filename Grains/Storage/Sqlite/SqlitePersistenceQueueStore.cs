using Microsoft.Extensions.Options;
using Orleans.Configuration;
using WriteCache.Persistence;

namespace WriteCache.Storage.Sqlite;

/// <summary>The persistence queue as rows of one SQLite table, written through the database's group commit.</summary>
public sealed class SqlitePersistenceQueueStore(SqliteDatabase database, IOptions<ClusterOptions> cluster) : IPersistenceQueueStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS persistence_queue (
            service_id TEXT NOT NULL,
            path       TEXT NOT NULL,
            PRIMARY KEY (service_id, path)
        ) WITHOUT ROWID;
        """;

    private readonly Lazy<Task> schema = new(() => database.ExecuteAsync(Schema, default));

    private string ServiceId => cluster.Value.ServiceId;

    /// <inheritdoc />
    public Task AddAsync(string path, CancellationToken cancellationToken = default) =>
        ExecuteAsync("INSERT OR IGNORE INTO persistence_queue (service_id, path) VALUES ($s, $p)", path, cancellationToken);

    /// <inheritdoc />
    public Task RemoveAsync(string path, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM persistence_queue WHERE service_id = $s AND path = $p", path, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(string? after, int limit, CancellationToken cancellationToken = default)
    {
        await schema.Value.ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT path FROM persistence_queue WHERE service_id = $s AND path > $after ORDER BY path LIMIT $limit";
        command.Parameters.AddWithValue("$s", ServiceId);
        command.Parameters.AddWithValue("$after", after ?? string.Empty);
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var paths = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            paths.Add(reader.GetString(0));
        }

        return paths;
    }

    private async Task ExecuteAsync(string sql, string path, CancellationToken cancellationToken)
    {
        await schema.Value.ConfigureAwait(false);
        await database.ExecuteAsync(sql, cancellationToken, ("$s", ServiceId), ("$p", path)).ConfigureAwait(false);
    }
}
