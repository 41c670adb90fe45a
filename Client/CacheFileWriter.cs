using System.Buffers;
using WriteCache.Files;
using WriteCache.Pages;
using WriteCache.Placement;

namespace WriteCache.Client;

/// <summary>
/// Writes one incarnation of a file: assembles pages in pooled buffers, sends each full page
/// straight to its page store(s) with several in flight, and commits on <see cref="CommitAsync"/>.
/// Writes at any offset are accepted until commit; a page already sent is read back, patched and sent again.
/// Not thread-safe: one writer per handle, as the gateway serializes writes per handle.
/// </summary>
public sealed class CacheFileWriter : IAsyncDisposable
{
    // How many bytes of pages a writer holds that are not full yet or were written out of order. A writer that
    // touches pages faster than it fills them (one writing backwards, or in strides) would otherwise hold its whole
    // file in memory until close; past this, the page it touched longest ago goes to its stores as it is, and a
    // later write to it reads it back first.
    private const int MaxBufferedBytes = 16 * 1024 * 1024;

    private readonly IGrainFactory grains;
    private readonly IFileGrain file;
    private readonly PlacementRing ring;
    private readonly Dictionary<int, PageBuffer> buffered = [];
    private readonly HashSet<int> sent = [];
    private readonly PageMap map;
    private readonly SemaphoreSlim inFlight;
    private readonly List<Task> pending = [];
    private readonly int maxBufferedPages;
    private CacheResult firstError = CacheResult.Ok;
    private long size;
    private long touches;
    private DateTime lastProgress = DateTime.UtcNow;
    private bool finished;
    private bool createDurable;

    private CacheFileWriter(IGrainFactory grains, WriteSession session, int maxPagesInFlight)
    {
        this.grains = grains;
        Session = session;
        file = grains.File(session.Path);
        ring = new PlacementRing(session.RingStores);
        map = new PageMap { ReplicationFactor = session.ReplicationFactor };
        inFlight = new SemaphoreSlim(maxPagesInFlight, maxPagesInFlight);
        maxBufferedPages = Math.Max(2, MaxBufferedBytes / session.PageSize);
    }

    /// <summary>The incarnation being written.</summary>
    public WriteSession Session { get; }

    /// <summary>Bytes from offset 0 to the end of the furthest write.</summary>
    public long Size => size;

    /// <summary>Creates the file (exclusively) and returns a writer for it.</summary>
    public static async Task<CacheResult<CacheFileWriter>> CreateAsync(IGrainFactory grains, string path, CreateRequest request, int maxPagesInFlight = 16)
    {
        // The writer names the incarnation, so the create can be repeated safely when a silo is going away.
        var named = request.Incarnation == Guid.Empty ? request with { Incarnation = Guid.NewGuid() } : request;
        var session = await TransientRetry.RunAsync(() => grains.File(path).Create(named)).ConfigureAwait(false);
        return session.IsOk
            ? CacheResult<CacheFileWriter>.Ok(new CacheFileWriter(grains, session.Value!, maxPagesInFlight))
            : CacheResult<CacheFileWriter>.Fail(session.Error, session.Message);
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/>; an error of an earlier page send is returned here first.</summary>
    public async Task<CacheResult> WriteAsync(long offset, ReadOnlyMemory<byte> data)
    {
        if (finished)
        {
            return CacheResult.Fail(CacheError.AccessDenied, $"'{Session.Path}' is committed");
        }

        if (!firstError.IsOk)
        {
            return firstError;
        }

        if (offset < 0)
        {
            return CacheResult.Fail(CacheError.InvalidArgument, "negative offset");
        }

        var pageSize = Session.PageSize;
        while (!data.IsEmpty)
        {
            var index = checked((int)(offset / pageSize));
            var within = (int)(offset % pageSize);
            var count = Math.Min(pageSize - within, data.Length);
            var page = await GetPageAsync(index).ConfigureAwait(false);
            if (page is null)
            {
                return firstError;
            }

            page.ExtendTo(within);
            data.Span[..count].CopyTo(page.Bytes.AsSpan(within));
            page.Length = Math.Max(page.Length, within + count);
            data = data[count..];
            offset += count;
            size = Math.Max(size, offset);
            if (page.Length == pageSize && within + count == pageSize)
            {
                // The writer moved past the end of this page: send it now, keep writing.
                await SendAsync(index).ConfigureAwait(false);
            }
        }

        if (DateTime.UtcNow - lastProgress > Session.ProgressInterval)
        {
            lastProgress = DateTime.UtcNow;
            try
            {
                await file.ReportProgress(Session.Incarnation, size).ConfigureAwait(false);
            }
            catch (Exception e) when (TransientRetry.IsTransient(e))
            {
                // Progress only keeps the dangling-write timer from firing; the next write reports again.
            }
        }

        return firstError;
    }

    /// <summary>Sets the size before commit (ftruncate): growing reads back zeros, shrinking drops what lies beyond.</summary>
    public CacheResult Resize(long newSize)
    {
        if (finished)
        {
            return CacheResult.Fail(CacheError.AccessDenied, $"'{Session.Path}' is committed");
        }

        if (newSize < 0)
        {
            return CacheResult.Fail(CacheError.InvalidArgument, "negative size");
        }

        if (newSize < size)
        {
            var pageSize = Session.PageSize;
            foreach (var (index, page) in buffered.ToList())
            {
                var start = (long)index * pageSize;
                if (start >= newSize)
                {
                    buffered.Remove(index);
                    ArrayPool<byte>.Shared.Return(page.Bytes);
                }
                else if (start + page.Length > newSize)
                {
                    // Bytes past the length are cleared when the page grows again.
                    page.Length = (int)(newSize - start);
                }
            }
        }

        size = newSize;
        return CacheResult.Ok;
    }

    /// <summary>Reads back bytes written so far (read-your-writes before commit); returns how many were read.</summary>
    public async Task<CacheResult<int>> ReadAsync(long offset, Memory<byte> destination)
    {
        var total = 0;
        var pageSize = Session.PageSize;
        while (total < destination.Length && offset < size)
        {
            var index = (int)(offset / pageSize);
            var within = (int)(offset % pageSize);
            var count = (int)Math.Min(Math.Min(pageSize - within, destination.Length - total), size - offset);
            var page = await GetPageAsync(index).ConfigureAwait(false);
            if (page is null)
            {
                return firstError;
            }

            // Past the page's length (a gap left by a later write or a grown size) the file reads as zeros.
            var held = Math.Clamp(page.Length - within, 0, count);
            page.Bytes.AsSpan(within, held).CopyTo(destination.Span[total..]);
            destination.Span.Slice(total + held, count - held).Clear();
            total += count;
            offset += count;
        }

        return CacheResult<int>.Ok(total);
    }

    /// <summary>
    /// Sends every buffered page (a partial last page too), waits for all sends, and makes the pages durable
    /// on their stores, without committing: what fsync(2) and close(2) promise. Writing may go on afterwards.
    /// </summary>
    public async Task<CacheResult> FlushAsync()
    {
        if (finished || !await MakeCreateDurableAsync().ConfigureAwait(false))
        {
            return firstError;
        }

        foreach (var index in buffered.Keys.Order().ToList())
        {
            if (!firstError.IsOk)
            {
                break;
            }

            await SendAsync(index).ConfigureAwait(false);
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        pending.Clear();
        if (!firstError.IsOk)
        {
            return firstError;
        }

        var synced = await Task.WhenAll(map.Stores.Select(async store =>
        {
            try
            {
                return await TransientRetry.RunAsync(() => grains.PageStore(store).Sync(Session.Incarnation)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return CacheResult.Fail(CacheError.IoError, $"store {store}: {e.Message}");
            }
        })).ConfigureAwait(false);
        return synced.FirstOrDefault(r => !r.IsOk);
    }

    /// <summary>Sends what is left, waits for every page, and commits the incarnation.</summary>
    public async Task<CacheResult<FileDetails>> CommitAsync()
    {
        if (finished)
        {
            return CacheResult<FileDetails>.Fail(CacheError.AccessDenied, $"'{Session.Path}' is committed");
        }

        if (sent.Count == 0 && size > 0 && size <= Session.InlineLimit && firstError.IsOk)
        {
            return await CommitInlineAsync().ConfigureAwait(false);
        }

        var pageCount = (int)((size + Session.PageSize - 1) / Session.PageSize);
        for (var index = 0; index < pageCount && firstError.IsOk; index++)
        {
            if (buffered.ContainsKey(index) || !sent.Contains(index))
            {
                // Unwritten gaps are sent as zero pages, so a sparse file reads back zeros.
                var page = await GetPageAsync(index).ConfigureAwait(false);
                if (page is not null)
                {
                    page.ExtendTo((int)Math.Min(Session.PageSize, size - ((long)index * Session.PageSize)));
                    await SendAsync(index).ConfigureAwait(false);
                }
            }
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        pending.Clear();
        if (!firstError.IsOk)
        {
            return firstError;
        }

        finished = true;
        // Commit is idempotent for the same incarnation and size, so a lost answer can be asked for again.
        var request = new CommitRequest(Session.Incarnation, size, map);
        return await TransientRetry.RunAsync(() => file.Commit(request)).ConfigureAwait(false);
    }

    /// <summary>
    /// Commits a small file whose pages were never sent with its bytes in the request: they become durable in the
    /// commit's metadata transaction, which saves a page store write, a seal and their fsyncs on the way to close.
    /// </summary>
    private async Task<CacheResult<FileDetails>> CommitInlineAsync()
    {
        var page = await GetPageAsync(0).ConfigureAwait(false);
        if (page is null)
        {
            return firstError;
        }

        page.ExtendTo((int)size);
        var inline = page.Bytes.AsSpan(0, (int)size).ToArray();
        buffered.Remove(0);
        ArrayPool<byte>.Shared.Return(page.Bytes);
        finished = true;
        var request = new CommitRequest(Session.Incarnation, size, map, inline);
        return await TransientRetry.RunAsync(() => file.Commit(request)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(pending).ConfigureAwait(false);
        foreach (var page in buffered.Values)
        {
            ArrayPool<byte>.Shared.Return(page.Bytes);
        }

        buffered.Clear();
        inFlight.Dispose();
    }

    private async Task<PageBuffer?> GetPageAsync(int index)
    {
        if (buffered.TryGetValue(index, out var page))
        {
            page.Touched = ++touches;
            return page;
        }

        if (buffered.Count >= maxBufferedPages && !await SendLeastRecentAsync().ConfigureAwait(false))
        {
            return null;
        }

        // A rented buffer holds old bytes: only what lies below Length counts, and ExtendTo zeroes a gap before it is used.
        page = new PageBuffer(ArrayPool<byte>.Shared.Rent(Session.PageSize));
        if (sent.Contains(index))
        {
            // Rewriting a page already sent: start from what the store holds.
            await Task.WhenAll(pending).ConfigureAwait(false);
            var stores = map.StoresOf(index);
            var read = (await grains.PageStore(stores[0]).ReadPage(Session.Incarnation, index, 0, Session.PageSize).ConfigureAwait(false)).Outcome;
            if (!read.IsOk)
            {
                ArrayPool<byte>.Shared.Return(page.Bytes);
                Fail(read.Error, read.Message);
                return null;
            }

            read.Value.Span.CopyTo(page.Bytes);
            page.Length = read.Value.Length;
            PageBuffers.Return(read.Value);
        }

        page.Touched = ++touches;
        buffered.Add(index, page);
        return page;
    }

    /// <summary>Sends the buffered page touched longest ago, to stay within <see cref="MaxBufferedBytes"/>; false after a failure.</summary>
    private async Task<bool> SendLeastRecentAsync()
    {
        var oldest = buffered.MinBy(p => p.Value.Touched).Key;
        await SendAsync(oldest).ConfigureAwait(false);
        return firstError.IsOk;
    }

    private async Task SendAsync(int index)
    {
        if (!await MakeCreateDurableAsync().ConfigureAwait(false))
        {
            return;
        }

        var page = buffered[index];
        buffered.Remove(index);
        var stores = ring.Place(Session.Incarnation, index, Session.ReplicationFactor);
        map.Set(index, stores);
        sent.Add(index);

        await inFlight.WaitAsync().ConfigureAwait(false);
        pending.RemoveAll(t => t.IsCompleted);
        pending.Add(SendCopiesAsync(index, stores, page));
    }

    private async Task SendCopiesAsync(int index, string[] stores, PageBuffer page)
    {
        try
        {
            var data = page.Bytes.AsMemory(0, page.Length);
            var calls = 0;
            // Writing a page before the seal is idempotent, so a store that is briefly unreachable (a silo joining or
            // leaving the cluster) is retried rather than failing the application's write.
            var results = await Task.WhenAll(stores.Select(s => TransientRetry.RunAsync(() =>
            {
                Interlocked.Increment(ref calls);
                return grains.PageStore(s).WritePage(Session.Incarnation, index, data);
            }))).ConfigureAwait(false);
            var failed = false;
            foreach (var result in results)
            {
                if (!result.IsOk)
                {
                    failed = true;
                    Fail(result.Error, $"page {index}: {result.Message}");
                }
            }

            // A store in this silo reads the buffer itself, without a copy. Only one answered call per store proves
            // that no message still refers to the buffer; after a failure or a repeated call it is left to the GC.
            if (!failed && calls == stores.Length)
            {
                ArrayPool<byte>.Shared.Return(page.Bytes);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Fail(CacheError.IoError, $"page {index}: {e.Message}");
        }
        finally
        {
            inFlight.Release();
        }
    }

    /// <summary>
    /// The create answers before it is durable (it becomes durable with the commit); before a page goes to a store or
    /// an fsync is answered it must be, so a crash cannot leave pages that no file knows. Once per writer.
    /// </summary>
    private async Task<bool> MakeCreateDurableAsync()
    {
        if (createDurable)
        {
            return true;
        }

        try
        {
            var durable = await TransientRetry.RunAsync(() => file.MakeCreateDurable(Session.Incarnation)).ConfigureAwait(false);
            if (!durable.IsOk)
            {
                Fail(durable.Error, durable.Message);
                return false;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Fail(CacheError.IoError, $"making the create of '{Session.Path}' durable: {e.Message}");
            return false;
        }

        createDurable = true;
        return true;
    }

    private void Fail(CacheError error, string? message)
    {
        // Page sends complete on other threads; the first failure wins.
        lock (pending)
        {
            if (firstError.IsOk)
            {
                firstError = CacheResult.Fail(error, message);
            }
        }
    }

    private sealed class PageBuffer(byte[] bytes)
    {
        public byte[] Bytes { get; } = bytes;

        /// <summary>Bytes of the page that hold file content; what lies beyond is stale and never sent or read.</summary>
        public int Length { get; set; }

        /// <summary>When the writer last used the page, on its own clock.</summary>
        public long Touched { get; set; }

        /// <summary>Grows the page to <paramref name="length"/> with zeros (a hole in the file), so no stale byte of the rented buffer shows.</summary>
        public void ExtendTo(int length)
        {
            if (length > Length)
            {
                Array.Clear(Bytes, Length, length - Length);
                Length = length;
            }
        }
    }
}
