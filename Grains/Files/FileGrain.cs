using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WriteCache.Configuration;
using WriteCache.Directories;
using WriteCache.Hosting;
using WriteCache.Pages;
using WriteCache.Placement;
using WriteCache.Policies;

namespace WriteCache.Files;

/// <summary>
/// One file of the namespace. Each create starts a new incarnation; after commit the content is
/// final. The grain records where every page went and reclaims them on delete.
/// </summary>
public sealed partial class FileGrain(
    [PersistentState("file", WriteCacheStorage.Name)] IPersistentState<FileState> state,
    IOptions<PageStoreOptions> pageStoreOptions,
    LiveStores liveStores,
    TimeProvider time,
    ILogger<FileGrain> logger) : Grain, IFileGrain
{
    private FileState File => state.State;

    private string Path => this.GetPrimaryKeyString();

    async Task<CacheResult<WriteSession>> IFileGrain.Create(CreateRequest request)
    {
        if (CachePath.Normalize(Path) != Path || Path == CachePath.Root)
        {
            return CacheResult<WriteSession>.Fail(CacheError.InvalidArgument, $"'{Path}' is not a normalized file path");
        }

        if (File.Status.Exists())
        {
            return CacheResult<WriteSession>.Fail(CacheError.Exists, $"'{Path}' exists ({File.Status.ToName()})");
        }

        var policy = await GrainFactory.GetGrain<IPolicyGrain>(IPolicyGrain.ClusterKey).Resolve(Path);
        if (!policy.IsOk)
        {
            return CacheResult<WriteSession>.Fail(policy.Error, policy.Message);
        }

        var stores = liveStores.Current();
        if (stores.Count == 0)
        {
            return CacheResult<WriteSession>.Fail(CacheError.IoError, "no page store is alive");
        }

        var now = time.GetUtcNow();
        var options = pageStoreOptions.Value;
        var next = new FileState
        {
            Status = FileStatus.Writing,
            Incarnation = Guid.NewGuid(),
            Policy = policy.Value!.Policy,
            PageSize = options.PageSize,
            ReplicationFactor = Math.Min(options.ReplicationFactor, stores.Count),
            RingStores = stores.ToList(),
            Mode = request.Mode & 0xFFF,
            Uid = request.Uid,
            Gid = request.Gid,
            CreatedUtc = now,
            ModifiedUtc = now,
            LastWriteUtc = now,
            PendingReclaims = File.PendingReclaims,
        };
        next.Pages.ReplicationFactor = next.ReplicationFactor;

        var added = await Parent.AddEntry(EntryOf(next));
        if (!added.IsOk)
        {
            return added.Error == CacheError.Exists
                ? CacheResult<WriteSession>.Fail(CacheError.Exists, $"'{Path}' exists")
                : added;
        }

        state.State = next;
        await state.WriteStateAsync();
        LogCreated(Path, next.Incarnation, next.Policy);
        return CacheResult<WriteSession>.Ok(SessionOf(next));
    }

    Task<CacheResult<WriteSession>> IFileGrain.OpenForWrite() => Task.FromResult(File.Status switch
    {
        FileStatus.Writing => CacheResult<WriteSession>.Ok(SessionOf(File)),
        _ when File.Status.IsCommitted() => CacheResult<WriteSession>.Fail(CacheError.AccessDenied, $"'{Path}' is committed and write-once"),
        _ => CacheResult<WriteSession>.Fail(CacheError.NotFound, $"no file '{Path}'"),
    });

    async Task<CacheResult> IFileGrain.ReportProgress(Guid incarnation, long bytesWritten)
    {
        var check = CheckWriting(incarnation);
        if (!check.IsOk)
        {
            return check;
        }

        File.LastWriteUtc = time.GetUtcNow();
        File.Size = Math.Max(File.Size, bytesWritten);
        await state.WriteStateAsync();
        return CacheResult.Ok;
    }

    async Task<CacheResult<FileDetails>> IFileGrain.Commit(CommitRequest request)
    {
        var check = CheckWriting(request.Incarnation);
        if (!check.IsOk)
        {
            return check;
        }

        if (request.Size < 0)
        {
            return CacheResult<FileDetails>.Fail(CacheError.InvalidArgument, $"negative size {request.Size}");
        }

        var pageCount = (int)((request.Size + File.PageSize - 1) / File.PageSize);
        if (request.Pages.ReplicationFactor != File.ReplicationFactor || !request.Pages.Covers(pageCount))
        {
            return CacheResult<FileDetails>.Fail(
                CacheError.InvalidArgument,
                $"the page map does not cover {pageCount} pages with {File.ReplicationFactor} copies each");
        }

        // Seal on every store a writer may have used, so none accepts a late write; pages must be durable where they live.
        var holders = HoldersOf(request.Pages, pageCount);
        var sync = pageStoreOptions.Value.SyncOnCommit;
        var targets = File.RingStores.Union(holders).ToList();
        var sealResults = await Task.WhenAll(targets.Select(store => SealOn(store, request.Incarnation, sync)));
        foreach (var (store, result) in targets.Zip(sealResults))
        {
            if (!result.IsOk && holders.Contains(store))
            {
                LogCommitFailed(Path, store, result.ToString());
                return CacheResult<FileDetails>.Fail(result.Error == CacheError.None ? CacheError.IoError : result.Error, result.Message);
            }
        }

        var now = time.GetUtcNow();
        File.Size = request.Size;
        File.Pages = Truncate(request.Pages, pageCount);
        File.CommittedUtc = now;
        File.ModifiedUtc = now;
        File.Status = File.Policy == WritePolicy.Transient ? FileStatus.Transient : FileStatus.NotPersisted;
        await state.WriteStateAsync();
        await Parent.UpdateEntry(EntryOf(File));
        LogCommitted(Path, File.Incarnation, File.Size, pageCount);
        return CacheResult<FileDetails>.Ok(DetailsOf(File));
    }

    Task<CacheResult<FileDetails>> IFileGrain.GetStatus() =>
        Task.FromResult(File.Status.Exists()
            ? CacheResult<FileDetails>.Ok(DetailsOf(File))
            : CacheResult<FileDetails>.Fail(CacheError.NotFound, $"no file '{Path}'"));

    async Task<CacheResult<FileDetails>> IFileGrain.SetMetadata(uint? mode, uint? uid, uint? gid, DateTimeOffset? modifiedUtc)
    {
        if (!File.Status.Exists())
        {
            return CacheResult<FileDetails>.Fail(CacheError.NotFound, $"no file '{Path}'");
        }

        File.Mode = mode is { } m ? m & 0xFFF : File.Mode;
        File.Uid = uid ?? File.Uid;
        File.Gid = gid ?? File.Gid;
        File.ModifiedUtc = modifiedUtc ?? File.ModifiedUtc;
        await state.WriteStateAsync();
        await Parent.UpdateEntry(EntryOf(File));
        return CacheResult<FileDetails>.Ok(DetailsOf(File));
    }

    async Task<CacheResult> IFileGrain.Delete()
    {
        if (!File.Status.Exists())
        {
            return CacheResult.Fail(CacheError.NotFound, $"no file '{Path}'");
        }

        var incarnation = File.Incarnation;
        var stores = File.RingStores.Union(File.Pages.Stores).ToList();
        File.Status = FileStatus.Deleted;
        File.PendingReclaims.AddRange(stores.Select(s => new PendingReclaim(incarnation, s)));

        // Durable before anything is removed: a crash from here on leaves a deleted file with work to finish, never a live file without pages.
        await state.WriteStateAsync();
        await Parent.RemoveEntry(CachePath.Name(Path), EntryKind.File);
        await ReclaimPending();
        LogDeleted(Path, incarnation);
        return CacheResult.Ok;
    }

    Task<FileState> IFileGrain.GetState() => Task.FromResult(File);

    private IDirectoryGrain Parent => GrainFactory.GetGrain<IDirectoryGrain>(CachePath.Parent(Path));

    /// <summary>Removes pages of deleted incarnations from every store that may hold them; what fails stays pending.</summary>
    private async Task ReclaimPending()
    {
        if (File.PendingReclaims.Count == 0)
        {
            return;
        }

        var pending = File.PendingReclaims.ToList();
        var results = await Task.WhenAll(pending.Select(async p =>
        {
            try
            {
                return (await GrainFactory.GetGrain<IPageStoreGrain>(p.Store).DeleteIncarnation(p.Incarnation)).IsOk;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogReclaimFailed(Path, p.Store, e);
                return false;
            }
        }));
        File.PendingReclaims = pending.Where((_, i) => !results[i]).ToList();
        if (File.Status == FileStatus.Deleted && File.PendingReclaims.Count == 0)
        {
            // Nothing left to remember about this path.
            await state.ClearStateAsync();
            state.State = new FileState();
        }
        else
        {
            await state.WriteStateAsync();
        }
    }

    private async Task<CacheResult> SealOn(string store, Guid incarnation, bool sync)
    {
        try
        {
            return await GrainFactory.GetGrain<IPageStoreGrain>(store).Seal(incarnation, sync);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return CacheResult.Fail(CacheError.IoError, $"store {store} unreachable: {e.Message}");
        }
    }

    private CacheResult CheckWriting(Guid incarnation)
    {
        if (!File.Status.Exists() || incarnation != File.Incarnation)
        {
            return CacheResult.Fail(CacheError.Stale, $"incarnation {incarnation:N} of '{Path}' is not current");
        }

        return File.Status == FileStatus.Writing
            ? CacheResult.Ok
            : CacheResult.Fail(CacheError.AccessDenied, $"'{Path}' is committed and write-once");
    }

    private static HashSet<string> HoldersOf(PageMap pages, int pageCount)
    {
        var holders = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < pageCount; i++)
        {
            holders.UnionWith(pages.StoresOf(i));
        }

        return holders;
    }

    private static PageMap Truncate(PageMap pages, int pageCount)
    {
        var map = new PageMap { ReplicationFactor = pages.ReplicationFactor };
        for (var i = 0; i < pageCount; i++)
        {
            map.Set(i, pages.StoresOf(i));
        }

        return map;
    }

    private WriteSession SessionOf(FileState file) =>
        new(Path, file.Incarnation, file.Policy, file.PageSize, file.ReplicationFactor, file.RingStores);

    private FileDetails DetailsOf(FileState file) =>
        new(Path, file.Status, file.Incarnation, file.Size, file.PageSize, file.Policy, file.Mode, file.Uid, file.Gid, file.CreatedUtc, file.ModifiedUtc, file.Pages);

    private DirectoryEntry EntryOf(FileState file) =>
        new(CachePath.Name(Path), EntryKind.File, file.Size, file.Mode, file.ModifiedUtc, file.Status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Created {Path} incarnation {Incarnation} under {Policy}")]
    private partial void LogCreated(string path, Guid incarnation, WritePolicy policy);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed {Path} incarnation {Incarnation}: {Size} bytes in {Pages} pages")]
    private partial void LogCommitted(string path, Guid incarnation, long size, int pages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Commit of {Path} failed on store {Store}: {Reason}")]
    private partial void LogCommitFailed(string path, string store, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Path} incarnation {Incarnation}")]
    private partial void LogDeleted(string path, Guid incarnation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reclaiming pages of {Path} on store {Store} failed; will retry")]
    private partial void LogReclaimFailed(string path, string store, Exception exception);
}
