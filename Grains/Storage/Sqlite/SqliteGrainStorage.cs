using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace WriteCache.Storage.Sqlite;

/// <summary>
/// Grain state in one SQLite table, with an integer version as ETag for optimistic concurrency:
/// a write whose ETag is stale is refused with <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class SqliteGrainStorage(string name, SqliteDatabase database, IGrainStorageSerializer serializer)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name   TEXT    NOT NULL,
            grain_id     TEXT    NOT NULL,
            version      INTEGER NOT NULL,
            payload      BLOB    NOT NULL,
            modified_utc TEXT    NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        ) WITHOUT ROWID;
        """;

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await database.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, payload FROM grain_state WHERE state_name = $s AND grain_id = $g";
        command.Parameters.AddWithValue("$s", stateName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        if (await reader.ReadAsync().ConfigureAwait(false))
        {
            var version = reader.GetInt64(0);
            var payload = (byte[])reader.GetValue(1);
            grainState.State = serializer.Deserialize<T>(new BinaryData(payload));
            grainState.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = serializer.Serialize(grainState.State).ToArray();
        var now = DateTime.UtcNow.ToString("O");
        long next;
        int rows;
        if (grainState.ETag is null)
        {
            next = 1;
            try
            {
                rows = await database.ExecuteAsync(
                    "INSERT INTO grain_state (state_name, grain_id, version, payload, modified_utc) VALUES ($s, $g, 1, $p, $t)",
                    default,
                    ("$s", stateName), ("$g", grainId.ToString()), ("$p", payload), ("$t", now)).ConfigureAwait(false);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19)
            {
                // SQLITE_CONSTRAINT: another activation wrote the record first.
                throw new InconsistentStateException($"State {stateName} of {grainId} was created concurrently", "(none)", "(unknown)", e);
            }
        }
        else
        {
            var current = long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture);
            next = current + 1;
            rows = await database.ExecuteAsync(
                "UPDATE grain_state SET version = $n, payload = $p, modified_utc = $t WHERE state_name = $s AND grain_id = $g AND version = $v",
                default,
                ("$s", stateName), ("$g", grainId.ToString()), ("$p", payload), ("$t", now), ("$n", next), ("$v", current)).ConfigureAwait(false);
        }

        if (rows != 1)
        {
            throw new InconsistentStateException($"State {stateName} of {grainId} changed since it was read", "(unknown)", grainState.ETag ?? "(none)");
        }

        grainState.ETag = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is not null)
        {
            var rows = await database.ExecuteAsync(
                "DELETE FROM grain_state WHERE state_name = $s AND grain_id = $g AND version = $v",
                default,
                ("$s", stateName), ("$g", grainId.ToString()), ("$v", long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture))).ConfigureAwait(false);
            if (rows != 1)
            {
                throw new InconsistentStateException($"State {stateName} of {grainId} changed since it was read", "(unknown)", grainState.ETag);
            }
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            $"{nameof(SqliteGrainStorage)}-{name}",
            ServiceLifecycleStage.ApplicationServices,
            ct => database.ExecuteAsync(Schema, ct),
            _ => Task.CompletedTask);
}
