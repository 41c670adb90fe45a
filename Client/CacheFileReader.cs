using WriteCache.Files;
using WriteCache.Pages;

namespace WriteCache.Client;

/// <summary>
/// Reads a committed file: fetches whole pages from their stores (falling back to other copies),
/// keeps a few recent pages, and reads ahead for sequential readers. Safe for concurrent readers.
/// Page buffers are pooled: a page leaves the cache only when no read is copying from it (nor holds it lent, see
/// <see cref="LendAsync"/>), and its buffer goes back to the pool then, so a long sequential read reuses a handful of buffers.
/// </summary>
public sealed class CacheFileReader : IDisposable
{
    /// <summary>Pages fetched ahead of a sequential reader.</summary>
    public const int ReadAheadPages = 8;

    private const int CachedPages = 4;

    private readonly IGrainFactory grains;
    private readonly object gate = new();
    private readonly Dictionary<int, CachedPage> pages = [];
    private readonly LinkedList<int> recent = new();
    private long nextSequentialOffset;
    private bool disposed;

    private CacheFileReader(IGrainFactory grains, FileDetails details)
    {
        this.grains = grains;
        Details = details;
    }

    /// <summary>The file being read.</summary>
    public FileDetails Details { get; }

    /// <summary>Opens the file at <paramref name="path"/> for reading; NotFound when absent, AccessDenied while it is still being written.</summary>
    public static async Task<CacheResult<CacheFileReader>> OpenAsync(IGrainFactory grains, string path)
    {
        var details = await TransientRetry.RunAsync(() => grains.File(path).GetStatus()).ConfigureAwait(false);
        if (!details.IsOk)
        {
            return CacheResult<CacheFileReader>.Fail(details.Error, details.Message);
        }

        return details.Value!.Status.IsCommitted()
            ? CacheResult<CacheFileReader>.Ok(new CacheFileReader(grains, details.Value))
            : CacheResult<CacheFileReader>.Fail(CacheError.AccessDenied, $"'{path}' is still being written");
    }

    /// <summary>Reads up to <paramref name="destination"/>'s length at <paramref name="offset"/>; 0 at or past the end.</summary>
    public async Task<CacheResult<int>> ReadAsync(long offset, Memory<byte> destination)
    {
        var size = Details.Size;
        var pageSize = Details.PageSize;
        var total = 0;
        var sequential = offset == Interlocked.Read(ref nextSequentialOffset);
        while (total < destination.Length && offset < size)
        {
            var index = (int)(offset / pageSize);
            var within = (int)(offset % pageSize);
            var cached = LeasePage(index, sequential);
            try
            {
                var page = await cached.Fetch.ConfigureAwait(false);
                if (!page.IsOk)
                {
                    return CacheResult<int>.Fail(page.Error, page.Message);
                }

                var count = (int)Math.Min(Math.Min(page.Value.Length - within, destination.Length - total), size - offset);
                if (count <= 0)
                {
                    return CacheResult<int>.Fail(CacheError.IoError, $"page {index} of '{Details.Path}' is shorter than the file says");
                }

                page.Value.Span.Slice(within, count).CopyTo(destination.Span[total..]);
                total += count;
                offset += count;
            }
            finally
            {
                Release(cached);
            }
        }

        Interlocked.Exchange(ref nextSequentialOffset, offset);
        return CacheResult<int>.Ok(total);
    }

    /// <summary>
    /// Lends the bytes at <paramref name="offset"/> (up to <paramref name="length"/>) from the cached page that holds
    /// them, without copying: the page stays cached and its buffer out of the pool until the loan is disposed. Null
    /// when the range crosses a page boundary (read it with <see cref="ReadAsync"/>) or lies at or past the end.
    /// </summary>
    public async Task<CacheResult<PageLoan?>> LendAsync(long offset, int length)
    {
        var pageSize = Details.PageSize;
        var count = (int)Math.Min(length, Details.Size - offset);
        var within = (int)(offset % pageSize);
        if (offset < 0 || count <= 0 || within + count > pageSize)
        {
            return CacheResult<PageLoan?>.Ok(null);
        }

        var index = (int)(offset / pageSize);
        var cached = LeasePage(index, offset == Interlocked.Read(ref nextSequentialOffset));
        var lent = false;
        try
        {
            var page = await cached.Fetch.ConfigureAwait(false);
            if (!page.IsOk)
            {
                return CacheResult<PageLoan?>.Fail(page.Error, page.Message);
            }

            if (page.Value.Length < within + count)
            {
                return CacheResult<PageLoan?>.Fail(CacheError.IoError, $"page {index} of '{Details.Path}' is shorter than the file says");
            }

            Interlocked.Exchange(ref nextSequentialOffset, offset + count);
            lent = true;
            return CacheResult<PageLoan?>.Ok(new PageLoan(this, cached, page.Value.Slice(within, count)));
        }
        finally
        {
            if (!lent)
            {
                Release(cached);
            }
        }
    }

    /// <summary>Gives the buffers of cached pages back to the pool; a read still copying keeps its page until it is done.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            foreach (var page in pages.Values)
            {
                Evict(page);
            }

            pages.Clear();
            recent.Clear();
        }
    }

    private CachedPage LeasePage(int index, bool sequential)
    {
        lock (gate)
        {
            var page = FetchLocked(index);
            page.Readers++;
            if (sequential)
            {
                var last = (int)Math.Min(Details.Pages.PageCount - 1, (long)index + ReadAheadPages);
                for (var ahead = index + 1; ahead <= last; ahead++)
                {
                    FetchLocked(ahead);
                }
            }

            return page;
        }
    }

    private void Release(CachedPage page)
    {
        lock (gate)
        {
            page.Readers--;
            if (page.Evicted)
            {
                ReturnIfUnused(page);
            }
        }
    }

    private CachedPage FetchLocked(int index)
    {
        if (pages.TryGetValue(index, out var existing))
        {
            recent.Remove(index);
            recent.AddLast(index);
            return existing;
        }

        var page = new CachedPage();
        page.Fetch = FetchAndForgetFailureAsync(index, page);
        if (disposed)
        {
            // A read racing the handle's release: serve it, keep nothing.
            page.Evicted = true;
            return page;
        }

        pages[index] = page;
        recent.Remove(index);
        recent.AddLast(index);
        while (recent.Count > CachedPages + ReadAheadPages && recent.First is { } oldest)
        {
            recent.RemoveFirst();
            if (pages.Remove(oldest.Value, out var evicted))
            {
                Evict(evicted);
            }
        }

        return page;
    }

    private void Evict(CachedPage page)
    {
        page.Evicted = true;
        ReturnIfUnused(page);
    }

    private static void ReturnIfUnused(CachedPage page)
    {
        // A fetch still in flight is not waited for: its buffer is left to the collector if it is evicted meanwhile.
        if (page.Readers == 0 && !page.Returned && page.Fetch.IsCompletedSuccessfully && page.Fetch.Result.IsOk)
        {
            page.Returned = true;
            PageBuffers.Return(page.Fetch.Result.Value);
        }
    }

    private async Task<CacheResult<ReadOnlyMemory<byte>>> FetchAndForgetFailureAsync(int index, CachedPage page)
    {
        var result = await FetchAsync(index).ConfigureAwait(false);
        if (!result.IsOk)
        {
            // A failed fetch is not cached: the next read tries the stores again.
            lock (gate)
            {
                if (pages.TryGetValue(index, out var current) && current == page)
                {
                    pages.Remove(index);
                    recent.Remove(index);
                }
            }
        }

        return result;
    }

    private async Task<CacheResult<ReadOnlyMemory<byte>>> FetchAsync(int index)
    {
        var failure = CacheResult<ReadOnlyMemory<byte>>.Fail(CacheError.NotFound, $"page {index} of '{Details.Path}' has no copy");
        foreach (var store in Details.Pages.StoresOf(index))
        {
            try
            {
                var read = (await grains.PageStore(store)
                    .ReadPage(Details.Incarnation, index, 0, Details.PageSize).ConfigureAwait(false)).Outcome;
                if (read.IsOk)
                {
                    return read;
                }

                failure = read;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The store's silo is down: try the next copy.
                failure = CacheResult<ReadOnlyMemory<byte>>.Fail(CacheError.IoError, $"store {store}: {e.Message}");
            }
        }

        // Evicted (or its store is gone): if the file is persisted, its grain reads the page from the under file system and caches it again.
        var through = await TransientRetry.RunAsync(() => grains.File(Details.Path).ReadThrough(Details.Incarnation, index)).ConfigureAwait(false);
        return through.IsOk ? CacheResult<ReadOnlyMemory<byte>>.Ok(through.Value!) : failure;
    }

    /// <summary>Bytes of a cached page lent by <see cref="LendAsync"/>; disposing gives the page back (once).</summary>
    public sealed class PageLoan : IDisposable
    {
        private readonly CacheFileReader reader;
        private readonly CachedPage page;
        private int disposed;

        internal PageLoan(CacheFileReader reader, CachedPage page, ReadOnlyMemory<byte> bytes)
        {
            this.reader = reader;
            this.page = page;
            Bytes = bytes;
        }

        /// <summary>The lent bytes; valid until disposed.</summary>
        public ReadOnlyMemory<byte> Bytes { get; }

        /// <inheritdoc />
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                reader.Release(page);
            }
        }
    }

    /// <summary>One page of the cache, with the reads copying from it or holding it lent; guarded by the reader's lock.</summary>
    internal sealed class CachedPage
    {
        public Task<CacheResult<ReadOnlyMemory<byte>>> Fetch { get; set; } = null!;

        public int Readers { get; set; }

        public bool Evicted { get; set; }

        public bool Returned { get; set; }
    }
}
