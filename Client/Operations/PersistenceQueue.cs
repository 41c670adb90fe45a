using WriteCache.Directories;
using WriteCache.Files;

namespace WriteCache.Client.Operations;

/// <summary>Reads the persistence queue: <c>wcache async-persist stat</c> and the write-cache view's queue and failures.</summary>
public sealed class PersistenceQueue(IGrainFactory grains)
{
    /// <summary>
    /// Walks every directory at or below <paramref name="path"/> and asks each file the directory last saw unpersisted for
    /// its current state; on a large namespace give a narrow path.
    /// </summary>
    public async Task<PersistenceQueueReport> ReadAsync(string path)
    {
        var entries = new List<(string Path, DirectoryEntry Entry)>();
        await foreach (var item in new CacheNamespace(grains).WalkAsync(path, recursive: true).ConfigureAwait(false))
        {
            entries.Add(item);
        }

        return await ReadAsync(entries).ConfigureAwait(false);
    }

    /// <summary>The same, over entries already walked (so a caller that lists the namespace anyway walks it once).</summary>
    public async Task<PersistenceQueueReport> ReadAsync(IEnumerable<(string Path, DirectoryEntry Entry)> entries)
    {
        var uploads = await new ClusterStores(grains).UploadsAsync().ConfigureAwait(false);
        var unpersisted = new List<FileDetails>();
        foreach (var (filePath, entry) in entries)
        {
            if (entry.Kind != EntryKind.Directory && entry.Status is FileStatus.NotPersisted or FileStatus.Persisting)
            {
                // The directory may lag behind the file (or the file may be gone by now): only files still waiting count.
                var file = await grains.File(filePath).GetStatus().ConfigureAwait(false);
                if (file.IsOk && file.Value!.Status is FileStatus.NotPersisted or FileStatus.Persisting)
                {
                    unpersisted.Add(file.Value);
                }
            }
        }

        return new PersistenceQueueReport(uploads, unpersisted);
    }
}
