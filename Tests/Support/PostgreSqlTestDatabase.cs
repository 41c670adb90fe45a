using Npgsql;
using WriteCache.Storage.PostgreSql;

namespace WriteCache.Tests.Support;

/// <summary>
/// A fresh database on the real PostgreSQL server that the test script starts (its connection string
/// in <c>WCACHE_TEST_POSTGRES</c>), with the write cache's schema applied.
/// </summary>
public static class PostgreSqlTestDatabase
{
    /// <summary>The environment variable naming the server.</summary>
    public const string Variable = "WCACHE_TEST_POSTGRES";

    /// <summary>Creates a new database and returns its connection string; fails the test when no server was provided.</summary>
    public static async Task<string> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        Assert.False(
            string.IsNullOrWhiteSpace(server),
            $"{Variable} is not set: run the tests with scripts/test.sh, which starts PostgreSQL, or set it to a server's connection string.");
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = $"wcache_test_{Guid.NewGuid():N}" };
        await PostgreSqlSchema.EnsureDatabaseAsync(builder.ConnectionString);
        await PostgreSqlSchema.ApplyAsync(builder.ConnectionString);
        return builder.ConnectionString;
    }
}
