namespace WriteCache.Directories;

/// <summary>One directory of the cache namespace, keyed by its normalized path; the root ("/") always exists.</summary>
[Alias("WriteCache.Directories.IDirectoryGrain")]
public interface IDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The directory's attributes; NotFound when it does not exist.</summary>
    [Alias("GetDetails")]
    Task<CacheResult<DirectoryDetails>> GetDetails();

    /// <summary>Creates the child directory <paramref name="name"/>; Exists when the name is taken.</summary>
    [Alias("MakeDirectory")]
    Task<CacheResult<DirectoryEntry>> MakeDirectory(string name, uint mode, uint uid = 0, uint gid = 0);

    /// <summary>Removes the empty child directory <paramref name="name"/>; NotEmpty, NotFound or NotDirectory otherwise.</summary>
    [Alias("RemoveDirectory")]
    Task<CacheResult> RemoveDirectory(string name);

    /// <summary>
    /// Adds a new child entry, durably; Exists when the name is taken, NotFound when this directory does not exist.
    /// The same entry again (same incarnation) answers Ok once its row is durable.
    /// Interleaves with other calls: the name is checked and taken in one turn, and only the wait for the row to be
    /// durable is shared, so many files created in one directory at once share the metadata store's group commit
    /// instead of queuing one fsync each behind their directory. Calls that must not see a create in the middle
    /// of their work (mkdir of the same name, rmdir of this directory, its own mkdir) fence it off.
    /// </summary>
    [Alias("AddEntry")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<CacheResult> AddEntry(DirectoryEntry entry);

    /// <summary>
    /// Takes a name for a new file as <see cref="AddEntry"/> does, but only in memory: the row is written by the
    /// file's commit (<see cref="UpdateEntry"/>), in the metadata transaction that writes the file's state, so a
    /// create does not wait for an fsync of its own. <see cref="AddEntry"/> with the same entry writes it earlier and
    /// returns once it is durable. Until then a crash forgets the name, with a write nobody was told is safe.
    /// </summary>
    [Alias("ReserveEntry")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<CacheResult> ReserveEntry(DirectoryEntry entry);

    /// <summary>
    /// Replaces the attributes of an existing child of the same kind and incarnation (a file reporting its commit).
    /// Interleaves with other calls: it only rewrites one existing row, so many files committing at once share the
    /// metadata store's group commit instead of queuing one fsync each behind their directory.
    /// </summary>
    [Alias("UpdateEntry")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<CacheResult> UpdateEntry(DirectoryEntry entry);

    /// <summary>Removes a child entry of the given kind; NotFound when there is none.</summary>
    [Alias("RemoveEntry")]
    Task<CacheResult> RemoveEntry(string name, EntryKind kind);

    /// <summary>The child named <paramref name="name"/>, or NotFound.</summary>
    [Alias("Lookup")]
    Task<CacheResult<DirectoryEntry>> Lookup(string name);

    /// <summary>All children, sorted by name; NotFound when the directory does not exist.</summary>
    [Alias("List")]
    Task<CacheResult<IReadOnlyList<DirectoryEntry>>> List();

    /// <summary>Marks this directory removed if it is empty (called by its parent's rmdir).</summary>
    [Alias("MarkRemoved")]
    Task<CacheResult> MarkRemoved();

    /// <summary>Makes this directory exist (called by its parent's mkdir); Exists when it already does.</summary>
    [Alias("Initialize")]
    Task<CacheResult> Initialize(uint mode, uint uid = 0, uint gid = 0);

    /// <summary>Changes mode, owner or modification time (chmod, chown, utimensat); null leaves a value as it is.</summary>
    [Alias("SetMetadata")]
    Task<CacheResult<DirectoryDetails>> SetMetadata(uint? mode, uint? uid, uint? gid, DateTimeOffset? modifiedUtc);

    /// <summary>The grain's whole state, for the dashboard's grain-state view.</summary>
    [Alias("GetState")]
    Task<DirectoryState> GetState();
}
