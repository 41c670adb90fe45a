namespace WriteCache.Configuration;

/// <summary>Where grain state and reminders are kept, bound from the <c>Metadata</c> configuration section.</summary>
public sealed class MetadataOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Metadata";

    /// <summary>Name of the embedded SQLite backend.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>Name of the PostgreSQL backend.</summary>
    public const string PostgreSql = "PostgreSql";

    /// <summary><c>Sqlite</c> (embedded default, one machine) or <c>PostgreSql</c> (clusters).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>SQLite database file (Provider = Sqlite).</summary>
    public string SqlitePath { get; set; } = string.Empty;

    /// <summary>Npgsql connection string (Provider = PostgreSql).</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>True when <see cref="Provider"/> names PostgreSQL.</summary>
    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);
}
