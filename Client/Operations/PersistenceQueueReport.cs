using WriteCache.Files;
using WriteCache.Pages;

namespace WriteCache.Client.Operations;

/// <summary>Persistence work below a path: uploads per silo, and the committed files not yet in the under file system.</summary>
/// <param name="Silos">Uploads queued and in flight on each live silo.</param>
/// <param name="Unpersisted">Files below the path that are NOT_PERSISTED or PERSISTING, as their file grains report them.</param>
public sealed record PersistenceQueueReport(IReadOnlyList<UploadStats> Silos, IReadOnlyList<FileDetails> Unpersisted)
{
    /// <summary>Files waiting for an upload.</summary>
    public int Waiting => Unpersisted.Count(f => f.Status == FileStatus.NotPersisted);

    /// <summary>Files being uploaded now.</summary>
    public int Persisting => Unpersisted.Count(f => f.Status == FileStatus.Persisting);

    /// <summary>Unpersisted files whose last attempt failed.</summary>
    public IReadOnlyList<FileDetails> Failing => Unpersisted.Where(f => f.LastError is not null).ToList();

    /// <summary>Bytes not yet in the under file system.</summary>
    public long BytesWaiting => Unpersisted.Sum(f => f.Size);

    /// <summary>How long the oldest unpersisted file has waited (by its modification time), zero when none waits.</summary>
    public TimeSpan OldestUnpersistedAge(DateTimeOffset now) =>
        Unpersisted.Count == 0 ? TimeSpan.Zero : now - Unpersisted.Min(f => f.ModifiedUtc);

    /// <summary>Uploads queued plus in flight, over all silos.</summary>
    public int QueueDepth => Silos.Sum(s => s.Queued + s.InFlight);
}
