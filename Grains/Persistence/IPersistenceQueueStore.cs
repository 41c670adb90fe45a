namespace WriteCache.Persistence;

/// <summary>
/// The durable persistence queue: the paths whose file grains have background work left (an upload, attributes to
/// carry to the UFS, pages to reclaim or unpin). A path is added before the work is promised (a commit is
/// acknowledged only after its row is durable) and removed once the work is done, so after a crash
/// <see cref="PersistenceQueueSweeper"/> finds every file that still needs its grain. It replaces a durable
/// reminder per file: one row in the metadata store's group commit instead of a reminder service round trip, a
/// reminder table write and a timer, twice per file.
/// </summary>
public interface IPersistenceQueueStore
{
    /// <summary>Adds <paramref name="path"/> (nothing happens when it is there already); durable when the task completes.</summary>
    Task AddAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="path"/> if present; durable when the task completes.</summary>
    Task RemoveAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> queued paths after <paramref name="after"/> (null: from the start), in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListAsync(string? after, int limit, CancellationToken cancellationToken = default);
}
