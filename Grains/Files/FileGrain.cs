using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WriteCache.Configuration;
using WriteCache.Directories;
using WriteCache.Hosting;
using WriteCache.Pages;
using WriteCache.Persistence;
using WriteCache.Storage;
using WriteCache.Placement;
using WriteCache.Policies;
using WriteCache.Ufs;

namespace WriteCache.Files;

/// <summary>
/// One file of the namespace. Each create starts a new incarnation; after commit the content is final.
/// The grain records where every page went, drives its own persistence (with retries that survive
/// restarts through the durable persistence queue), cleans up abandoned writes, and reclaims pages on delete.
/// </summary>
public sealed partial class FileGrain(
    [PersistentState("file", WriteCacheStorage.Name)] IPersistentState<FileState> state,
    IOptions<PageStoreOptions> pageStoreOptions,
    IOptions<WriteCacheOptions> cacheOptions,
    IOptions<PersistenceOptions> persistenceOptions,
    FileUploader uploader,
    IPersistenceQueueStore queue,
    LiveStores liveStores,
    PolicyCache policies,
    TimeProvider time,
    ILogger<FileGrain> logger) : Grain, IFileGrain, IRemindable
{
    /// <summary>
    /// The durable reminder that earlier versions kept per file for its background work; the persistence queue
    /// carries that work now, and a reminder of this name left in the table hands its file over to it.
    /// </summary>
    private const string PersistReminder = "persist";

    /// <summary>Durable reminder that finds abandoned writes.</summary>
    private const string OrphanReminder = "orphan-check";

    /// <summary>How soon after create a still-open write gets its durable orphan reminder; short writes never need one.</summary>
    private static readonly TimeSpan OrphanReminderDelay = TimeSpan.FromSeconds(30);

    // Persistence runs on interleaving timers, so state writes from it and from calls must take turns.
    private readonly SemaphoreSlim saving = new(1, 1);
    private IGrainTimer? attemptTimer;
    private IGrainTimer? orphanTimer;

    // Whether a durable orphan check may be registered: only writes open 30 s or more register one, so most commits
    // can skip looking it up in the reminder table.
    private bool orphanReminderMayExist;
    private bool uploading;

    // Whether this path is (or may be) in the persistence queue: set by EnqueueAsync, by an activation whose state has
    // background work left (the row was written with that state), and by a sweep; cleared by DequeueAsync.
    private bool queued;

    // A create's state not written yet: Create does not write it (see IFileGrain.Create); the next state write does.
    private bool createUnsaved;

    // Whether a writer other than the creator may hold this incarnation's session (OpenForWrite gave it out, or this
    // activation did not see the create): then pages may exist that the committing writer did not send.
    private bool sessionShared = true;
    private readonly Dictionary<string, IGrainReminder> knownReminders = new(StringComparer.Ordinal);

    /// <summary>Longest symlink target, as Linux's PATH_MAX.</summary>
    private const int MaxSymlinkTarget = 4095;

    private FileState File => state.State;

    private string Path => this.GetPrimaryKeyString();

    private IDirectoryGrain Parent => GrainFactory.Directory(CachePath.Parent(Path));

    private WriteCacheOptions CacheOptions => cacheOptions.Value;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        queued = HasBackgroundWork(File);
        if (NeedsPersistence(File))
        {
            // Resume where the last activation (or a crashed silo) left off.
            var due = File.NextAttemptUtc is { } next ? next - time.GetUtcNow() : TimeSpan.Zero;
            ScheduleAttempt(due < TimeSpan.Zero ? TimeSpan.Zero : due);
        }
        else if (File.Status == FileStatus.Writing)
        {
            orphanReminderMayExist = true;
            StartOrphanTimer();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            // A create not written yet is, before the activation goes (a silo shutting down, say).
            await CreateDurableAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCreateWriteFailed(Path, e);
        }
    }

    async Task<CacheResult<WriteSession>> IFileGrain.Create(CreateRequest request)
    {
        if (CachePath.Normalize(Path) != Path || Path == CachePath.Root)
        {
            return CacheResult<WriteSession>.Fail(CacheError.InvalidArgument, $"'{Path}' is not a normalized file path");
        }

        if (File.Status == FileStatus.Writing && request.Incarnation != Guid.Empty && request.Incarnation == File.Incarnation)
        {
            // A retried create whose first answer was lost.
            return CacheResult<WriteSession>.Ok(SessionOf(File));
        }

        if (File.Status.Exists())
        {
            return CacheResult<WriteSession>.Fail(CacheError.Exists, $"'{Path}' exists ({File.Status.ToName()})");
        }

        if (request.Incarnation != Guid.Empty && request.Incarnation == File.Incarnation)
        {
            return CacheResult<WriteSession>.Fail(CacheError.InvalidArgument, $"incarnation {request.Incarnation} of '{Path}' was used before");
        }

        var policy = await ResolveNewFilePolicyAsync();
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
            Incarnation = request.Incarnation == Guid.Empty ? Guid.NewGuid() : request.Incarnation,
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

        // The name is taken first, so a refused create writes nothing. Neither the entry's row nor the state is written
        // now (both wait in memory): the commit writes both in its metadata transaction, or MakeCreateDurable does
        // before any byte leaves the writer. A crash before then forgets a write that nobody was told is safe.
        var added = await ReserveNameAsync(next);
        if (added.Error == CacheError.Exists && (await RemoveLeftoverEntryAsync()).IsOk)
        {
            // The name was held by a create this grain lost (its silo died before the commit), still reserved or already
            // written as a row; this grain, the only one that creates at this path, holds no file, so the name is free.
            added = await ReserveNameAsync(next);
        }

        if (!added.IsOk)
        {
            return added.Error == CacheError.Exists
                ? CacheResult<WriteSession>.Fail(CacheError.Exists, $"'{Path}' exists")
                : CacheResult<WriteSession>.Fail(added.Error, added.Message);
        }

        state.State = next;
        createUnsaved = true;
        sessionShared = false;
        StartOrphanTimer();
        LogCreated(Path, next.Incarnation, next.Policy);
        return CacheResult<WriteSession>.Ok(SessionOf(next));
    }

    async Task<CacheResult> IFileGrain.MakeCreateDurable(Guid incarnation)
    {
        var check = CheckWriting(incarnation);
        if (!check.IsOk)
        {
            return check;
        }

        // Side by side, so the state and the row share one metadata transaction.
        var entry = Parent.AddEntry(EntryOf(File));
        await CreateDurableAsync();
        return await entry;
    }

    /// <summary>Writes the state of the last create if no state write has carried it yet.</summary>
    private async Task CreateDurableAsync()
    {
        if (createUnsaved)
        {
            await SaveAsync();
        }
    }

    async Task<CacheResult<FileDetails>> IFileGrain.CreateSymlink(SymlinkRequest request)
    {
        if (File.SymlinkTarget is not null && File.Status.IsCommitted() && request.Incarnation != Guid.Empty && request.Incarnation == File.Incarnation)
        {
            // A retried symlink whose first answer was lost.
            return await AcknowledgeCommitAsync();
        }

        if (CachePath.Normalize(Path) != Path || Path == CachePath.Root)
        {
            return CacheResult<FileDetails>.Fail(CacheError.InvalidArgument, $"'{Path}' is not a normalized file path");
        }

        var targetBytes = string.IsNullOrEmpty(request.Target) ? 0 : System.Text.Encoding.UTF8.GetByteCount(request.Target);
        if (targetBytes is 0 or > MaxSymlinkTarget || request.Target.Contains('\0', StringComparison.Ordinal))
        {
            return CacheResult<FileDetails>.Fail(CacheError.InvalidArgument, $"a symlink target must be 1 to {MaxSymlinkTarget} bytes without NUL");
        }

        if (File.Status.Exists())
        {
            return CacheResult<FileDetails>.Fail(CacheError.Exists, $"'{Path}' exists ({File.Status.ToName()})");
        }

        var policy = await ResolveNewFilePolicyAsync();
        if (!policy.IsOk)
        {
            return CacheResult<FileDetails>.Fail(policy.Error, policy.Message);
        }

        var now = time.GetUtcNow();
        var link = new FileState
        {
            Status = policy.Value!.Policy == WritePolicy.Transient ? FileStatus.Transient : FileStatus.NotPersisted,
            Incarnation = request.Incarnation == Guid.Empty ? Guid.NewGuid() : request.Incarnation,
            Policy = policy.Value.Policy,
            SymlinkTarget = request.Target,
            Size = targetBytes,
            PageSize = pageStoreOptions.Value.PageSize,
            ReplicationFactor = 1,
            Mode = 0x1FF,
            Uid = request.Uid,
            Gid = request.Gid,
            CreatedUtc = now,
            ModifiedUtc = now,
            CommittedUtc = now,
            PendingReclaims = File.PendingReclaims,
        };
        link.Pages.ReplicationFactor = 1;

        var added = await Parent.AddEntry(EntryOf(link));
        if (!added.IsOk)
        {
            return CacheResult<FileDetails>.Fail(added.Error, added.Error == CacheError.Exists ? $"'{Path}' exists" : added.Message);
        }

        if (link.Status == FileStatus.NotPersisted)
        {
            await EnqueueAsync();
        }

        state.State = link;
        await SaveAsync();
        return await AcknowledgeCommitAsync();
    }

    async Task<CacheResult<WriteSession>> IFileGrain.OpenForWrite() => File.Status.Exists() || await TryAdoptFromUfsAsync() ? OpenForWriteResult() : CacheResult<WriteSession>.Fail(CacheError.NotFound, $"no file '{Path}'");

    private CacheResult<WriteSession> OpenForWriteResult()
    {
        if (File.Status == FileStatus.Writing)
        {
            // Another writer now holds this incarnation's session.
            sessionShared = true;
            return CacheResult<WriteSession>.Ok(SessionOf(File));
        }

        return File.Status.IsCommitted()
            ? CacheResult<WriteSession>.Fail(CacheError.AccessDenied, $"'{Path}' is committed and write-once")
            : CacheResult<WriteSession>.Fail(CacheError.NotFound, $"no file '{Path}'");
    }

    async Task<CacheResult> IFileGrain.ReportProgress(Guid incarnation, long bytesWritten)
    {
        var check = CheckWriting(incarnation);
        if (!check.IsOk)
        {
            return check;
        }

        File.LastWriteUtc = time.GetUtcNow();
        File.Size = Math.Max(File.Size, bytesWritten);
        await SaveAsync();
        return CacheResult.Ok;
    }

    async Task<CacheResult<FileDetails>> IFileGrain.Commit(CommitRequest request)
    {
        if (File.Status.IsCommitted() && File.Incarnation == request.Incarnation && File.Size == request.Size)
        {
            // A retried commit whose first answer was lost (or whose last steps failed): finish them, answer the same.
            // The path is queued again too, in case the state was saved but the queue row was not.
            var registration = File.Status == FileStatus.NotPersisted ? EnqueueAsync() : Task.CompletedTask;
            await Task.WhenAll(registration, RecordEntryAsync());
            return await AcknowledgeCommitAsync();
        }

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
        var inline = request.Inline is not null;
        if (inline && (request.Inline!.Length != request.Size || request.Size == 0 || pageCount != 1 || request.Pages.PageCount != 0))
        {
            return CacheResult<FileDetails>.Fail(
                CacheError.InvalidArgument,
                $"inline bytes must be the whole file, of 1 to {File.PageSize} bytes, with no page sent (got {request.Inline.Length} of {request.Size} bytes)");
        }

        if (!inline && (request.Pages.ReplicationFactor != File.ReplicationFactor || !request.Pages.Covers(pageCount)))
        {
            return CacheResult<FileDetails>.Fail(
                CacheError.InvalidArgument,
                $"the page map does not cover {pageCount} pages with {File.ReplicationFactor} copies each");
        }

        // Seal on every store a writer may have used, so none accepts a late write; pages must be durable where they live.
        // Inline bytes become durable in the metadata commit below: those seals only refuse late pages, and run beside it.
        // When only the creating writer ever had the session and it sent no page, no store can hold or receive one.
        var holders = inline ? [] : HoldersOf(request.Pages, pageCount);
        var sync = pageStoreOptions.Value.SyncOnCommit && !inline;
        var targets = inline && !sessionShared ? [] : File.RingStores.Union(holders).ToList();
        var sealing = Task.WhenAll(targets.Select(store => SealOn(store, request.Incarnation, sync)));
        var sealResults = inline ? [] : await sealing;
        foreach (var (store, result) in targets.Zip(sealResults))
        {
            if (!result.IsOk && holders.Contains(store))
            {
                LogCommitFailed(Path, store, result.ToString());
                Diagnostics.WriteCacheMetrics.CommitFailed();
                return CacheResult<FileDetails>.Fail(result.Error == CacheError.None ? CacheError.IoError : result.Error, result.Message);
            }
        }

        var now = time.GetUtcNow();
        File.Size = request.Size;
        File.Inline = request.Inline;
        File.Pages = inline ? PlacementOf(File, pageCount) : Truncate(request.Pages, pageCount);
        File.CommittedUtc = now;
        File.ModifiedUtc = File.ModifiedTimeSet ? File.ModifiedUtc : now;
        File.Status = File.Policy == WritePolicy.Transient ? FileStatus.Transient : FileStatus.NotPersisted;
        // The queue row (under WRITE_BACK and WRITE_THROUGH) and the state are both durable before the commit is
        // acknowledged, so a crash from here on resumes the upload; written together, they share one metadata commit.
        // The directory entry goes in the same metadata commit: a crash before it lands leaves the entry of a write
        // that was never acknowledged, which the retried commit (or the abandoned-write check) settles.
        var queuing = File.Status == FileStatus.NotPersisted ? EnqueueAsync() : Task.CompletedTask;
        await Task.WhenAll(queuing, SaveAsync(), RecordEntryAsync(), sealing);
        StopOrphanChecks();
        if (orphanReminderMayExist)
        {
            await UnregisterReminder(OrphanReminder);
            orphanReminderMayExist = false;
        }

        LogCommitted(Path, File.Incarnation, File.Size, pageCount);
        if (inline)
        {
            Diagnostics.WriteCacheMetrics.CommittedInline(File.Size);
        }

        return await AcknowledgeCommitAsync();
    }

    /// <summary>Takes this path's name in its directory for <paramref name="next"/> (in memory there, like the state here).</summary>
    private async Task<CacheResult> ReserveNameAsync(FileState next)
    {
        try
        {
            return await Parent.ReserveEntry(EntryOf(next));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return CacheResult.Fail(CacheError.IoError, $"adding '{Path}' to its directory: {e.Message}");
        }
    }

    /// <summary>
    /// For a path that holds no file (a delete, or a create that found its name taken): an entry its directory still
    /// lists for it is a leftover (of a create whose silo died before the commit), and goes, so `rm` of what `ls`
    /// shows works and the name can be created again. Entries the directory only merges in from the UFS listing carry
    /// no incarnation and are left alone.
    /// </summary>
    private async Task<CacheResult> RemoveLeftoverEntryAsync()
    {
        if (Path == CachePath.Root)
        {
            return CacheResult.Fail(CacheError.NotFound, $"no file '{Path}'");
        }

        var name = CachePath.Name(Path);
        var listed = await Parent.Lookup(name);
        if (listed.IsOk && listed.Value!.Kind != EntryKind.Directory && listed.Value.Incarnation != Guid.Empty
            && (await Parent.RemoveEntry(name, listed.Value.Kind)).IsOk)
        {
            LogLeftoverEntryRemoved(Path, listed.Value.Incarnation);
            return CacheResult.Ok;
        }

        return CacheResult.Fail(CacheError.NotFound, $"no file '{Path}'");
    }

    /// <summary>
    /// Writes this file's directory entry as it is now. A directory that no longer knows the entry (its activation
    /// went before the row of a create landed) takes it again, durably.
    /// </summary>
    private async Task RecordEntryAsync()
    {
        var entry = EntryOf(File);
        var updated = await Parent.UpdateEntry(entry);
        if (updated.Error == CacheError.NotFound)
        {
            var added = await Parent.AddEntry(entry);
            if (!added.IsOk)
            {
                LogEntryLost(Path, added.ToString());
            }
        }
    }

    /// <summary>The answer to a commit: under WRITE_THROUGH and NO_CACHE only once the UFS holds the file; otherwise at once, with the upload scheduled.</summary>
    private async Task<CacheResult<FileDetails>> AcknowledgeCommitAsync()
    {
        if (File.Policy is WritePolicy.WriteThrough or WritePolicy.NoCache && File.Status is not FileStatus.Persisted)
        {
            // Close returns once the UFS holds the file; a failure is reported (ENOSPC for a full UFS, EIO for the rest),
            // and retried in the background.
            var persisted = await PersistAsync();
            return persisted.IsOk
                ? CacheResult<FileDetails>.Ok(DetailsOf(File))
                : CacheResult<FileDetails>.Fail(
                    persisted.Error == CacheError.OutOfSpace ? CacheError.OutOfSpace : CacheError.IoError,
                    $"committed in the cache, but writing it to the under file system failed (will retry): {persisted.Message}");
        }

        if (File.Status == FileStatus.NotPersisted)
        {
            ScheduleAttempt(TimeSpan.Zero);
        }

        return CacheResult<FileDetails>.Ok(DetailsOf(File));
    }

    async Task<CacheResult<FileDetails>> IFileGrain.GetStatus() =>
        File.Status.Exists() || await TryAdoptFromUfsAsync()
            ? CacheResult<FileDetails>.Ok(DetailsOf(File))
            : CacheResult<FileDetails>.Fail(CacheError.NotFound, $"no file '{Path}'");

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
        File.ModifiedTimeSet |= modifiedUtc is not null && File.Status == FileStatus.Writing;
        var carryToUfs = File.Status is FileStatus.Persisting or FileStatus.Persisted && File.Policy != WritePolicy.Transient;
        File.MetadataPending |= carryToUfs;
        if (carryToUfs && File.Status == FileStatus.Persisted)
        {
            // The UFS copy follows shortly (durably: a crash before then retries it).
            await EnqueueAsync();
        }

        await SaveAsync();
        await Parent.UpdateEntry(EntryOf(File));
        if (carryToUfs && File.Status == FileStatus.Persisted)
        {
            ScheduleAttempt(TimeSpan.Zero);
        }

        return CacheResult<FileDetails>.Ok(DetailsOf(File));
    }

    async Task<CacheResult<byte[]>> IFileGrain.ReadThrough(Guid incarnation, int index)
    {
        if (!File.Status.Exists() || incarnation != File.Incarnation)
        {
            return CacheResult<byte[]>.Fail(CacheError.Stale, $"incarnation {incarnation:N} of '{Path}' is not current");
        }

        if (File.Inline is { } inline && index == 0)
        {
            // Committed inline and not yet moved to its page store: the bytes are here.
            return CacheResult<byte[]>.Ok(inline);
        }

        if (File.Status != FileStatus.Persisted || index < 0 || index >= File.Pages.PageCount)
        {
            return CacheResult<byte[]>.Fail(CacheError.NotFound, $"page {index} of '{Path}' is not in the cache and the file is not persisted");
        }

        if (uploader.Resolve(Path) is not { } target)
        {
            return CacheResult<byte[]>.Fail(CacheError.IoError, $"no Ufs:Mounts entry covers '{Path}'");
        }

        var offset = (long)index * File.PageSize;
        var buffer = GC.AllocateUninitializedArray<byte>((int)Math.Min(File.PageSize, File.Size - offset)); // filled whole, or dropped
        try
        {
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await target.Ufs.ReadAsync(target.RelativePath, offset + read, buffer.AsMemory(read), CancellationToken.None);
                if (n == 0)
                {
                    return CacheResult<byte[]>.Fail(CacheError.IoError, $"'{Path}' in the under file system is shorter than its {File.Size} bytes");
                }

                read += n;
            }
        }
        catch (Exception e) when (e is IOException or Amazon.Runtime.AmazonServiceException or HttpRequestException)
        {
            return CacheResult<byte[]>.Fail(CacheError.IoError, $"reading '{Path}' from the under file system: {e.Message}");
        }

        // Cached again on the page's primary store, clean: evictable, and the next reader finds it there (never under NO_CACHE).
        var primary = File.Pages.StoresOf(index)[0];
        if (File.Policy == WritePolicy.NoCache)
        {
            return CacheResult<byte[]>.Ok(buffer);
        }

        try
        {
            await GrainFactory.PageStore(primary).CacheCleanPage(incarnation, index, buffer);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogRecacheFailed(Path, index, e);
        }

        return CacheResult<byte[]>.Ok(buffer);
    }

    async Task<CacheResult<FileDetails>> IFileGrain.PersistNow()
    {
        if (!File.Status.Exists())
        {
            return CacheResult<FileDetails>.Fail(CacheError.NotFound, $"no file '{Path}'");
        }

        if (NeedsPersistence(File) && !uploading)
        {
            var persisted = await PersistAsync();
            if (!persisted.IsOk)
            {
                return CacheResult<FileDetails>.Fail(persisted.Error, persisted.Message);
            }
        }

        return CacheResult<FileDetails>.Ok(DetailsOf(File));
    }

    async Task<CacheResult> IFileGrain.Rename(string newPath)
    {
        if (!File.Status.Exists() && !await TryAdoptFromUfsAsync())
        {
            return CacheResult.Fail(CacheError.NotFound, $"no file '{Path}'");
        }

        var target = CachePath.Normalize(newPath);
        var destination = target is null ? default : await policies.ResolveAsync(target);
        if (File.Policy != WritePolicy.NoCache || destination.Value?.Policy != WritePolicy.NoCache || File.Status != FileStatus.Persisted)
        {
            return CacheResult.Fail(CacheError.NotSupported, "rename is supported only between NO_CACHE paths, of persisted files");
        }

        var from = uploader.Resolve(Path);
        var to = uploader.Resolve(target!);
        if (from is null || to is null || !ReferenceEquals(from.Value.Ufs, to.Value.Ufs))
        {
            return CacheResult.Fail(CacheError.NotSupported, $"'{Path}' and '{target}' are not on the same under file system");
        }

        var existing = await GrainFactory.File(target!).GetStatus();
        if (existing.IsOk)
        {
            // rename(2) replaces its target.
            var replaced = await GrainFactory.File(target!).Delete();
            if (!replaced.IsOk)
            {
                return replaced;
            }
        }

        try
        {
            await from.Value.Ufs.RenameAsync(from.Value.RelativePath, to.Value.RelativePath, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return CacheResult.Fail(CacheError.IoError, $"renaming '{Path}' to '{target}' in the under file system: {e.Message}");
        }

        var entry = EntryOf(File) with { Name = CachePath.Name(target!) };
        await Parent.RemoveEntry(CachePath.Name(Path), EntryOf(File).Kind);
        await GrainFactory.Directory(CachePath.Parent(target!)).AddEntry(entry);

        // The new path finds the object in the UFS on first use; this one forgets it.
        StopTimers();
        await ForgetAsync();
        return CacheResult.Ok;
    }

    async Task<CacheResult> IFileGrain.Delete()
    {
        if (!File.Status.Exists())
        {
            return await RemoveLeftoverEntryAsync();
        }

        // The UFS object goes first: if it cannot be removed, the file stays, and nothing is reported gone that is still there.
        if (File.PersistedUtc is not null || File.Status == FileStatus.Persisting || File.Attempts > 0)
        {
            var removed = await DeleteFromUfsAsync();
            if (!removed.IsOk)
            {
                return removed;
            }
        }

        var incarnation = File.Incarnation;
        var stores = File.RingStores.Union(File.Pages.Stores).ToList();
        // Only what this state calls for is removed; a queue row or reminder left over from a crash finds the file
        // deleted when it is swept or fires, and removes itself.
        var queueRowExpected = queued || HasBackgroundWork(File);
        var orphanReminderExpected = orphanReminderMayExist || File.Status == FileStatus.Writing;
        File.Status = FileStatus.Deleted;
        File.NextAttemptUtc = null;
        File.Inline = null;
        File.PendingUnpins.Clear();
        File.PendingReclaims.AddRange(stores.Select(s => new PendingReclaim(incarnation, s)));

        // Durable before anything is removed: a crash from here on leaves a deleted file with work to finish, never a live file without pages.
        await SaveAsync();
        StopTimers();
        if (queueRowExpected)
        {
            await DequeueAsync(mayBeQueued: true);
        }

        if (orphanReminderExpected)
        {
            await UnregisterReminder(OrphanReminder);
            orphanReminderMayExist = false;
        }

        await Parent.RemoveEntry(CachePath.Name(Path), EntryOf(File).Kind);
        await ReclaimPending();
        LogDeleted(Path, incarnation);
        return CacheResult.Ok;
    }

    Task<FileState> IFileGrain.GetState() => Task.FromResult(File);

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        switch (reminderName)
        {
            case OrphanReminder when File.Status == FileStatus.Writing:
                await CheckAbandonedAsync();
                break;
            case PersistReminder:
                // Left by a version that kept a reminder per file: the queue takes the work over, then it is done as a sweep would.
                if (HasBackgroundWork(File))
                {
                    await EnqueueAsync();
                }

                await UnregisterReminder(reminderName);
                await ResumeAsync();
                break;
            default:
                // Nothing left for this reminder to do.
                await UnregisterReminder(reminderName);
                break;
        }
    }

    Task IFileGrain.ResumeBackgroundWork()
    {
        // Only queued paths are swept: the row exists even if this activation did not write it.
        queued = true;
        return ResumeAsync();
    }

    /// <summary>Does the background work the state still calls for (what a sweep of the persistence queue asks for); takes the path off the queue when none is left.</summary>
    private async Task ResumeAsync()
    {
        // Nobody waits on this work: its bookkeeping may ride along with the next create or commit.
        using var background = BackgroundMetadataWrites.Begin();
        if (NeedsPersistence(File))
        {
            if (!uploading && (File.NextAttemptUtc is null || File.NextAttemptUtc <= time.GetUtcNow()))
            {
                await PersistAsync();
            }

            return;
        }

        if (File.PendingReclaims.Count > 0)
        {
            await ReclaimPending();
            if (File.PendingReclaims.Count > 0)
            {
                return;
            }
        }

        if (File.Status == FileStatus.Persisted && File.PendingUnpins.Count > 0)
        {
            var heard = await UnpinPendingAsync();
            await SaveAsync();
            if (!heard)
            {
                return;
            }
        }

        await DequeueAsync();
    }

    /// <summary>Puts this path in the persistence queue (durable when done), so a crash or restart cannot strand its background work.</summary>
    private async Task EnqueueAsync()
    {
        await queue.AddAsync(Path);
        queued = true;
    }

    /// <summary>Takes this path off the persistence queue if it is there, or <paramref name="mayBeQueued"/> says it may be.</summary>
    private async Task DequeueAsync(bool mayBeQueued = false)
    {
        if ((!queued && !mayBeQueued) || File.PendingReclaims.Count > 0)
        {
            // Pages of an earlier incarnation still to reclaim keep the row, whatever else is done.
            return;
        }

        await queue.RemoveAsync(Path);
        queued = false;
    }

    /// <summary>Whether <paramref name="file"/> has work that no caller waits for: an upload, attributes for the UFS, pages to reclaim or unpin.</summary>
    private static bool HasBackgroundWork(FileState file) =>
        NeedsPersistence(file) || file.PendingReclaims.Count > 0 || (file.Status == FileStatus.Persisted && file.PendingUnpins.Count > 0);

    /// <summary>
    /// A path the cache has never seen may name an object already in the under file system: it becomes a persisted
    /// file with nothing cached yet, its pages placed on the ring and read through on first use.
    /// </summary>
    private async Task<bool> TryAdoptFromUfsAsync()
    {
        if (File.Status != FileStatus.None || CachePath.Normalize(Path) != Path || uploader.Resolve(Path) is not { } target)
        {
            return false;
        }

        Ufs.UfsObjectInfo? info;
        try
        {
            info = await target.Ufs.StatAsync(target.RelativePath, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogAdoptFailed(Path, e);
            return false;
        }

        var stores = liveStores.Current();
        if (info is null || stores.Count == 0)
        {
            return false;
        }

        var policy = await policies.ResolveAsync(Path);
        var pageSize = pageStoreOptions.Value.PageSize;
        var adopted = new FileState
        {
            Status = FileStatus.Persisted,
            Incarnation = Guid.NewGuid(),
            Policy = policy.Value?.Policy ?? CacheOptions.ResolveDefaultPolicy(),
            Size = info.Size,
            SymlinkTarget = info.SymlinkTarget,
            PageSize = pageSize,
            ReplicationFactor = 1,
            RingStores = stores.ToList(),
            Mode = info.SymlinkTarget is not null ? 0x1FF : info.Metadata?.Mode is { } mode ? (uint)mode & 0xFFF : 420,
            Uid = info.Metadata?.Uid is { } uid ? (uint)uid : 0,
            Gid = info.Metadata?.Gid is { } gid ? (uint)gid : 0,
            CreatedUtc = info.ModifiedTime,
            ModifiedUtc = info.Metadata?.ModifiedTime ?? info.ModifiedTime,
            CommittedUtc = info.ModifiedTime,
            PersistedUtc = info.ModifiedTime,
        };

        // One cached copy is enough: the UFS holds the file.
        var ring = new PlacementRing(stores);
        var pageCount = (int)((info.Size + pageSize - 1) / pageSize);
        adopted.Pages.ReplicationFactor = 1;
        for (var i = 0; i < pageCount; i++)
        {
            adopted.Pages.Set(i, ring.Place(adopted.Incarnation, i, 1));
        }

        state.State = adopted;
        await SaveAsync();
        return true;
    }

    /// <summary>One persistence attempt: uploads the incarnation, then marks it persisted and unpins its pages, or records the failure and schedules the next try.</summary>
    private async Task<CacheResult> PersistAsync()
    {
        if (uploading)
        {
            return CacheResult.Fail(CacheError.IoError, "an upload is already running");
        }

        if (File.Status == FileStatus.Persisted)
        {
            return File.MetadataPending ? await PersistMetadataAsync() : CacheResult.Ok;
        }

        uploading = true;
        try
        {
            var incarnation = File.Incarnation;
            var now = time.GetUtcNow();
            File.Status = FileStatus.Persisting;

            // The upload carries the attributes as they are now; a change from here on sets this again.
            File.MetadataPending = false;
            File.Attempts++;
            File.AttemptTimes.Add(now);
            if (File.AttemptTimes.Count > FileState.MaxAttemptTimes)
            {
                File.AttemptTimes.RemoveAt(0);
            }

            // Not saved yet: after a crash mid-upload the durable state says NOT_PERSISTED and the queue's sweep retries,
            // which is right; saving PERSISTING first would cost a metadata transaction per file for nothing.
            var snapshot = File;
            var uploaded = await uploader.UploadAsync(Path, snapshot, CancellationToken.None);

            if (File.Incarnation != incarnation || File.Status != FileStatus.Persisting)
            {
                // Deleted (or re-created) while uploading: what was uploaded must not stay behind.
                await DeleteFromUfsAsync();
                return CacheResult.Fail(CacheError.Stale, "the file changed while it was uploaded");
            }

            if (!uploaded.IsOk)
            {
                var delay = persistenceOptions.Value.RetryDelay(File.Attempts);
                File.Status = FileStatus.NotPersisted;
                File.LastError = uploaded.Message;
                File.NextAttemptUtc = time.GetUtcNow() + delay;
                await SaveAsync();
                ScheduleAttempt(delay);
                LogPersistFailed(Path, File.Attempts, delay, uploaded.Message);
                Diagnostics.WriteCacheMetrics.UploadFailed();
                return CacheResult.Fail(uploaded.Error, uploaded.Message);
            }

            File.Status = FileStatus.Persisted;
            File.PersistedUtc = time.GetUtcNow();
            File.LastError = null;
            File.NextAttemptUtc = null;
            if (File.Inline is { } inline)
            {
                // Persisted: the bytes leave the metadata store (for the page store, as a clean evictable page, when the UFS is remote).
                await CacheInlineAsync(inline);
                File.Inline = null;
            }
            else if (File.Policy != WritePolicy.NoCache)
            {
                // Recorded with the PERSISTED state: whatever happens to the calls below, the queue's sweep tells these stores.
                File.PendingUnpins = [.. File.Pages.Stores];
            }

            // State and entry share one metadata commit. The queue row goes only after the state says PERSISTED: a crash
            // in between leaves a row with nothing to do, never a file that nobody uploads.
            await Task.WhenAll(SaveAsync(), Parent.UpdateEntry(EntryOf(File)));
            if (File.Policy == WritePolicy.NoCache)
            {
                // NO_CACHE keeps nothing: the pages only carried the bytes to the UFS.
                await DequeueAsync();
                await DropPagesAsync();
            }
            else if (await UnpinPendingAsync())
            {
                await DequeueAsync();
            }
            else
            {
                // A store that holds pages could not be told: its pinned space would never come back. The queue row
                // (written at commit) stays, and the sweep tells it again until it hears.
                await SaveAsync();
            }

            LogPersisted(Path, File.Incarnation, File.Size, File.Attempts);
            Diagnostics.WriteCacheMetrics.Persisted(File.Size);
            if (File.MetadataPending)
            {
                // chmod/touch while uploading: the copy just written has the old attributes.
                await EnqueueAsync();
                ScheduleAttempt(TimeSpan.Zero);
            }
            else
            {
                // Nothing is left to do here, and listings and lookups are answered by the directory: the activation
                // would only hold memory (about 20 KiB) until Orleans collects it. A reader activates it again.
                DeactivateOnIdle();
            }

            return CacheResult.Ok;
        }
        finally
        {
            uploading = false;
        }
    }

    /// <summary>Carries mode, owner and modification time of a persisted file to its UFS copy, with the same retries as an upload.</summary>
    private async Task<CacheResult> PersistMetadataAsync()
    {
        if (uploader.Resolve(Path) is not { } target)
        {
            File.MetadataPending = false;
            await SaveAsync();
            return CacheResult.Ok;
        }

        uploading = true;
        try
        {
            File.MetadataPending = false;
            try
            {
                await target.Ufs.SetMetadataAsync(target.RelativePath, FileUploader.MetadataOf(File), CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                File.MetadataPending = true;
                File.Attempts++;
                var delay = persistenceOptions.Value.RetryDelay(File.Attempts);
                File.LastError = $"updating attributes in the under file system: {e.GetType().Name}: {e.Message}";
                File.NextAttemptUtc = time.GetUtcNow() + delay;
                await SaveAsync();
                ScheduleAttempt(delay);
                LogPersistFailed(Path, File.Attempts, delay, File.LastError);
                return CacheResult.Fail(CacheError.IoError, File.LastError);
            }

            File.LastError = null;
            File.NextAttemptUtc = null;
            await SaveAsync();
            if (File.MetadataPending)
            {
                ScheduleAttempt(TimeSpan.Zero);
            }
            else if (File.PendingUnpins.Count == 0)
            {
                // With stores still to be told of the upload, the queue row stays for them.
                await DequeueAsync();
            }

            return CacheResult.Ok;
        }
        finally
        {
            uploading = false;
        }
    }

    /// <summary>An uncommitted write older than the orphan timeout, or idle past the dangling-write timeout, is abandoned and its pages reclaimed.</summary>
    private async Task CheckAbandonedAsync()
    {
        if (File.Status != FileStatus.Writing)
        {
            StopOrphanChecks();
            await UnregisterReminder(OrphanReminder);
            return;
        }

        var now = time.GetUtcNow();
        string? reason = null;
        if (now - File.CreatedUtc > CacheOptions.OrphanTimeout)
        {
            reason = $"orphaned: created {File.CreatedUtc:O} and not committed within WriteCache:OrphanTimeout {CacheOptions.OrphanTimeout}";
        }
        else if (now - File.LastWriteUtc > CacheOptions.DanglingWriteTimeout)
        {
            reason = $"dangling: no data since {File.LastWriteUtc:O} (WriteCache:DanglingWriteTimeout {CacheOptions.DanglingWriteTimeout})";
        }

        if (reason is null)
        {
            return;
        }

        LogAbandoned(Path, File.Incarnation, reason);
        var incarnation = File.Incarnation;
        File.Status = FileStatus.Deleted;
        File.LastError = reason;
        File.PendingReclaims.AddRange(File.RingStores.Union(File.Pages.Stores).Select(s => new PendingReclaim(incarnation, s)));
        await SaveAsync();
        StopOrphanChecks();
        await UnregisterReminder(OrphanReminder);
        await Parent.RemoveEntry(CachePath.Name(Path), EntryOf(File).Kind);
        await ReclaimPending();
    }

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
                return (await GrainFactory.PageStore(p.Store).DeleteIncarnation(p.Incarnation)).IsOk;
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
            // Nothing left to remember about this path, and nothing for the activation to hold.
            await ForgetAsync();
            await DequeueAsync();
            DeactivateOnIdle();
        }
        else
        {
            if (File.PendingReclaims.Count > 0)
            {
                // Retried by the persistence queue's sweep until every store has been reached.
                await EnqueueAsync();
            }

            await SaveAsync();
        }
    }

    private async Task<CacheResult> DeleteFromUfsAsync()
    {
        if (uploader.Resolve(Path) is not { } target)
        {
            return CacheResult.Ok;
        }

        try
        {
            await target.Ufs.DeleteAsync(target.RelativePath, CancellationToken.None);
            return CacheResult.Ok;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return CacheResult.Fail(CacheError.IoError, $"'{Path}' is still in the under file system: {e.Message}");
        }
    }

    /// <summary>
    /// Puts the bytes of a file committed inline on its page's primary store as a clean page; never under NO_CACHE, and
    /// not when the UFS is a local directory: there the UFS copy is as near as a page would be, and a second file per
    /// small file would double what the node's disk pays for creating (and later deleting) it. A reader of such a
    /// file misses on the store and caches the page then (<see cref="IFileGrain.ReadThrough"/>).
    /// </summary>
    private async Task CacheInlineAsync(byte[] inline)
    {
        if (File.Policy == WritePolicy.NoCache || File.Pages.PageCount == 0 || uploader.Resolve(Path)?.Ufs.Location.Kind == UfsKind.Local)
        {
            return;
        }

        var primary = File.Pages.StoresOf(0)[0];
        try
        {
            var cached = await GrainFactory.PageStore(primary).CacheCleanPage(File.Incarnation, 0, inline);
            if (!cached.IsOk)
            {
                LogRecacheFailed(Path, 0, new IOException(cached.Message));
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A reader then reads the page from the under file system, which holds it now.
            LogRecacheFailed(Path, 0, e);
        }
    }

    private async Task DropPagesAsync()
    {
        var incarnation = File.Incarnation;
        File.PendingReclaims.AddRange(File.RingStores.Union(File.Pages.Stores).Select(store => new PendingReclaim(incarnation, store)));
        await ReclaimPending();
    }

    /// <summary>Tells every store in <see cref="FileState.PendingUnpins"/> that the pages are persisted; true when all heard it.</summary>
    private async Task<bool> UnpinPendingAsync()
    {
        var pending = File.PendingUnpins.ToList();
        var heard = await Task.WhenAll(pending.Select(async store =>
        {
            try
            {
                var unpinned = await GrainFactory.PageStore(store).Unpin(File.Incarnation);
                if (!unpinned.IsOk)
                {
                    LogUnpinFailed(Path, store, new IOException(unpinned.Message));
                }

                return unpinned.IsOk;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The store's silo is away: until it is told, its pages of this file stay pinned (never a loss, only space).
                LogUnpinFailed(Path, store, e);
                return false;
            }
        }));
        File.PendingUnpins = pending.Where((_, i) => !heard[i]).ToList();
        return File.PendingUnpins.Count == 0;
    }

    private async Task SaveAsync()
    {
        await saving.WaitAsync();
        try
        {
            await state.WriteStateAsync();
            createUnsaved = false;
        }
        finally
        {
            saving.Release();
        }
    }

    /// <summary>Removes the durable state: the path is as if never used.</summary>
    private async Task ForgetAsync()
    {
        await saving.WaitAsync();
        try
        {
            await state.ClearStateAsync();
            createUnsaved = false;
        }
        finally
        {
            saving.Release();
        }

        state.State = new FileState();
    }

    private void ScheduleAttempt(TimeSpan due)
    {
        attemptTimer?.Dispose();
        attemptTimer = this.RegisterGrainTimer(
            async () =>
            {
                if (NeedsPersistence(File) && !uploading)
                {
                    // Nobody waits on a scheduled upload: its bookkeeping may ride along with the next create or commit.
                    using var background = BackgroundMetadataWrites.Begin();
                    await PersistAsync();
                }
            },
            new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan, Interleave = true });
    }

    private void StartOrphanTimer()
    {
        orphanTimer?.Dispose();
        var period = CacheOptions.OrphanCheckPeriod;
        orphanTimer = this.RegisterGrainTimer(
            async () =>
            {
                if (File.Status != FileStatus.Writing)
                {
                    StopOrphanChecks();
                    return;
                }

                // Still open after a while: make the write and its check durable, so a crash cannot leave it behind forever.
                await CreateDurableAsync();
                orphanReminderMayExist = true;
                await RegisterReminder(OrphanReminder);
                await CheckAbandonedAsync();
            },
            new GrainTimerCreationOptions { DueTime = period < OrphanReminderDelay ? period : OrphanReminderDelay, Period = period });
    }

    private void StopOrphanChecks()
    {
        orphanTimer?.Dispose();
        orphanTimer = null;
    }

    private void StopTimers()
    {
        StopOrphanChecks();
        attemptTimer?.Dispose();
        attemptTimer = null;
    }

    private async Task RegisterReminder(string name) =>
        knownReminders[name] = await this.RegisterOrUpdateReminder(name, ReminderPeriod, ReminderPeriod);

    private async Task UnregisterReminder(string name)
    {
        // The handle of this activation's own registration saves a read of the reminder table; a handle gone stale
        // (the reminder changed elsewhere) is looked up again.
        if (knownReminders.Remove(name, out var known))
        {
            try
            {
                await this.UnregisterReminder(known);
                return;
            }
            catch (ReminderException)
            {
            }
        }

        var reminder = await this.GetReminder(name);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private TimeSpan ReminderPeriod => CacheOptions.OrphanCheckPeriod;

    private static bool NeedsPersistence(FileState file) =>
        (file.Status is FileStatus.NotPersisted or FileStatus.Persisting && file.Policy is WritePolicy.WriteBack or WritePolicy.WriteThrough or WritePolicy.NoCache)
        || (file.Status == FileStatus.Persisted && file.MetadataPending);

    private async Task<CacheResult> SealOn(string store, Guid incarnation, bool sync)
    {
        try
        {
            return await GrainFactory.PageStore(store).Seal(incarnation, sync);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return CacheResult.Fail(CacheError.IoError, $"store {store} unreachable: {e.Message}");
        }
    }

    /// <summary>
    /// The policy a new file (or symlink) at this path gets; NameTooLong when it would be uploaded to a UFS that cannot
    /// store its path: accepted, it would be a file whose every upload fails.
    /// </summary>
    private async Task<CacheResult<ResolvedPolicy>> ResolveNewFilePolicyAsync()
    {
        var policy = await policies.ResolveAsync(Path);
        return policy.IsOk && policy.Value!.Policy != WritePolicy.Transient
            && uploader.Resolve(Path) is { } target && !target.Ufs.CanHold(target.RelativePath)
            ? CacheResult<ResolvedPolicy>.Fail(CacheError.NameTooLong, $"'{Path}' is too long for {target.Ufs.Location}")
            : policy;
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

    private WriteSession SessionOf(FileState file)
    {
        // The writer reports progress a few times per dangling-write timeout, so a steady slow writer is never taken for dangling.
        var progress = TimeSpan.FromTicks(Math.Clamp(CacheOptions.DanglingWriteTimeout.Ticks / 4, TimeSpan.FromMilliseconds(200).Ticks, TimeSpan.FromSeconds(30).Ticks));

        // TRANSIENT files are never persisted, so inline bytes would stay in the metadata store for ever, outside the
        // page stores' capacity and pinned limit.
        var inlineLimit = file.Policy == WritePolicy.Transient ? 0 : Math.Min(CacheOptions.InlineFileBytes, file.PageSize);
        return new(Path, file.Incarnation, file.Policy, file.PageSize, file.ReplicationFactor, file.RingStores, progress, inlineLimit);
    }

    /// <summary>Where the ring places the pages of <paramref name="file"/>: for pages never sent, such as a file committed inline.</summary>
    private static PageMap PlacementOf(FileState file, int pageCount)
    {
        var ring = new PlacementRing(file.RingStores);
        var map = new PageMap { ReplicationFactor = file.ReplicationFactor };
        for (var i = 0; i < pageCount; i++)
        {
            map.Set(i, ring.Place(file.Incarnation, i, file.ReplicationFactor));
        }

        return map;
    }

    private FileDetails DetailsOf(FileState file) =>
        new(Path, file.Status, file.Incarnation, file.Size, file.PageSize, file.Policy, file.Mode, file.Uid, file.Gid, file.CreatedUtc, file.ModifiedUtc, file.Pages,
            file.Attempts, file.LastError, file.NextAttemptUtc, file.PersistedUtc, file.AttemptTimes.ToList(), file.SymlinkTarget);

    private DirectoryEntry EntryOf(FileState file) =>
        new(CachePath.Name(Path), file.SymlinkTarget is null ? EntryKind.File : EntryKind.Symlink, file.Size, file.Mode, file.ModifiedUtc, file.Status, file.Incarnation, file.Uid, file.Gid);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Created {Path} incarnation {Incarnation} under {Policy}")]
    private partial void LogCreated(string path, Guid incarnation, WritePolicy policy);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed {Path} incarnation {Incarnation}: {Size} bytes in {Pages} pages")]
    private partial void LogCommitted(string path, Guid incarnation, long size, int pages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Commit of {Path} failed on store {Store}: {Reason}")]
    private partial void LogCommitFailed(string path, string store, string reason);

    // Debug: one line per file at hundreds of files a second is noise (and CPU); the metrics and the view count them.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Persisted {Path} incarnation {Incarnation}: {Size} bytes after {Attempts} attempt(s)")]
    private partial void LogPersisted(string path, Guid incarnation, long size, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Persisting {Path} failed (attempt {Attempts}); next try in {Delay}: {Reason}")]
    private partial void LogPersistFailed(string path, int attempts, TimeSpan delay, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed the leftover entry of {Path} (incarnation {Incarnation}), which no file backed")]
    private partial void LogLeftoverEntryRemoved(string path, Guid incarnation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The directory of {Path} would not list it again: {Reason}")]
    private partial void LogEntryLost(string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the created state of {Path} while deactivating failed")]
    private partial void LogCreateWriteFailed(string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Abandoned {Path} incarnation {Incarnation}: {Reason}")]
    private partial void LogAbandoned(string path, Guid incarnation, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Path} incarnation {Incarnation}")]
    private partial void LogDeleted(string path, Guid incarnation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reclaiming pages of {Path} on store {Store} failed; will retry")]
    private partial void LogReclaimFailed(string path, string store, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unpinning pages of {Path} on store {Store} failed")]
    private partial void LogUnpinFailed(string path, string store, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking up {Path} in the under file system failed")]
    private partial void LogAdoptFailed(string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Caching page {Index} of {Path} again failed")]
    private partial void LogRecacheFailed(string path, int index, Exception exception);
}
