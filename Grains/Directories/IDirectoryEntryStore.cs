namespace WriteCache.Directories;

/// <summary>
/// The children of every directory, one durable row each, so a change costs one row and not a rewrite of the
/// whole directory: a directory of 20,000 files written one by one stays linear. The directory's own attributes
/// stay in its grain state.
/// </summary>
public interface IDirectoryEntryStore
{
    /// <summary>Every child of <paramref name="directory"/>, in no particular order.</summary>
    Task<IReadOnlyList<DirectoryEntry>> ReadAsync(string directory, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds or replaces the child named <c>entry.Name</c>; durable when the task completes. Writes of one row
    /// (saves and removes alike) take effect in the order they were called, even when the caller does not wait
    /// for one before making the next.
    /// </summary>
    Task SaveAsync(string directory, DirectoryEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes the child <paramref name="name"/> if present; durable when the task completes.</summary>
    Task RemoveAsync(string directory, string name, CancellationToken cancellationToken = default);
}
