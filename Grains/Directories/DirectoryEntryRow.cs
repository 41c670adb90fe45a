using System.Data.Common;
using WriteCache.Files;

namespace WriteCache.Directories;

/// <summary>How a <see cref="DirectoryEntry"/> maps to the columns of the entry table, the same for every backend.</summary>
internal static class DirectoryEntryRow
{
    /// <summary>The columns, in the order <see cref="Read"/> expects them.</summary>
    public const string Columns = "name, kind, size, mode, modified_ticks, status, incarnation, uid, gid";

    /// <summary>The entry in the current row of <paramref name="reader"/> (selected with <see cref="Columns"/>).</summary>
    public static DirectoryEntry Read(DbDataReader reader) => new(
        reader.GetString(0),
        (EntryKind)reader.GetInt32(1),
        reader.GetInt64(2),
        (uint)reader.GetInt64(3),
        new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
        (FileStatus)reader.GetInt32(5),
        Guid.Parse(reader.GetString(6)),
        (uint)reader.GetInt64(7),
        (uint)reader.GetInt64(8));

    /// <summary>Every entry <paramref name="reader"/> returns (selected with <see cref="Columns"/>).</summary>
    public static async Task<IReadOnlyList<DirectoryEntry>> ReadAllAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var entries = new List<DirectoryEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(Read(reader));
        }

        return entries;
    }

    /// <summary>The values of an entry's columns, as (parameter name, value) pairs named after the columns.</summary>
    public static (string Name, object Value)[] Values(DirectoryEntry entry) =>
    [
        ("name", entry.Name),
        ("kind", (int)entry.Kind),
        ("size", entry.Size),
        ("mode", (long)entry.Mode),
        ("modified_ticks", entry.ModifiedUtc.UtcTicks),
        ("status", (int)entry.Status),
        ("incarnation", entry.Incarnation.ToString("N")),
        ("uid", (long)entry.Uid),
        ("gid", (long)entry.Gid),
    ];
}
