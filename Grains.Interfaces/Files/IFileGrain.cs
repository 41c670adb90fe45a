namespace WriteCache.Files;

/// <summary>
/// One file of the cache namespace, keyed by its normalized path. Enforces write-once-after-close,
/// owns where its pages live and drives their lifetime.
/// </summary>
[Alias("WriteCache.Files.IFileGrain")]
public interface IFileGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts a new incarnation; refused as Exists when a file is already there, NotFound when the parent directory is
    /// missing. Answers once the name is taken, before the create is durable: the commit makes it durable with
    /// itself, so a small file costs one metadata transaction on its way to close, not two. A writer that puts
    /// bytes anywhere before its commit (a page on a store, an fsync) calls <see cref="MakeCreateDurable"/> first.
    /// </summary>
    [Alias("Create")]
    Task<CacheResult<WriteSession>> Create(CreateRequest request);

    /// <summary>
    /// Does the background work this file still has (an upload that is due, attributes for the UFS, pages to reclaim
    /// or unpin) and takes the path off the persistence queue once none is left. Called by the queue's sweeper.
    /// </summary>
    [Alias("ResumeBackgroundWork")]
    Task ResumeBackgroundWork();

    /// <summary>
    /// Returns once the create of <paramref name="incarnation"/> is durable (its state and its directory entry), so a
    /// crash cannot forget a file whose pages already sit on a store; Stale when it is not the current incarnation.
    /// </summary>
    [Alias("MakeCreateDurable")]
    Task<CacheResult> MakeCreateDurable(Guid incarnation);

    /// <summary>Asks to write into an existing file: AccessDenied once committed, NotFound when absent.</summary>
    [Alias("OpenForWrite")]
    Task<CacheResult<WriteSession>> OpenForWrite();

    /// <summary>Tells the grain that a writer is still making progress (keeps the dangling-write timer fresh).</summary>
    [Alias("ReportProgress")]
    Task<CacheResult> ReportProgress(Guid incarnation, long bytesWritten);

    /// <summary>Seals the incarnation: pages are made durable on their stores, then the file is committed per its policy.</summary>
    [Alias("Commit")]
    Task<CacheResult<FileDetails>> Commit(CommitRequest request);

    /// <summary>The file as readers see it; NotFound when there is none.</summary>
    [Alias("GetStatus")]
    Task<CacheResult<FileDetails>> GetStatus();

    /// <summary>
    /// Creates a symbolic link to <c>request.Target</c>: committed at once (an immutable entry without pages) and
    /// persisted by the path's policy like a file; Exists when the path is taken.
    /// </summary>
    [Alias("CreateSymlink")]
    Task<CacheResult<FileDetails>> CreateSymlink(SymlinkRequest request);

    /// <summary>Changes mode, owner or times: metadata only, allowed after commit.</summary>
    [Alias("SetMetadata")]
    Task<CacheResult<FileDetails>> SetMetadata(uint? mode, uint? uid, uint? gid, DateTimeOffset? modifiedUtc);

    /// <summary>Reads page <paramref name="index"/> of a persisted file from the under file system and caches it again; for readers whose page was evicted.</summary>
    [Alias("ReadThrough")]
    Task<CacheResult<byte[]>> ReadThrough(Guid incarnation, int index);

    /// <summary>Attempts persistence now, whatever the retry schedule says (for operators: <c>wcache fs persist</c>).</summary>
    [Alias("PersistNow")]
    Task<CacheResult<FileDetails>> PersistNow();

    /// <summary>Renames a NO_CACHE file in the under file system (copy + delete on S3); NotSupported for any other policy, where paths are identities.</summary>
    [Alias("Rename")]
    Task<CacheResult> Rename(string newPath);

    /// <summary>Removes the file and reclaims its pages on every store that holds them.</summary>
    [Alias("Delete")]
    Task<CacheResult> Delete();

    /// <summary>The grain's whole state, for the dashboard's grain-state view.</summary>
    [Alias("GetState")]
    Task<FileState> GetState();
}
