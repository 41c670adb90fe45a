using Microsoft.Extensions.Options;
using Orleans.Configuration;
using System.Globalization;

namespace WriteCache.Storage.Sqlite;

/// <summary>Orleans reminders in SQLite, so they survive a full cluster restart on the embedded backend.</summary>
public sealed class SqliteReminderTable(SqliteDatabase database, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS reminders (
            service_id    TEXT    NOT NULL,
            grain_id      TEXT    NOT NULL,
            reminder_name TEXT    NOT NULL,
            grain_hash    INTEGER NOT NULL,
            start_at      TEXT    NOT NULL,
            period_ticks  INTEGER NOT NULL,
            version       INTEGER NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (service_id, grain_hash);
        """;

    private const string Columns = "grain_id, reminder_name, start_at, period_ticks, version";

    private string ServiceId => cluster.Value.ServiceId;

    /// <inheritdoc />
    public Task Init() => database.ExecuteAsync(Schema, default);

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        QueryAsync($"SELECT {Columns} FROM reminders WHERE service_id = $svc AND grain_id = $g", ("$g", grainId.ToString()));

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // The range is (begin, end] on the hash ring; begin >= end wraps around zero.
        var where = begin < end ? "grain_hash > $b AND grain_hash <= $e" : "(grain_hash > $b OR grain_hash <= $e)";
        return QueryAsync($"SELECT {Columns} FROM reminders WHERE service_id = $svc AND {where}", ("$b", (long)begin), ("$e", (long)end));
    }

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = await QueryAsync(
            $"SELECT {Columns} FROM reminders WHERE service_id = $svc AND grain_id = $g AND reminder_name = $n",
            ("$g", grainId.ToString()),
            ("$n", reminderName)).ConfigureAwait(false);
        return rows.Reminders.FirstOrDefault();
    }

    /// <inheritdoc />
    public Task<string?> UpsertRow(ReminderEntry entry) =>
        // In the shared write transaction: a write open for 30 s registers its orphan-check reminder beside the state
        // it saves, and both cost one fsync (a connection of its own paid another and waited for the write lock).
        database.WriteAsync<string?>(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period_ticks, version)
                VALUES ($svc, $g, $n, $h, $s, $p, 1)
                ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
                    SET start_at = excluded.start_at, period_ticks = excluded.period_ticks, version = reminders.version + 1
                RETURNING version;
                """;
            command.Parameters.AddWithValue("$svc", ServiceId);
            command.Parameters.AddWithValue("$g", entry.GrainId.ToString());
            command.Parameters.AddWithValue("$n", entry.ReminderName);
            command.Parameters.AddWithValue("$h", (long)entry.GrainId.GetUniformHashCode());
            command.Parameters.AddWithValue("$s", entry.StartAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$p", entry.Period.Ticks);
            var version = (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
            return version.ToString(CultureInfo.InvariantCulture);
        });

    /// <inheritdoc />
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        var rows = await database.ExecuteAsync(
            "DELETE FROM reminders WHERE service_id = $svc AND grain_id = $g AND reminder_name = $n AND version = $v",
            default,
            ("$svc", ServiceId),
            ("$g", grainId.ToString()),
            ("$n", reminderName),
            ("$v", long.TryParse(eTag, CultureInfo.InvariantCulture, out var v) ? v : -1)).ConfigureAwait(false);
        return rows == 1;
    }

    /// <inheritdoc />
    public Task TestOnlyClearTable() =>
        database.ExecuteAsync("DELETE FROM reminders WHERE service_id = $svc", default, ("$svc", ServiceId));

    private async Task<ReminderTableData> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$svc", ServiceId);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = DateTime.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return new ReminderTableData(entries);
    }
}
