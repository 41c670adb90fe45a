using System.Collections.Concurrent;
using WriteCache.Directories;

namespace WriteCache.FuseGateway.FileSystem;

/// <summary>
/// Directory attributes this gateway read, kept for the attribute timeout. The kernel drops a directory's
/// attributes after every create or remove in it and asks again before its next permission check, so a
/// program writing many files would cost one directory-grain call per file. Answers are at most one
/// timeout old, the same promise the kernel's own attribute cache makes; changes made through this
/// gateway move the cached modification time at once.
/// </summary>
public sealed class DirectoryAttributeCache(TimeSpan lifetime)
{
    // Pruning bounds the table when a program walks a large tree; expired entries are useless anyway.
    private const int PruneAbove = 4096;

    private readonly ConcurrentDictionary<string, Cached> cached = new(StringComparer.Ordinal);
    private readonly long lifetimeMs = (long)lifetime.TotalMilliseconds;

    /// <summary>The directory's attributes if they were read within the lifetime.</summary>
    public DirectoryDetails? Find(string path) =>
        cached.TryGetValue(path, out var entry) && Environment.TickCount64 - entry.ReadAtMs < lifetimeMs ? entry.Details : null;

    /// <summary>Remembers attributes just read from the directory grain.</summary>
    public void Store(string path, DirectoryDetails details)
    {
        if (lifetimeMs <= 0)
        {
            return;
        }

        if (cached.Count > PruneAbove)
        {
            Prune();
        }

        cached[path] = new Cached(details, Environment.TickCount64);
    }

    /// <summary>An entry of <paramref name="path"/> was added or removed through this gateway: its modification time is now.</summary>
    public void Touch(string path)
    {
        if (cached.TryGetValue(path, out var entry))
        {
            cached.TryUpdate(path, entry with { Details = entry.Details with { ModifiedUtc = DateTimeOffset.UtcNow } }, entry);
        }
    }

    /// <summary>Drops what is known of <paramref name="path"/> (its attributes were set, or it was removed).</summary>
    public void Forget(string path) => cached.TryRemove(path, out _);

    private void Prune()
    {
        var now = Environment.TickCount64;
        foreach (var (path, entry) in cached)
        {
            if (now - entry.ReadAtMs >= lifetimeMs)
            {
                cached.TryRemove(path, out _);
            }
        }
    }

    private readonly record struct Cached(DirectoryDetails Details, long ReadAtMs);
}
