using WriteCache.Directories;
using WriteCache.Files;

namespace WriteCache.Cli.Commands;

/// <summary>Walks the cache namespace through the directory and file grains.</summary>
public sealed class Namespace(IClusterClient client)
{
    /// <summary>The entry at <paramref name="path"/> (the root is a directory), or a <see cref="CliException"/> when there is none.</summary>
    public async Task<DirectoryEntry> EntryAsync(string path)
    {
        if (path == CachePath.Root)
        {
            return new DirectoryEntry(string.Empty, EntryKind.Directory, 0, 493, DateTimeOffset.UnixEpoch, FileStatus.None);
        }

        var found = await client.GetGrain<IDirectoryGrain>(CachePath.Parent(path)).Lookup(CachePath.Name(path));
        return found.IsOk ? found.Value! : throw new CliException($"no such file or directory: {path}");
    }

    /// <summary>The children of directory <paramref name="path"/>.</summary>
    public async Task<IReadOnlyList<DirectoryEntry>> ListAsync(string path)
    {
        var listed = await client.GetGrain<IDirectoryGrain>(path).List();
        return listed.IsOk ? listed.Value! : throw new CliException($"cannot list {path}: {listed.Message}");
    }

    /// <summary>Every file at or below <paramref name="path"/>, with its full path, depth first.</summary>
    public async IAsyncEnumerable<(string Path, DirectoryEntry Entry)> WalkAsync(string path, bool recursive)
    {
        var entry = await EntryAsync(path);
        if (entry.Kind == EntryKind.File)
        {
            yield return (path, entry);
            yield break;
        }

        foreach (var child in await ListAsync(path))
        {
            var childPath = CachePath.Combine(path, child.Name);
            yield return (childPath, child);
            if (recursive && child.Kind == EntryKind.Directory)
            {
                await foreach (var below in WalkAsync(childPath, recursive: true))
                {
                    yield return below;
                }
            }
        }
    }

    /// <summary>The file grain's view of <paramref name="path"/>.</summary>
    public async Task<FileDetails> FileAsync(string path)
    {
        var details = await client.GetGrain<IFileGrain>(path).GetStatus();
        return details.IsOk ? details.Value! : throw new CliException($"no such file: {path}");
    }
}
