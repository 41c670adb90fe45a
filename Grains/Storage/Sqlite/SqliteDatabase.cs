using Microsoft.Data.Sqlite;

namespace WriteCache.Storage.Sqlite;

/// <summary>Opens connections to the metadata database with the settings every connection needs.</summary>
public sealed class SqliteDatabase
{
    private readonly string connectionString;
    private readonly SqliteGroupCommit writes;
    private volatile bool walEnabled;

    /// <summary>
    /// Uses (and creates if need be) the database file at <paramref name="path"/>. A background write waits up to
    /// <paramref name="deferralWindow"/> (default 20 ms) to share a transaction with a write someone waits on.
    /// </summary>
    public SqliteDatabase(string path, TimeSpan? deferralWindow = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
        writes = new SqliteGroupCommit(OpenAsync, deferralWindow ?? SqliteGroupCommit.DefaultDeferralWindow);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>An open connection in WAL mode with full sync: an acknowledged write survives power loss.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!walEnabled)
            {
                // WAL is a property of the database file: set once, it stays, so later connections skip the (locking) switch.
                await using var wal = connection.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode=WAL;";
                await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                walEnabled = true;
            }

            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=60000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            // Given back at once: a connection the pool must find leaked takes its reclaim path, which races with opens.
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> as part of the next write transaction (shared with the writes queued beside it);
    /// completes once that transaction is durable. Inside <see cref="BackgroundMetadataWrites"/> the write may wait
    /// briefly to share a transaction with one that someone is waiting on.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work) =>
        writes.RunAsync(work, BackgroundMetadataWrites.IsActive);

    /// <summary>Runs one write statement with parameters given as name/value pairs; returns the rows it changed once durable.</summary>
    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });
}
