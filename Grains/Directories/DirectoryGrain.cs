using WriteCache.Files;
using WriteCache.Hosting;

namespace WriteCache.Directories;

/// <summary>A directory: its children with their listing attributes, mkdir and rmdir.</summary>
public sealed class DirectoryGrain(
    [PersistentState("directory", WriteCacheStorage.Name)] IPersistentState<DirectoryState> state,
    TimeProvider time) : Grain, IDirectoryGrain
{
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

    Task<CacheResult<DirectoryDetails>> IDirectoryGrain.GetDetails() =>
        Task.FromResult(state.State.Exists
            ? CacheResult<DirectoryDetails>.Ok(new DirectoryDetails(Path, state.State.Mode, state.State.ModifiedUtc, state.State.Entries.Count))
            : CacheResult<DirectoryDetails>.Fail(CacheError.NotFound, $"no directory '{Path}'"));

    async Task<CacheResult<DirectoryEntry>> IDirectoryGrain.MakeDirectory(string name, uint mode)
    {
        var check = CheckNewName(name);
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
        var check = CheckNewName(entry.Name);
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
        if (!state.State.Entries.TryGetValue(name, out var existing) || existing.Kind != kind)
        {
            return CacheResult.Fail(CacheError.NotFound, $"no {kind} '{name}' in '{Path}'");
        }

        state.State.Entries.Remove(name);
        await TouchAndWrite();
        return CacheResult.Ok;
    }

    Task<CacheResult<DirectoryEntry>> IDirectoryGrain.Lookup(string name) =>
        Task.FromResult(state.State.Exists && state.State.Entries.TryGetValue(name, out var entry)
            ? CacheResult<DirectoryEntry>.Ok(entry)
            : CacheResult<DirectoryEntry>.Fail(CacheError.NotFound, $"no entry '{name}' in '{Path}'"));

    Task<CacheResult<IReadOnlyList<DirectoryEntry>>> IDirectoryGrain.List() =>
        Task.FromResult(state.State.Exists
            ? CacheResult<IReadOnlyList<DirectoryEntry>>.Ok(state.State.Entries.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToList())
            : CacheResult<IReadOnlyList<DirectoryEntry>>.Fail(CacheError.NotFound, $"no directory '{Path}'"));

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

    private CacheResult CheckNewName(string name)
    {
        if (!state.State.Exists)
        {
            return CacheResult.Fail(CacheError.NotFound, $"no directory '{Path}'");
        }

        if (!CachePath.IsValidName(name))
        {
            return CacheResult.Fail(CacheError.InvalidArgument, $"'{name}' is not a valid name");
        }

        return state.State.Entries.ContainsKey(name)
            ? CacheResult.Fail(CacheError.Exists, $"'{CachePath.Combine(Path, name)}' exists")
            : CacheResult.Ok;
    }

    private Task TouchAndWrite()
    {
        state.State.ModifiedUtc = time.GetUtcNow();
        return state.WriteStateAsync();
    }
}
