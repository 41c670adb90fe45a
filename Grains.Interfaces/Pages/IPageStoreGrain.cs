namespace WriteCache.Pages;

/// <summary>
/// The page store of one silo, keyed by the silo's name and always activated on that silo,
/// so writers send page bytes straight to the node whose NVMe keeps them.
/// </summary>
[Alias("WriteCache.Pages.IPageStoreGrain")]
public interface IPageStoreGrain : IGrainWithStringKey
{
    /// <summary>Stores (or, before the incarnation is sealed, overwrites) page <paramref name="index"/>; OutOfSpace past the pinned limit, AccessDenied once sealed.</summary>
    [Alias("WritePage")]
    /// <remarks>
    /// <paramref name="data"/> is not copied for a store in the caller's own silo: the store is done with it when the call
    /// completes, and the caller must not reuse the buffer before that (nor after a call it repeated: an earlier
    /// message may still be on its way).
    /// </remarks>
    Task<CacheResult> WritePage(Guid incarnation, int index, [Immutable] ReadOnlyMemory<byte> data);

    /// <summary>Reads <paramref name="length"/> bytes at <paramref name="offset"/> of a page; NotFound when the page is not held (evicted or never here).</summary>
    [Alias("ReadPage")]
    Task<PageRead> ReadPage(Guid incarnation, int index, int offset, int length);

    /// <summary>Refuses further writes to the incarnation and, when <paramref name="sync"/>, makes its pages durable (fsync).</summary>
    [Alias("Seal")]
    Task<CacheResult> Seal(Guid incarnation, bool sync);

    /// <summary>Makes the incarnation's pages written so far durable (fsync) without sealing it: what fsync(2) and close(2) of a writer promise.</summary>
    [Alias("Sync")]
    Task<CacheResult> Sync(Guid incarnation);

    /// <summary>Caches a page read back from the under file system: stored clean (evictable), even though the incarnation is sealed.</summary>
    [Alias("CacheCleanPage")]
    Task<CacheResult> CacheCleanPage(Guid incarnation, int index, ReadOnlyMemory<byte> data);

    /// <summary>Marks the incarnation's pages clean (persisted elsewhere), so they may be evicted.</summary>
    [Alias("Unpin")]
    Task<CacheResult> Unpin(Guid incarnation);

    /// <summary>Removes every page of the incarnation; returns how many pages were removed.</summary>
    [Alias("DeleteIncarnation")]
    Task<CacheResult<int>> DeleteIncarnation(Guid incarnation);

    /// <summary>Capacity, used and pinned bytes.</summary>
    [Alias("GetStats")]
    Task<PageStoreStats> GetStats();

    /// <summary>Uploads to the under file system waiting and running on this store's silo.</summary>
    [Alias("GetUploadStats")]
    Task<UploadStats> GetUploadStats();

    /// <summary>Every incarnation with pages held here.</summary>
    [Alias("ListIncarnations")]
    Task<IReadOnlyList<IncarnationPages>> ListIncarnations();

    /// <summary>The store's accounting, for the dashboard's grain-state view.</summary>
    [Alias("GetState")]
    Task<PageStoreStats> GetState();
}
