using Npgsql;

namespace WriteCache.Storage.PostgreSql;

/// <summary>Creates the PostgreSQL database and schema used by the Orleans ADO.NET providers.</summary>
public static class PostgreSqlSchema
{
    /// <summary>Logical name of the embedded schema script.</summary>
    public const string ScriptResourceName = "WriteCache.Storage.PostgreSql.WriteCacheSchema.sql";

    private const string MaintenanceDatabase = "postgres";

    // SQLSTATEs a concurrent CREATE DATABASE of the same name can end with.
    private const string DuplicateDatabase = "42P04";
    private const string UniqueViolation = "23505";

    /// <summary>Applies the idempotent schema script (tables, functions, OrleansQuery rows) to the database.</summary>
    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        var script = await ReadScriptAsync(cancellationToken).ConfigureAwait(false);

        var connection = new NpgsqlConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // The script brings its own BEGIN/COMMIT and advisory lock, so it is sent as one batch.
            var command = new NpgsqlCommand(script, connection) { CommandTimeout = 300 };
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Creates the database named in the connection string if it does not exist yet.</summary>
    public static async Task EnsureDatabaseAsync(string connectionString, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var databaseName = target.Database;
        if (string.IsNullOrWhiteSpace(databaseName))
        {
            throw new ArgumentException("The connection string does not name a database.", nameof(connectionString));
        }

        var maintenance = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Database = MaintenanceDatabase,
            Pooling = false,
        };

        var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);

            if (await DatabaseExistsAsync(connection, databaseName, ct).ConfigureAwait(false))
            {
                return;
            }

            // CREATE DATABASE takes no parameters, so the name is quoted as an identifier.
            var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(databaseName)}", connection);
            await using (create.ConfigureAwait(false))
            {
                try
                {
                    await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                catch (PostgresException ex) when (ex.SqlState is DuplicateDatabase or UniqueViolation)
                {
                    // Another process created it between our check and our CREATE.
                }
            }
        }
    }

    /// <summary>Reads the embedded schema script.</summary>
    private static async Task<string> ReadScriptAsync(CancellationToken cancellationToken)
    {
        var assembly = typeof(PostgreSqlSchema).Assembly;
        var stream = assembly.GetManifestResourceStream(ScriptResourceName)
            ?? throw new InvalidOperationException(
                $"Embedded resource '{ScriptResourceName}' was not found in assembly '{assembly.GetName().Name}'.");

        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Tells whether a database with the given name exists on the server.</summary>
    private static async Task<bool> DatabaseExistsAsync(NpgsqlConnection connection, string databaseName, CancellationToken ct)
    {
        var query = new NpgsqlCommand("SELECT 1 FROM pg_catalog.pg_database WHERE datname = @name", connection);
        await using (query.ConfigureAwait(false))
        {
            query.Parameters.AddWithValue("name", databaseName);
            var result = await query.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return result is not null;
        }
    }

    /// <summary>Quotes a PostgreSQL identifier, doubling embedded quotes.</summary>
    private static string QuoteIdentifier(string identifier)
    {
        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
