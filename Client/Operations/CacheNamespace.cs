using WriteCache.Directories;
using WriteCache.Files;

namespace WriteCache.Client.Operations;

/// <summary>
/// Walks the cache namespace through the directory and file grains: what <c>wcache fs ls -R</c>, <c>async-persist stat</c>
/// and the silo's write-cache view show. Works from a cluster client and from inside a silo alike.
/// </summary>
public sealed class CacheNamespace(IGrainFactory grains)
{
    /// <summary>The entry at <paramref name="path"/> (the root is a directory); a <see cref="NamespaceException"/> when there is none.</summary>
    public async Task<DirectoryEntry> EntryAsync(string path)
    {
        if (path == CachePath.Root)
        {
            return new DirectoryEntry(string.Empty, EntryKind.Directory, 0, 493, DateTimeOffset.UnixEpoch, FileStatus.None);
        }

        var found = await grains.Directory(CachePath.Parent(path)).Lookup(CachePath.Name(path)).ConfigureAwait(false);
        return found.IsOk ? found.Value! : throw new NamespaceException($"no such file or directory: {path}");
    }

    /// <summary>The children of directory <paramref name="path"/>.</summary>
    public async Task<IReadOnlyList<DirectoryEntry>> ListAsync(string path)
    {
        var listed = await grains.Directory(path).List().ConfigureAwait(false);
        return listed.IsOk ? listed.Value! : throw new NamespaceException($"cannot list {path}: {listed.Message}");
    }

    /// <summary>Every entry at or below <paramref name="path"/>, with its full path, depth first.</summary>
    public async IAsyncEnumerable<(string Path, DirectoryEntry Entry)> WalkAsync(string path, bool recursive)
    {
        var entry = await EntryAsync(path).ConfigureAwait(false);
        if (entry.Kind != EntryKind.Directory)
        {
            yield return (path, entry);
            yield break;
        }

        foreach (var child in await ListAsync(path).ConfigureAwait(false))
        {
            var childPath = CachePath.Combine(path, child.Name);
            yield return (childPath, child);
            if (recursive && child.Kind == EntryKind.Directory)
            {
                await foreach (var below in WalkAsync(childPath, recursive: true).ConfigureAwait(false))
                {
                    yield return below;
                }
            }
        }
    }

    /// <summary>The file grain's own view of <paramref name="path"/> (fresher than a directory entry); a <see cref="NamespaceException"/> when there is no file.</summary>
    public async Task<FileDetails> FileAsync(string path)
    {
        var details = await grains.File(path).GetStatus().ConfigureAwait(false);
        return details.IsOk ? details.Value! : throw new NamespaceException($"no such file: {path}");
    }
}
