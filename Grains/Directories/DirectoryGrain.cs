using Microsoft.Extensions.Logging;
using WriteCache.Files;
using WriteCache.Hosting;
using WriteCache.Ufs;

namespace WriteCache.Directories;

/// <summary>
/// A directory: its children with their listing attributes, mkdir and rmdir. Objects already in the under
/// file system below the same path show in its listing (a directory that exists only there exists here too).
/// </summary>
public sealed partial class DirectoryGrain(
    [PersistentState("directory", WriteCacheStorage.Name)] IPersistentState<DirectoryState> state,
    IDirectoryEntryStore store,
    UfsMountTable mounts,
    TimeProvider time,
    ILogger<DirectoryGrain> logger) : Grain, IDirectoryGrain
{
    /// <summary>How long a listing of the under file system is reused; objects added behind the cache's back show up within it.</summary>
    private static readonly TimeSpan UfsListingLifetime = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How soon a changed modification time is written. Entries are durable at once (one row each); the directory's
    /// own mtime follows shortly, so a burst of creates costs one state write rather than one per file.
    /// </summary>
    private static readonly TimeSpan AttributeFlushDelay = TimeSpan.FromSeconds(1);

    /// <summary>Most UFS children merged into one listing.</summary>
    private const int MaxUfsChildren = 100_000;

    private readonly Dictionary<string, DirectoryEntry> entries = new(StringComparer.Ordinal);

    // Names a mkdir has checked and is making: an interleaved create must not take them meanwhile.
    private readonly HashSet<string> namesBeingMade = new(StringComparer.Ordinal);
    // Names taken by ReserveEntry whose rows are not written yet: their file's commit (or its MakeCreateDurable)
    // writes them, in the same metadata transaction as the file's state, so a crash never keeps one without the other.
    private readonly HashSet<string> unwrittenRows = new(StringComparer.Ordinal);
    private Dictionary<string, UfsEntry>? ufsChildren;
    private Task<IReadOnlyDictionary<string, UfsEntry>>? ufsListing;

    // Set while this directory is being made or removed: interleaved creates are refused as if it did not exist.
    private bool creatingRefused;

    // Whether the under file system has this directory itself, even empty (refreshed with the listing).
    private bool ufsHasDirectory;
    private DateTimeOffset ufsListedAt;
    private IGrainTimer? attributeFlush;

    private string Path => this.GetPrimaryKeyString();

    private DirectoryState Directory => state.State;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in await store.ReadAsync(Path, cancellationToken))
        {
            entries[entry.Name] = entry;
        }

        if (!Directory.Exists && (Path == CachePath.Root || entries.Count > 0))
        {
            // The root exists from the start; a directory with entries exists even if its own state was not written yet.
            Directory.Exists = true;
            Directory.CreatedUtc = Directory.ModifiedUtc = time.GetUtcNow();
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Reserved entries are written before the activation goes (a silo shutting down, say); their files write
        // their states as they go too.
        foreach (var name in unwrittenRows.ToList())
        {
            try
            {
                await RowDurableAsync(name);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogRowWriteFailed(Path, name, e);
            }
        }

        if (attributeFlush is not null)
        {
            await FlushAttributesAsync();
        }
    }

    async Task<CacheResult<DirectoryDetails>> IDirectoryGrain.GetDetails()
    {
        var ufs = await UfsChildrenAsync();
        return Directory.Exists || InUfs(ufs)
            ? CacheResult<DirectoryDetails>.Ok(DetailsOf())
            : CacheResult<DirectoryDetails>.Fail(CacheError.NotFound, $"no directory '{Path}'");
    }

    async Task<CacheResult<DirectoryEntry>> IDirectoryGrain.MakeDirectory(string name, uint mode, uint uid, uint gid)
    {
        var check = await CheckNewNameAsync(name);
        if (!check.IsOk)
        {
            return check;
        }

        var child = GrainFactory.Directory(CachePath.Combine(Path, name));
        namesBeingMade.Add(name);
        try
        {
            var created = await child.Initialize(mode, uid, gid);
            if (!created.IsOk)
            {
                return created;
            }

            var entry = new DirectoryEntry(name, EntryKind.Directory, 0, mode, time.GetUtcNow(), FileStatus.None, Uid: uid, Gid: gid);
            await SaveEntryAsync(entry);
            Touch();
            return CacheResult<DirectoryEntry>.Ok(entry);
        }
        finally
        {
            namesBeingMade.Remove(name);
        }
    }

    async Task<CacheResult> IDirectoryGrain.RemoveDirectory(string name)
    {
        var ufs = await UfsChildrenAsync();
        if (!Directory.Exists && !InUfs(ufs))
        {
            return CacheResult.Fail(CacheError.NotFound, $"no directory '{Path}'");
        }

        // A child directory known only to the under file system (made there by another tool) can be removed too.
        var cached = entries.TryGetValue(name, out var entry);
        if (!cached && ufs.TryGetValue(name, out var child))
        {
            entry = EntryOf(child);
        }

        if (entry is null)
        {
            return CacheResult.Fail(CacheError.NotFound, $"no entry '{name}' in '{Path}'");
        }

        if (entry.Kind != EntryKind.Directory)
        {
            return CacheResult.Fail(CacheError.NotDirectory, $"'{CachePath.Combine(Path, name)}' is not a directory");
        }

        var removed = await GrainFactory.Directory(CachePath.Combine(Path, name)).MarkRemoved();
        if (!removed.IsOk && (removed.Error != CacheError.NotFound || !cached))
        {
            return removed;
        }

        // Never list it again from an old listing.
        ufsChildren?.Remove(name);
        if (cached)
        {
            await RemoveEntryAsync(name);
        }

        Touch();
        return CacheResult.Ok;
    }

    async Task<CacheResult> IDirectoryGrain.AddEntry(DirectoryEntry entry)
    {
        if (IsSameCreate(entry))
        {
            // The same create again (its first answer was lost, or its file wants the row durable now).
            await RowDurableAsync(entry.Name);
            return CacheResult.Ok;
        }

        // The listing may wait (and let other calls in); from the check to the row being queued nothing does, so two
        // interleaved creates of one name cannot both pass the check.
        var check = await CheckNewNameAsync(entry.Name);
        if (!check.IsOk)
        {
            return check;
        }

        await SaveEntryAsync(entry);
        Touch();
        return CacheResult.Ok;
    }

    async Task<CacheResult> IDirectoryGrain.ReserveEntry(DirectoryEntry entry)
    {
        if (IsSameCreate(entry))
        {
            return CacheResult.Ok;
        }

        var check = await CheckNewNameAsync(entry.Name);
        if (!check.IsOk)
        {
            return check;
        }

        // Taken from here on. The row is not written now: the file's state is not either (see IFileGrain.Create).
        entries[entry.Name] = entry;
        unwrittenRows.Add(entry.Name);
        Touch();
        return CacheResult.Ok;
    }

    private bool IsSameCreate(DirectoryEntry entry) =>
        entry.Incarnation != Guid.Empty && entries.TryGetValue(entry.Name, out var existing) && existing.Incarnation == entry.Incarnation;

    /// <summary>Writes the row of a reserved entry that is not written yet; returns once it is durable.</summary>
    private async Task RowDurableAsync(string name)
    {
        if (unwrittenRows.Contains(name) && entries.TryGetValue(name, out var entry))
        {
            await SaveEntryAsync(entry);
        }
    }

    async Task<CacheResult> IDirectoryGrain.UpdateEntry(DirectoryEntry entry)
    {
        if (!Directory.Exists || !entries.TryGetValue(entry.Name, out var existing) || existing.Kind != entry.Kind
            || (existing.Incarnation != Guid.Empty && entry.Incarnation != Guid.Empty && existing.Incarnation != entry.Incarnation))
        {
            return CacheResult.Fail(CacheError.NotFound, $"no {entry.Kind} '{entry.Name}' in '{Path}'");
        }

        if (existing != entry || unwrittenRows.Contains(entry.Name))
        {
            await SaveEntryAsync(entry);
        }

        return CacheResult.Ok;
    }

    async Task<CacheResult> IDirectoryGrain.RemoveEntry(string name, EntryKind kind)
    {
        // The object may have just been deleted from the UFS too: never list it again from an old listing.
        ufsChildren?.Remove(name);
        if (!entries.TryGetValue(name, out var existing) || existing.Kind != kind)
        {
            return CacheResult.Fail(CacheError.NotFound, $"no {kind} '{name}' in '{Path}'");
        }

        await RemoveEntryAsync(name);
        Touch();
        return CacheResult.Ok;
    }

    async Task<CacheResult<DirectoryEntry>> IDirectoryGrain.Lookup(string name)
    {
        if (Directory.Exists && entries.TryGetValue(name, out var entry))
        {
            return CacheResult<DirectoryEntry>.Ok(entry);
        }

        return (await UfsChildrenAsync()).TryGetValue(name, out var child)
            ? CacheResult<DirectoryEntry>.Ok(EntryOf(child))
            : CacheResult<DirectoryEntry>.Fail(CacheError.NotFound, $"no entry '{name}' in '{Path}'");
    }

    async Task<CacheResult<IReadOnlyList<DirectoryEntry>>> IDirectoryGrain.List()
    {
        var ufs = await UfsChildrenAsync();
        if (!Directory.Exists && !InUfs(ufs))
        {
            return CacheResult<IReadOnlyList<DirectoryEntry>>.Fail(CacheError.NotFound, $"no directory '{Path}'");
        }

        var merged = new List<DirectoryEntry>(entries.Count + ufs.Count);
        merged.AddRange(entries.Values);
        foreach (var (name, child) in ufs)
        {
            if (!entries.ContainsKey(name))
            {
                merged.Add(EntryOf(child));
            }
        }

        merged.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return CacheResult<IReadOnlyList<DirectoryEntry>>.Ok(merged);
    }

    async Task<CacheResult> IDirectoryGrain.MarkRemoved()
    {
        if (Path == CachePath.Root)
        {
            return CacheResult.Fail(CacheError.AccessDenied, "the root cannot be removed");
        }

        // Objects in the under file system below this directory count too; look afresh, never from an old listing.
        ufsChildren = null;
        ufsListing = null;
        var ufs = await UfsChildrenAsync();
        if (!Directory.Exists && !InUfs(ufs))
        {
            return CacheResult.Fail(CacheError.NotFound, $"no directory '{Path}'");
        }

        if (entries.Count > 0 || namesBeingMade.Count > 0)
        {
            return CacheResult.Fail(CacheError.NotEmpty, $"'{Path}' has {entries.Count + namesBeingMade.Count} entries");
        }

        if (ufs.Count > 0)
        {
            return CacheResult.Fail(CacheError.NotEmpty, $"'{Path}' still has objects in the under file system");
        }

        // Empty now: a create that interleaves from here on would be left inside a removed directory.
        creatingRefused = true;
        try
        {
            return await RemoveEmptyAsync();
        }
        finally
        {
            creatingRefused = false;
        }
    }

    private async Task<CacheResult> RemoveEmptyAsync()
    {
        // The directory files were persisted into goes too, or its parent would go on listing it (and refuse rmdir).
        if (mounts.Resolve(Path) is { } target)
        {
            try
            {
                if (!await target.Ufs.RemoveDirectoryAsync(target.RelativePath, CancellationToken.None))
                {
                    return CacheResult.Fail(CacheError.NotEmpty, $"'{Path}' still has objects in the under file system");
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return CacheResult.Fail(CacheError.IoError, $"removing '{Path}' from the under file system failed: {e.Message}");
            }
        }

        StopAttributeFlush();
        if (state.RecordExists)
        {
            // A directory known only to the under file system never wrote a state.
            await state.ClearStateAsync();
        }

        state.State = new DirectoryState();
        ufsChildren = null;
        ufsHasDirectory = false;
        return CacheResult.Ok;
    }

    async Task<CacheResult> IDirectoryGrain.Initialize(uint mode, uint uid, uint gid)
    {
        if (Directory.Exists)
        {
            return CacheResult.Fail(CacheError.Exists, $"'{Path}' exists");
        }

        var now = time.GetUtcNow();
        state.State = new DirectoryState { Exists = true, Mode = mode & 0xFFF, Uid = uid, Gid = gid, CreatedUtc = now, ModifiedUtc = now };

        // Until its state is durable, this directory takes no children: a failed write must not leave one behind.
        creatingRefused = true;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = new DirectoryState();
            throw;
        }
        finally
        {
            creatingRefused = false;
        }

        return CacheResult.Ok;
    }

    async Task<CacheResult<DirectoryDetails>> IDirectoryGrain.SetMetadata(uint? mode, uint? uid, uint? gid, DateTimeOffset? modifiedUtc)
    {
        var ufs = await UfsChildrenAsync();
        if (!Directory.Exists && !InUfs(ufs))
        {
            return CacheResult<DirectoryDetails>.Fail(CacheError.NotFound, $"no directory '{Path}'");
        }

        Directory.Exists = true;
        Directory.Mode = mode is { } m ? m & 0xFFF : Directory.Mode;
        Directory.Uid = uid ?? Directory.Uid;
        Directory.Gid = gid ?? Directory.Gid;
        Directory.ModifiedUtc = modifiedUtc ?? Directory.ModifiedUtc;
        await FlushAttributesAsync();
        if (Path != CachePath.Root)
        {
            // The parent's listing shows these attributes too.
            var entry = new DirectoryEntry(CachePath.Name(Path), EntryKind.Directory, 0, Directory.Mode, Directory.ModifiedUtc, FileStatus.None, Uid: Directory.Uid, Gid: Directory.Gid);
            await GrainFactory.Directory(CachePath.Parent(Path)).UpdateEntry(entry);
        }

        return CacheResult<DirectoryDetails>.Ok(DetailsOf());
    }

    Task<DirectoryState> IDirectoryGrain.GetState()
    {
        Directory.EntryCount = entries.Count;
        return Task.FromResult(Directory);
    }

    private DirectoryDetails DetailsOf() => new(Path, Directory.Mode, Directory.ModifiedUtc, entries.Count, Directory.Uid, Directory.Gid);

    // Memory changes before the store is written, and the store applies writes in the order they were queued, so an
    // interleaved UpdateEntry can neither resurrect a removed row nor be overtaken by an older write of the same row.
    private async Task SaveEntryAsync(DirectoryEntry entry)
    {
        var previous = entries.GetValueOrDefault(entry.Name);
        var wasUnwritten = unwrittenRows.Remove(entry.Name);
        entries[entry.Name] = entry;
        try
        {
            await store.SaveAsync(Path, entry);
        }
        catch
        {
            // Not durable, so not there: a retry must not find it already done.
            if (entries.GetValueOrDefault(entry.Name) == entry)
            {
                if (previous is null)
                {
                    entries.Remove(entry.Name);
                }
                else
                {
                    entries[entry.Name] = previous;
                    if (wasUnwritten)
                    {
                        unwrittenRows.Add(entry.Name);
                    }
                }
            }

            throw;
        }
    }

    private async Task RemoveEntryAsync(string name)
    {
        entries.Remove(name);
        unwrittenRows.Remove(name);
        await store.RemoveAsync(Path, name);
    }

    private async Task<CacheResult> CheckNewNameAsync(string name) => CheckNewName(name, await UfsChildrenAsync());

    /// <summary>Whether <paramref name="name"/> may be created here; does not wait, so its answer holds for the rest of the turn.</summary>
    private CacheResult CheckNewName(string name, IReadOnlyDictionary<string, UfsEntry> ufs)
    {
        if (creatingRefused)
        {
            // Being made or removed: until that is done it takes no children.
            return CacheResult.Fail(CacheError.NotFound, $"no directory '{Path}'");
        }

        if (!Directory.Exists)
        {
            if (!InUfs(ufs))
            {
                return CacheResult.Fail(CacheError.NotFound, $"no directory '{Path}'");
            }

            // A directory known only to the under file system becomes one of ours when something is created in it.
            Directory.Exists = true;
            Directory.CreatedUtc = Directory.ModifiedUtc = time.GetUtcNow();
        }

        if (!CachePath.IsValidName(name))
        {
            return CacheResult.Fail(CacheError.InvalidArgument, $"'{name}' is not a valid name");
        }

        // Write-once covers objects already in the bucket too.
        return entries.ContainsKey(name) || ufs.ContainsKey(name) || namesBeingMade.Contains(name)
            ? CacheResult.Fail(CacheError.Exists, $"'{CachePath.Combine(Path, name)}' exists")
            : CacheResult.Ok;
    }

    /// <summary>The children the under file system holds below this directory, listed at most every few seconds; empty when no mount covers it or the listing fails.</summary>
    private Task<IReadOnlyDictionary<string, UfsEntry>> UfsChildrenAsync()
    {
        if (ufsChildren is not null && time.GetUtcNow() - ufsListedAt < UfsListingLifetime)
        {
            return Task.FromResult<IReadOnlyDictionary<string, UfsEntry>>(ufsChildren);
        }

        // Interleaved creates share the listing in flight instead of each starting its own.
        if (ufsListing is { IsCompleted: false } inFlight)
        {
            return inFlight;
        }

        ufsListing = ListUfsChildrenAsync();
        return ufsListing;
    }

    private async Task<IReadOnlyDictionary<string, UfsEntry>> ListUfsChildrenAsync()
    {
        var children = new Dictionary<string, UfsEntry>(StringComparer.Ordinal);
        if (mounts.Resolve(Path) is { } target)
        {
            try
            {
                await foreach (var child in target.Ufs.ListAsync(target.RelativePath, CancellationToken.None))
                {
                    if (CachePath.IsValidName(child.Name) && children.Count < MaxUfsChildren)
                    {
                        children[child.Name] = child;
                    }
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The cache keeps serving what it knows; the next listing tries again.
                LogUfsListingFailed(Path, e);
            }
        }

        ufsChildren = children;
        ufsHasDirectory = children.Count > 0 || (!Directory.Exists && await UfsHasEmptyDirectoryAsync());
        ufsListedAt = time.GetUtcNow();
        return children;
    }

    /// <summary>Whether the listing shows this directory in the under file system: it has children there, or exists there empty.</summary>
    private bool InUfs(IReadOnlyDictionary<string, UfsEntry> ufs) => ufs.Count > 0 || ufsHasDirectory;

    /// <summary>
    /// Whether the under file system holds this directory with nothing in it: made by another tool (an S3 console's
    /// folder, a local mkdir), it is listed by the parent and must open as an empty directory, not as ENOENT.
    /// </summary>
    private async Task<bool> UfsHasEmptyDirectoryAsync()
    {
        if (Path == CachePath.Root || mounts.Resolve(Path) is not { } target)
        {
            return false;
        }

        try
        {
            return await target.Ufs.DirectoryExistsAsync(target.RelativePath, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogUfsListingFailed(Path, e);
            return false;
        }
    }

    private static DirectoryEntry EntryOf(UfsEntry child) => child switch
    {
        { IsDirectory: true } => new DirectoryEntry(child.Name, EntryKind.Directory, 0, 493, child.ModifiedTime ?? DateTimeOffset.UnixEpoch, FileStatus.None),
        { IsSymlink: true } => new DirectoryEntry(child.Name, EntryKind.Symlink, child.Size, 0x1FF, child.ModifiedTime ?? DateTimeOffset.UnixEpoch, FileStatus.Persisted),
        _ => new DirectoryEntry(child.Name, EntryKind.File, child.Size, 420, child.ModifiedTime ?? DateTimeOffset.UnixEpoch, FileStatus.Persisted),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the reserved entry {Name} of {Path} while deactivating failed")]
    private partial void LogRowWriteFailed(string path, string name, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing {Path} in the under file system failed")]
    private partial void LogUfsListingFailed(string path, Exception exception);

    /// <summary>An entry was added or removed: the modification time moves now and is written shortly.</summary>
    private void Touch()
    {
        Directory.ModifiedUtc = time.GetUtcNow();
        attributeFlush ??= this.RegisterGrainTimer(
            FlushAttributesAsync,
            new GrainTimerCreationOptions { DueTime = AttributeFlushDelay, Period = Timeout.InfiniteTimeSpan });
    }

    private async Task FlushAttributesAsync()
    {
        StopAttributeFlush();
        Directory.EntryCount = entries.Count;
        await state.WriteStateAsync();
    }

    private void StopAttributeFlush()
    {
        attributeFlush?.Dispose();
        attributeFlush = null;
    }
}
