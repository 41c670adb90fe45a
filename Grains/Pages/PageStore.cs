using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WriteCache.Configuration;
using WriteCache.Interop;

namespace WriteCache.Pages;

/// <summary>
/// The pages this silo keeps on its local disk, and their accounting: used bytes, pinned (not yet
/// persisted) bytes, and an LRU of clean pages that may be evicted when space is needed.
/// Layout: one file per page, <c>{Directory}/pages/{incarnation:N}.{index}</c>, and a journal of seals, unpins and
/// deletes beside them (<see cref="PageStoreJournal"/>). Stores of the earlier layout (a directory per incarnation,
/// with marker files <c>.sealed</c> and <c>.clean</c>) are converted when opened.
/// </summary>
public sealed partial class PageStore : IDisposable
{
    private const string LegacySealedMarker = ".sealed";
    private const string LegacyCleanMarker = ".clean";
    private const string TempSuffix = ".tmp";

    /// <summary>
    /// How many sealed incarnations without pages here, and deleted incarnations, are remembered, to refuse late writes
    /// to them (a page a writer sends after its file was abandoned would otherwise stay pinned for ever).
    /// </summary>
    private const int RememberedEmptySeals = 65536;

    private readonly object gate = new();
    private readonly Dictionary<Guid, IncarnationEntry> incarnations = [];
    private readonly LinkedList<PageKey> cleanLru = new();
    private readonly HashSet<Guid> emptySeals = [];
    private readonly Queue<Guid> emptySealOrder = new();
    private readonly SemaphoreSlim[] pageLocks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly PageStoreOptions options;
    private readonly ILogger<PageStore> logger;
    private readonly string pagesRoot;
    private readonly PageStoreJournal journal;
    private long usedBytes;
    private long pinnedBytes;
    private long evictedPages;

    /// <summary>Opens (and if need be creates) the store under <see cref="PageStoreOptions.Directory"/>, finding pages left by an earlier run.</summary>
    public PageStore(string storeName, IOptions<PageStoreOptions> options, ILogger<PageStore> logger)
    {
        StoreName = storeName;
        this.options = options.Value;
        this.logger = logger;
        pagesRoot = Path.Combine(Path.GetFullPath(this.options.Directory), "pages");
        Directory.CreateDirectory(pagesRoot);
        journal = Load();
    }

    /// <summary>The name of this store: the silo's name, stable across restarts.</summary>
    public string StoreName { get; }

    /// <summary>Stores page <paramref name="index"/> of <paramref name="incarnation"/>, replacing an earlier version of it before the seal.</summary>
    public Task<CacheResult> WriteAsync(Guid incarnation, int index, ReadOnlyMemory<byte> data) => WriteCoreAsync(incarnation, index, data, clean: false);

    /// <summary>Caches a page of a persisted incarnation read back from the under file system: clean (evictable), even though the incarnation is sealed.</summary>
    public Task<CacheResult> CacheCleanAsync(Guid incarnation, int index, ReadOnlyMemory<byte> data) => WriteCoreAsync(incarnation, index, data, clean: true);

    private async Task<CacheResult> WriteCoreAsync(Guid incarnation, int index, ReadOnlyMemory<byte> data, bool clean)
    {
        if (index < 0 || data.Length == 0 || data.Length > PageStoreOptionsValidator.MaxPageSize)
        {
            return CacheResult.Fail(CacheError.InvalidArgument, $"page {index} of {data.Length} bytes");
        }

        var pageLock = LockFor(incarnation, index);
        await pageLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var reservation = Reserve(incarnation, index, data.Length, clean);
            DeleteFiles(reservation.Evicted);
            if (!reservation.Outcome.IsOk)
            {
                return reservation.Outcome;
            }

            try
            {
                var path = PagePath(incarnation, index);
                if (reservation.Overwrite)
                {
                    // Replace atomically: a reader never sees half of an older and half of a newer page.
                    var temp = path + TempSuffix;
                    await WriteFileAsync(temp, data).ConfigureAwait(false);
                    File.Move(temp, path, overwrite: true);
                }
                else
                {
                    await WriteFileAsync(path, data).ConfigureAwait(false);
                }

                if (clean && reservation.NewIncarnation)
                {
                    // A restart must find re-cached pages clean and sealed, not pinned.
                    AppendToJournal(IncarnationEvent.Sealed, incarnation);
                    AppendToJournal(IncarnationEvent.Clean, incarnation);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Release(incarnation, index, data.Length - reservation.PreviousLength);
                if (!reservation.Overwrite)
                {
                    // A partly written page file would otherwise come back as a page of that length at the next open.
                    DeleteFiles([new PageKey(incarnation, index)]);
                }

                LogWriteFailed(incarnation, index, e);
                // The disk under the store can fill before the store's own capacity does (other files on it, or a
                // capacity set larger than the disk).
                return DiskFull.Is(e)
                    ? CacheResult.Fail(CacheError.OutOfSpace, $"writing page {index}: the disk of store {StoreName} is full before its capacity is reached ({e.Message})")
                    : CacheResult.Fail(CacheError.IoError, $"writing page {index}: {e.Message}");
            }

            Diagnostics.WriteCacheMetrics.PageWritten(data.Length, clean);
            return CacheResult.Ok;
        }
        finally
        {
            pageLock.Release();
        }
    }

    /// <summary>Reads part of a page; NotFound when the page is not held here.</summary>
    public async Task<CacheResult<ReadOnlyMemory<byte>>> ReadAsync(Guid incarnation, int index, int offset, int length)
    {
        int pageLength;
        lock (gate)
        {
            if (!incarnations.TryGetValue(incarnation, out var entry) || !entry.Pages.TryGetValue(index, out var page))
            {
                return CacheResult<ReadOnlyMemory<byte>>.Fail(CacheError.NotFound, $"page {index} of {incarnation:N} is not in store {StoreName}");
            }

            pageLength = page.Length;
            if (page.LruNode is not null)
            {
                cleanLru.Remove(page.LruNode);
                cleanLru.AddLast(page.LruNode);
            }
        }

        if (offset < 0 || length < 0)
        {
            return CacheResult<ReadOnlyMemory<byte>>.Fail(CacheError.InvalidArgument, "negative offset or length");
        }

        var count = Math.Max(0, Math.Min(length, pageLength - offset));
        // A pooled buffer, stale until the loop below fills every byte of the count; on any failure it goes back.
        var buffer = PageBuffers.Rent(count);
        var filled = false;
        try
        {
            // Asynchronous on purpose: the store's grain runs one turn at a time, so a read done in place would
            // queue every other read and write of this silo's pages behind it.
            using var handle = File.OpenHandle(PagePath(incarnation, index), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
            FileAdvice.WillNeed(handle);
            var read = 0;
            while (read < count)
            {
                var n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read), offset + read).ConfigureAwait(false);
                if (n == 0)
                {
                    return CacheResult<ReadOnlyMemory<byte>>.Fail(CacheError.IoError, $"page {index} of {incarnation:N} is shorter than recorded");
                }

                read += n;
            }

            filled = true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Evicted or deleted between the lookup and the open.
            return CacheResult<ReadOnlyMemory<byte>>.Fail(CacheError.NotFound, $"page {index} of {incarnation:N} is gone from store {StoreName}");
        }
        catch (IOException e)
        {
            return CacheResult<ReadOnlyMemory<byte>>.Fail(CacheError.IoError, $"reading page {index}: {e.Message}");
        }
        finally
        {
            if (!filled)
            {
                PageBuffers.Return(buffer);
            }
        }

        return CacheResult<ReadOnlyMemory<byte>>.Ok(buffer.AsMemory(0, count));
    }

    /// <summary>Refuses further writes to <paramref name="incarnation"/>; with <paramref name="sync"/>, makes its pages durable first.</summary>
    public async Task<CacheResult> SealAsync(Guid incarnation, bool sync)
    {
        bool wasSealed;
        lock (gate)
        {
            if (!incarnations.TryGetValue(incarnation, out var entry))
            {
                RememberEmptySeal(incarnation);
                return CacheResult.Ok;
            }

            wasSealed = entry.Sealed;
            entry.Sealed = true;
        }

        if (!wasSealed)
        {
            try
            {
                AppendToJournal(IncarnationEvent.Sealed, incarnation);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogSyncFailed(incarnation, e);
                return CacheResult.Fail(CacheError.IoError, $"sealing {incarnation:N} in store {StoreName}: {e.Message}");
            }
        }

        return sync ? await SyncAsync(incarnation).ConfigureAwait(false) : CacheResult.Ok;
    }

    /// <summary>
    /// Makes every page of <paramref name="incarnation"/> written so far durable, and the journal with them: an fsync
    /// of each new page, of the journal and of the pages directory (for the new names), all side by side, since the
    /// answer waits for every one of them and their order does not matter.
    /// </summary>
    public async Task<CacheResult> SyncAsync(Guid incarnation)
    {
        List<int> unsynced;
        lock (gate)
        {
            unsynced = incarnations.TryGetValue(incarnation, out var entry)
                ? entry.Pages.Where(p => !p.Value.Synced).Select(p => p.Key).ToList()
                : [];
        }

        try
        {
            var journalFlush = Task.Run(journal.Flush);
            var directoryFlush = unsynced.Count > 0 ? Task.Run(() => DirectorySync.Flush(pagesRoot)) : Task.CompletedTask;
            await Parallel.ForEachAsync(unsynced, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (index, _) =>
            {
                using var handle = File.OpenHandle(PagePath(incarnation, index), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                RandomAccess.FlushToDisk(handle);
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);
            await Task.WhenAll(journalFlush, directoryFlush).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSyncFailed(incarnation, e);
            return CacheResult.Fail(CacheError.IoError, $"making pages of {incarnation:N} durable in store {StoreName}: {e.Message}");
        }

        lock (gate)
        {
            if (incarnations.TryGetValue(incarnation, out var entry))
            {
                foreach (var index in unsynced)
                {
                    if (entry.Pages.TryGetValue(index, out var page))
                    {
                        page.Synced = true;
                    }
                }
            }
        }

        return CacheResult.Ok;
    }

    /// <summary>Marks the incarnation's pages clean: no longer pinned, evictable least-recently-used first.</summary>
    public async Task<CacheResult> UnpinAsync(Guid incarnation)
    {
        bool known;
        var unpinned = false;
        lock (gate)
        {
            known = incarnations.TryGetValue(incarnation, out var entry);
            if (known && entry!.Pinned)
            {
                unpinned = true;
                entry.Pinned = false;
                pinnedBytes -= entry.Bytes;
                foreach (var (index, page) in entry.Pages)
                {
                    page.LruNode = cleanLru.AddLast(new PageKey(incarnation, index));
                }
            }
        }

        if (!known)
        {
            return CacheResult.Ok;
        }

        try
        {
            // Durable before the answer: the file grain stops telling this store once it hears Ok, so a record lost to a
            // power cut would leave the pages pinned (never a loss, but space that never comes back). A repeated unpin
            // (its first answer failed) flushes again, since the first flush may be the part that failed.
            if (unpinned)
            {
                AppendToJournal(IncarnationEvent.Clean, incarnation);
            }

            await Task.Run(journal.Flush).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogMarkerFailed(incarnation, e);
            return CacheResult.Fail(CacheError.IoError, $"recording {incarnation:N} as persisted in store {StoreName}: {e.Message}");
        }

        return CacheResult.Ok;
    }

    /// <summary>Removes every page of the incarnation; returns how many there were.</summary>
    public Task<CacheResult<int>> DeleteAsync(Guid incarnation)
    {
        int[] pages;
        lock (gate)
        {
            pages = [];
            RememberEmptySeal(incarnation);
            if (incarnations.Remove(incarnation, out var entry))
            {
                pages = [.. entry.Pages.Keys];
                usedBytes -= entry.Bytes;
                if (entry.Pinned)
                {
                    pinnedBytes -= entry.Bytes;
                }

                foreach (var page in entry.Pages.Values)
                {
                    if (page.LruNode is not null)
                    {
                        cleanLru.Remove(page.LruNode);
                    }
                }
            }
        }

        if (pages.Length == 0)
        {
            return Task.FromResult(CacheResult<int>.Ok(0));
        }

        try
        {
            // The record first: a crash part-way leaves files that the next open removes, not pages that come back.
            AppendToJournal(IncarnationEvent.Deleted, incarnation);
            foreach (var index in pages)
            {
                File.Delete(PagePath(incarnation, index));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(CacheResult<int>.Fail(CacheError.IoError, $"removing pages of {incarnation:N}: {e.Message}"));
        }

        return Task.FromResult(CacheResult<int>.Ok(pages.Length));
    }

    /// <summary>Capacity, used and pinned bytes of this store.</summary>
    public PageStoreStats GetStats(string siloAddress)
    {
        lock (gate)
        {
            return new PageStoreStats(
                StoreName,
                siloAddress,
                Path.GetDirectoryName(pagesRoot) ?? pagesRoot,
                options.CapacityBytes,
                usedBytes,
                pinnedBytes,
                options.PinnedLimitBytes,
                incarnations.Values.Sum(e => (long)e.Pages.Count),
                incarnations.Count,
                evictedPages);
        }
    }

    /// <summary>Every incarnation with pages here.</summary>
    public IReadOnlyList<IncarnationPages> ListIncarnations()
    {
        lock (gate)
        {
            return incarnations
                .Where(e => e.Value.Pages.Count > 0)
                .Select(e => new IncarnationPages(e.Key, e.Value.Pages.Keys.Order().ToArray(), e.Value.Bytes, e.Value.Pinned, e.Value.Sealed))
                .ToList();
        }
    }

    private Reservation Reserve(Guid incarnation, int index, int length, bool clean)
    {
        lock (gate)
        {
            if (!clean && emptySeals.Contains(incarnation))
            {
                return Reservation.Refused(CacheResult.Fail(CacheError.AccessDenied, $"incarnation {incarnation:N} is committed or deleted"));
            }

            incarnations.TryGetValue(incarnation, out var entry);
            if (!clean && entry is { Sealed: true })
            {
                return Reservation.Refused(CacheResult.Fail(CacheError.AccessDenied, $"incarnation {incarnation:N} is committed"));
            }

            var previous = entry is not null && entry.Pages.TryGetValue(index, out var old) ? old.Length : 0;
            var delta = (long)length - previous;
            var pinned = entry?.Pinned ?? !clean;
            if (pinned && pinnedBytes + delta > options.PinnedLimitBytes)
            {
                return Reservation.Refused(CacheResult.Fail(
                    CacheError.OutOfSpace,
                    $"store {StoreName}: pinned {pinnedBytes} + {delta} bytes would pass the limit of {options.PinnedLimitBytes} (PageStore:PinnedCapacityRatio {options.PinnedCapacityRatio})"));
            }

            var evicted = new List<PageKey>();
            while (usedBytes + delta > options.CapacityBytes && cleanLru.First is { } oldest)
            {
                evicted.Add(oldest.Value);
                EvictLocked(oldest);
            }

            if (usedBytes + delta > options.CapacityBytes)
            {
                return Reservation.Refused(CacheResult.Fail(
                    CacheError.OutOfSpace,
                    $"store {StoreName}: {usedBytes} + {delta} bytes would pass the capacity of {options.CapacityBytes} and nothing is evictable"),
                    evicted);
            }

            var created = entry is null;
            if (entry is null)
            {
                entry = new IncarnationEntry { Pinned = !clean, Sealed = clean };
                incarnations.Add(incarnation, entry);
            }

            if (entry.Pages.TryGetValue(index, out var page))
            {
                page.Length = length;
                page.Synced = false;
            }
            else
            {
                page = new PageEntry { Length = length };
                entry.Pages.Add(index, page);
            }

            if (!entry.Pinned && page.LruNode is null)
            {
                page.LruNode = cleanLru.AddLast(new PageKey(incarnation, index));
            }

            entry.Bytes += delta;
            usedBytes += delta;
            if (entry.Pinned)
            {
                pinnedBytes += delta;
            }

            return new Reservation(CacheResult.Ok, previous, previous > 0, evicted, created);
        }
    }

    private void Release(Guid incarnation, int index, long delta)
    {
        lock (gate)
        {
            if (!incarnations.TryGetValue(incarnation, out var entry))
            {
                return;
            }

            entry.Pages.Remove(index);
            entry.Bytes -= delta;
            usedBytes -= delta;
            if (entry.Pinned)
            {
                pinnedBytes -= delta;
            }
        }
    }

    private void EvictLocked(LinkedListNode<PageKey> node)
    {
        var key = node.Value;
        cleanLru.Remove(node);
        if (incarnations.TryGetValue(key.Incarnation, out var entry) && entry.Pages.Remove(key.Index, out var page))
        {
            entry.Bytes -= page.Length;
            usedBytes -= page.Length;
            evictedPages++;
            if (entry.Pages.Count == 0 && !entry.Sealed)
            {
                incarnations.Remove(key.Incarnation);
            }
        }
    }

    private void DeleteFiles(List<PageKey> pages)
    {
        foreach (var page in pages)
        {
            try
            {
                File.Delete(PagePath(page.Incarnation, page.Index));
            }
            catch (IOException e)
            {
                LogEvictFailed(page.Incarnation, page.Index, e);
            }
        }
    }

    private void RememberEmptySeal(Guid incarnation)
    {
        if (emptySeals.Add(incarnation))
        {
            emptySealOrder.Enqueue(incarnation);
            if (emptySealOrder.Count > RememberedEmptySeals)
            {
                emptySeals.Remove(emptySealOrder.Dequeue());
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => journal.Dispose();

    private void AppendToJournal(IncarnationEvent happened, Guid incarnation)
    {
        journal.Append(new JournalRecord(happened, incarnation));
        int live;
        lock (gate)
        {
            live = incarnations.Count;
        }

        journal.CompactIfLarge(live);
    }

    /// <summary>The records that describe every incarnation here as it is now: what a rewritten journal holds.</summary>
    private IReadOnlyCollection<JournalRecord> LiveRecords()
    {
        lock (gate)
        {
            var records = new List<JournalRecord>(incarnations.Count * 2);
            foreach (var (incarnation, entry) in incarnations)
            {
                if (entry.Sealed)
                {
                    records.Add(new JournalRecord(IncarnationEvent.Sealed, incarnation));
                }

                if (!entry.Pinned)
                {
                    records.Add(new JournalRecord(IncarnationEvent.Clean, incarnation));
                }
            }

            return records;
        }
    }

    private PageStoreJournal Load()
    {
        var (opened, records) = PageStoreJournal.Open(pagesRoot, LiveRecords);
        var migrated = MigrateLegacyLayout(opened);

        // Replay: the last word on each incarnation wins; a delete forgets earlier seals and unpins.
        var states = new Dictionary<Guid, IncarnationEntry>();
        var deleted = new HashSet<Guid>();
        foreach (var record in records.Concat(migrated))
        {
            var state = states.TryGetValue(record.Incarnation, out var known) ? known : states[record.Incarnation] = new IncarnationEntry();
            switch (record.Event)
            {
                case IncarnationEvent.Sealed:
                    state.Sealed = true;
                    deleted.Remove(record.Incarnation);
                    break;
                case IncarnationEvent.Clean:
                    state.Pinned = false;
                    deleted.Remove(record.Incarnation);
                    break;
                case IncarnationEvent.Deleted:
                    states[record.Incarnation] = new IncarnationEntry();
                    deleted.Add(record.Incarnation);
                    break;
            }
        }

        var clean = new List<(PageKey Key, DateTime Used)>();
        foreach (var file in new DirectoryInfo(pagesRoot).EnumerateFiles())
        {
            if (file.Name.EndsWith(TempSuffix, StringComparison.Ordinal))
            {
                file.Delete();
                continue;
            }

            if (!TryParsePageFileName(file.Name, out var incarnation, out var index))
            {
                continue;
            }

            if (deleted.Contains(incarnation))
            {
                // Deleted before a crash cut the removal of its files short.
                file.Delete();
                continue;
            }

            if (!incarnations.TryGetValue(incarnation, out var entry))
            {
                var state = states.GetValueOrDefault(incarnation);
                entry = new IncarnationEntry { Sealed = state?.Sealed ?? false, Pinned = state?.Pinned ?? true };
                incarnations.Add(incarnation, entry);
            }

            entry.Pages[index] = new PageEntry { Length = (int)file.Length, Synced = true };
            entry.Bytes += file.Length;
            if (!entry.Pinned)
            {
                clean.Add((new PageKey(incarnation, index), file.LastAccessTimeUtc));
            }
        }

        foreach (var entry in incarnations.Values)
        {
            usedBytes += entry.Bytes;
            if (entry.Pinned)
            {
                pinnedBytes += entry.Bytes;
            }
        }

        foreach (var (key, _) in clean.OrderBy(c => c.Used))
        {
            incarnations[key.Incarnation].Pages[key.Index].LruNode = cleanLru.AddLast(key);
        }

        // Start from a journal of the live incarnations only: deletes and superseded records are dropped.
        opened.Compact();
        RemoveLegacyDirectories();
        LogLoaded(StoreName, pagesRoot, incarnations.Count, usedBytes, pinnedBytes);
        return opened;
    }

    /// <summary>
    /// Moves the pages of the earlier layout (a directory per incarnation, marker files for sealed and clean) into the
    /// flat one, and returns the records its markers stood for. The directories go only after the journal that
    /// replaces their markers is durable (<see cref="RemoveLegacyDirectories"/>); a crash before that converts them again.
    /// </summary>
    private List<JournalRecord> MigrateLegacyLayout(PageStoreJournal target)
    {
        var records = new List<JournalRecord>();
        foreach (var directory in Directory.EnumerateDirectories(pagesRoot))
        {
            if (!Guid.TryParseExact(Path.GetFileName(directory), "N", out var incarnation))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(directory))
            {
                if (int.TryParse(Path.GetFileName(file), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                {
                    File.Move(file, PagePath(incarnation, index), overwrite: true);
                }
            }

            if (File.Exists(Path.Combine(directory, LegacySealedMarker)))
            {
                records.Add(new JournalRecord(IncarnationEvent.Sealed, incarnation));
            }

            if (File.Exists(Path.Combine(directory, LegacyCleanMarker)))
            {
                records.Add(new JournalRecord(IncarnationEvent.Clean, incarnation));
            }
        }

        foreach (var record in records)
        {
            target.Append(record);
        }

        if (records.Count > 0)
        {
            target.Flush();
        }

        DirectorySync.Flush(pagesRoot);
        return records;
    }

    private void RemoveLegacyDirectories()
    {
        foreach (var directory in Directory.EnumerateDirectories(pagesRoot))
        {
            if (Guid.TryParseExact(Path.GetFileName(directory), "N", out _))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task WriteFileAsync(string path, ReadOnlyMemory<byte> data)
    {
        // Asynchronous like reads: the grain's turns must not wait on the disk one after another. Not preallocated: the
        // page is written whole by one call, so a reservation first would only add a call and an extent conversion.
        using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.Asynchronous);
        await RandomAccess.WriteAsync(handle, data, 0).ConfigureAwait(false);
    }

    private SemaphoreSlim LockFor(Guid incarnation, int index) =>
        pageLocks[(int)(Placement.StableHash.Of(incarnation, index) % (ulong)pageLocks.Length)];

    private string PagePath(Guid incarnation, int index) =>
        Path.Combine(pagesRoot, PageFileName(incarnation, index));

    private static string PageFileName(Guid incarnation, int index) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{incarnation:N}.{index}");

    private static bool TryParsePageFileName(string name, out Guid incarnation, out int index)
    {
        incarnation = Guid.Empty;
        index = -1;
        return name.Length > 33 && name[32] == '.'
            && Guid.TryParseExact(name.AsSpan(0, 32), "N", out incarnation)
            && int.TryParse(name.AsSpan(33), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Page store {Store} opened at {Path}: {Incarnations} incarnations, {Used} bytes used, {Pinned} pinned")]
    private partial void LogLoaded(string store, string path, int incarnations, long used, long pinned);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing page {Index} of {Incarnation} failed")]
    private partial void LogWriteFailed(Guid incarnation, int index, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Making pages of {Incarnation} durable failed")]
    private partial void LogSyncFailed(Guid incarnation, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the clean marker of {Incarnation} failed")]
    private partial void LogMarkerFailed(Guid incarnation, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evicting page {Index} of {Incarnation} failed")]
    private partial void LogEvictFailed(Guid incarnation, int index, Exception exception);

    private readonly record struct PageKey(Guid Incarnation, int Index);

    private sealed record Reservation(CacheResult Outcome, int PreviousLength, bool Overwrite, List<PageKey> Evicted, bool NewIncarnation = false)
    {
        public static Reservation Refused(CacheResult outcome, List<PageKey>? evicted = null) => new(outcome, 0, false, evicted ?? []);
    }

    private sealed class IncarnationEntry
    {
        public Dictionary<int, PageEntry> Pages { get; } = [];

        public long Bytes { get; set; }

        public bool Pinned { get; set; } = true;

        public bool Sealed { get; set; }
    }

    private sealed class PageEntry
    {
        public int Length { get; set; }

        public bool Synced { get; set; }

        public LinkedListNode<PageKey>? LruNode { get; set; }
    }
}
