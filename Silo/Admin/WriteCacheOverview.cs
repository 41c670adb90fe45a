using WriteCache.Client.Operations;
using WriteCache.Directories;
using WriteCache.Files;
using WriteCache.Pages;

namespace WriteCache.Silo.Admin;

/// <summary>What the write-cache view's main page shows: files by state below a path, every silo's page store, the persistence queue and its failures.</summary>
/// <param name="Path">The directory walked.</param>
/// <param name="FilesByState">Number of files in each state (by operator name, e.g. <c>NOT_PERSISTED</c>).</param>
/// <param name="Files">The files, depth first, at most the limit asked for.</param>
/// <param name="Truncated">True when there were more files than <paramref name="Files"/> holds.</param>
/// <param name="Silos">Capacity, used and pinned bytes of each live silo's page store.</param>
/// <param name="Persistence">Uploads queued and in flight, files waiting and failing.</param>
public sealed record WriteCacheOverview(
    string Path,
    IReadOnlyDictionary<string, int> FilesByState,
    IReadOnlyList<FileRow> Files,
    bool Truncated,
    IReadOnlyList<PageStoreStats> Silos,
    PersistenceSummary Persistence)
{
    /// <summary>Walks the namespace at and below <paramref name="path"/> once and asks the stores and the waiting files.</summary>
    public static async Task<WriteCacheOverview> ReadAsync(IGrainFactory grains, string path, int limit, DateTimeOffset now)
    {
        var entries = new List<(string Path, DirectoryEntry Entry)>();
        await foreach (var item in new CacheNamespace(grains).WalkAsync(path, recursive: true).ConfigureAwait(false))
        {
            entries.Add(item);
        }

        var files = entries.Where(e => e.Entry.Kind != EntryKind.Directory).ToList();
        var byState = files.GroupBy(f => f.Entry.Status.ToName()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        var rows = files.Take(limit).Select(f => new FileRow(f.Path, f.Entry.Status.ToName(), f.Entry.Size, f.Entry.ModifiedUtc)).ToList();
        var stores = await new ClusterStores(grains).StatsAsync().ConfigureAwait(false);
        var queue = await new PersistenceQueue(grains).ReadAsync(entries).ConfigureAwait(false);
        return new WriteCacheOverview(path, byState, rows, files.Count > rows.Count, stores, PersistenceSummary.Of(queue, now));
    }
}
