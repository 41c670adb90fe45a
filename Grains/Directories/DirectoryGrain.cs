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
    UfsMountTable mounts,
    TimeProvider time,
    ILogger<DirectoryGrain> logger) : Grain, IDirectoryGrain
{
    /// <summary>How long a listing of the under file system is reused; objects added behind the cache's back show up within it.</summary>
    private static readonly TimeSpan UfsListingLifetime = TimeSpan.FromSeconds(10);

    /// <summary>Most UFS children merged into one listing.</summary>
    private const int MaxUfsChildren = 100_000;

    private Dictionary<string, UfsEntry>? ufsChildren;
    private DateTimeOffset ufsListedAt;

    private string Path => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Path == CachePath.Root && !state.State.Exists)
        {
            // The root exists from the start; it is written on its first change.
            state.State.Exists = true;
            state.State.CreatedUtc = state.State.ModifiedUtc = time.GetUtcNow();
        }

        return Task.CompletedTask;
    }

    async Task<CacheResult<DirectoryDetails>> IDirectoryGrain.GetDetails()
    {
        var ufs = await UfsChildrenAsync();
        return state.State.Exists || ufs.Count > 0
            ? CacheResult<DirectoryDetails>.Ok(new DirectoryDetails(Path, state.State.Mode, state.State.ModifiedUtc, state.State.Entries.Count))
            : CacheResult<DirectoryDetails>.Fail(CacheError.NotFound, $"no directory '{Path}'");
    }

    async Task<CacheResult<DirectoryEntry>> IDirectoryGrain.MakeDirectory(string name, uint mode)
    {
        var check = await CheckNewNameAsync(name);
        if (!check.IsOk)
        {
            return check;
        }

        var child = GrainFactory.GetGrain<IDirectoryGrain>(CachePath.Combine(Path, name));
        var created = await child.Initialize(mode);
        if (!created.IsOk)
        {
            return created;
        }

        var entry = new DirectoryEntry(name, EntryKind.Directory, 0, mode, time.GetUtcNow(), FileStatus.None);
        state.State.Entries[name] = entry;
        await TouchAndWrite();
        return CacheResult<DirectoryEntry>.Ok(entry);
    }

    async Task<CacheResult> IDirectoryGrain.RemoveDirectory(string name)
    {
        if (!state.State.Exists)
        {
            return CacheResult.Fail(CacheError.NotFound, $"no directory '{Path}'");
        }

        ufsChildren?.Remove(name);
        if (!state.State.Entries.TryGetValue(name, out var entry))
        {
            return CacheResult.Fail(CacheError.NotFound, $"no entry '{name}' in '{Path}'");
        }

        if (entry.Kind != EntryKind.Directory)
        {
            return CacheResult.Fail(CacheError.NotDirectory, $"'{CachePath.Combine(Path, name)}' is not a directory");
        }

        var removed = await GrainFactory.GetGrain<IDirectoryGrain>(CachePath.Combine(Path, name)).MarkRemoved();
        if (!removed.IsOk && removed.Error != CacheError.NotFound)
        {
            return removed;
        }

        state.State.Entries.Remove(name);
        await TouchAndWrite();
        return CacheResult.Ok;
    }

    async Task<CacheResult> IDirectoryGrain.AddEntry(DirectoryEntry entry)
    {
        if (entry.Incarnation != Guid.Empty && state.State.Entries.TryGetValue(entry.Name, out var existing) && existing.Incarnation == entry.Incarnation)
        {
            // The same create again (its first answer was lost): already done.
            return CacheResult.Ok;
        }

        var check = await CheckNewNameAsync(entry.Name);
        if (!check.IsOk)
        {
            return check;
        }

        state.State.Entries[entry.Name] = entry;
        await TouchAndWrite();
        return CacheResult.Ok;
    }

    async Task<CacheResult> IDirectoryGrain.UpdateEntry(DirectoryEntry entry)
    {
        if (!state.State.Exists || !state.State.Entries.TryGetValue(entry.Name, out var existing) || existing.Kind != entry.Kind)
        {
            return CacheResult.Fail(CacheError.NotFound, $"no {entry.Kind} '{entry.Name}' in '{Path}'");
        }

        state.State.Entries[entry.Name] = entry;
        await state.WriteStateAsync();
        return CacheResult.Ok;
    }

    async Task<CacheResult> IDirectoryGrain.RemoveEntry(string name, EntryKind kind)
    {
        // The object may have just been deleted from the UFS too: never list it again from an old listing.
        ufsChildren?.Remove(name);
        if (!state.State.Entries.TryGetValue(name, out var existing) || existing.Kind != kind)
        {
            return CacheResult.Fail(CacheError.NotFound, $"no {kind} '{name}' in '{Path}'");
        }

        state.State.Entries.Remove(name);
        await TouchAndWrite();
        return CacheResult.Ok;
    }

    async Task<CacheResult<DirectoryEntry>> IDirectoryGrain.Lookup(string name)
    {
        if (state.State.Exists && state.State.Entries.TryGetValue(name, out var entry))
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
        if (!state.State.Exists && ufs.Count == 0)
        {
            return CacheResult<IReadOnlyList<DirectoryEntry>>.Fail(CacheError.NotFound, $"no directory '{Path}'");
        }

        var merged = new Dictionary<string, DirectoryEntry>(state.State.Entries, StringComparer.Ordinal);
        foreach (var (name, child) in ufs)
        {
            merged.TryAdd(name, EntryOf(child));
        }

        return CacheResult<IReadOnlyList<DirectoryEntry>>.Ok(merged.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToList());
    }

    async Task<CacheResult> IDirectoryGrain.MarkRemoved()
    {
        if (Path == CachePath.Root)
        {
            return CacheResult.Fail(CacheError.AccessDenied, "the root cannot be removed");
        }

        if (!state.State.Exists)
        {
            return CacheResult.Fail(CacheError.NotFound, $"no directory '{Path}'");
        }

        if (state.State.Entries.Count > 0)
        {
            return CacheResult.Fail(CacheError.NotEmpty, $"'{Path}' has {state.State.Entries.Count} entries");
        }

        // Objects in the under file system below this directory count too; look afresh, never from an old listing.
        ufsChildren = null;
        if ((await UfsChildrenAsync()).Count > 0)
        {
            return CacheResult.Fail(CacheError.NotEmpty, $"'{Path}' still has objects in the under file system");
        }

        await state.ClearStateAsync();
        state.State = new DirectoryState();
        return CacheResult.Ok;
    }

    async Task<CacheResult> IDirectoryGrain.Initialize(uint mode)
    {
        if (state.State.Exists)
        {
            return CacheResult.Fail(CacheError.Exists, $"'{Path}' exists");
        }

        state.State = new DirectoryState { Exists = true, Mode = mode, CreatedUtc = time.GetUtcNow(), ModifiedUtc = time.GetUtcNow() };
        await state.WriteStateAsync();
        return CacheResult.Ok;
    }

    Task<DirectoryState> IDirectoryGrain.GetState() => Task.FromResult(state.State);

    private async Task<CacheResult> CheckNewNameAsync(string name)
    {
        var ufs = await UfsChildrenAsync();
        if (!state.State.Exists)
        {
            if (ufs.Count == 0)
            {
                return CacheResult.Fail(CacheError.NotFound, $"no directory '{Path}'");
            }

            // A directory known only to the under file system becomes one of ours when something is created in it.
            state.State.Exists = true;
            state.State.CreatedUtc = state.State.ModifiedUtc = time.GetUtcNow();
        }

        if (!CachePath.IsValidName(name))
        {
            return CacheResult.Fail(CacheError.InvalidArgument, $"'{name}' is not a valid name");
        }

        // Write-once covers objects already in the bucket too.
        return state.State.Entries.ContainsKey(name) || ufs.ContainsKey(name)
            ? CacheResult.Fail(CacheError.Exists, $"'{CachePath.Combine(Path, name)}' exists")
            : CacheResult.Ok;
    }

    /// <summary>The children the under file system holds below this directory, listed at most every few seconds; empty when no mount covers it or the listing fails.</summary>
    private async Task<IReadOnlyDictionary<string, UfsEntry>> UfsChildrenAsync()
    {
        if (ufsChildren is not null && time.GetUtcNow() - ufsListedAt < UfsListingLifetime)
        {
            return ufsChildren;
        }

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
        ufsListedAt = time.GetUtcNow();
        return children;
    }

    private static DirectoryEntry EntryOf(UfsEntry child) => child.IsDirectory
        ? new DirectoryEntry(child.Name, EntryKind.Directory, 0, 493, child.ModifiedTime ?? DateTimeOffset.UnixEpoch, FileStatus.None)
        : new DirectoryEntry(child.Name, EntryKind.File, child.Size, 420, child.ModifiedTime ?? DateTimeOffset.UnixEpoch, FileStatus.Persisted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing {Path} in the under file system failed")]
    private partial void LogUfsListingFailed(string path, Exception exception);

    private Task TouchAndWrite()
    {
        state.State.ModifiedUtc = time.GetUtcNow();
        return state.WriteStateAsync();
    }
}
