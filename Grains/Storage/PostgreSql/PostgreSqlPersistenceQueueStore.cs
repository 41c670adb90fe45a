using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using WriteCache.Persistence;

namespace WriteCache.Storage.PostgreSql;

/// <summary>The persistence queue as rows of the <c>WriteCachePersistenceQueue</c> table (created by the schema script).</summary>
public sealed class PostgreSqlPersistenceQueueStore(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster) : IPersistenceQueueStore
{
    private string ServiceId => cluster.Value.ServiceId;

    /// <inheritdoc />
    public Task AddAsync(string path, CancellationToken cancellationToken = default) =>
        ExecuteAsync("INSERT INTO WriteCachePersistenceQueue (service_id, path) VALUES (@service_id, @path) ON CONFLICT DO NOTHING", path, cancellationToken);

    /// <inheritdoc />
    public Task RemoveAsync(string path, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM WriteCachePersistenceQueue WHERE service_id = @service_id AND path = @path", path, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(string? after, int limit, CancellationToken cancellationToken = default)
    {
        // COLLATE "C": the same ordinal order as the paging key.
        await using var command = dataSource.CreateCommand(
            "SELECT path FROM WriteCachePersistenceQueue WHERE service_id = @service_id AND path COLLATE \"C\" > @after " +
            "ORDER BY path COLLATE \"C\" LIMIT @limit");
        command.Parameters.AddWithValue("service_id", ServiceId);
        command.Parameters.AddWithValue("after", after ?? string.Empty);
        command.Parameters.AddWithValue("limit", limit);
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
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("service_id", ServiceId);
        command.Parameters.AddWithValue("path", path);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
