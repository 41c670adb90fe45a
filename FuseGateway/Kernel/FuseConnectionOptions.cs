using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>How a connection reads requests and what it negotiates in INIT.</summary>
public sealed class FuseConnectionOptions
{
    /// <summary>Largest max_write the kernel can be asked for: 256 pages is its default max_pages limit.</summary>
    public const int MaxSupportedWrite = 256 * FuseAbi.PageSize;

    /// <summary>Number of reader threads, each on its own cloned /dev/fuse descriptor. Default 4.</summary>
    /// <remarks>Readers only block in read(2); handlers that go asynchronous free them at once, so a few suffice.</remarks>
    public int ReaderThreads { get; init; } = 4;

    /// <summary>Largest WRITE payload, in bytes, a multiple of 4096. Default 1 MiB.</summary>
    /// <remarks>Every reader and every in-flight request holds a buffer of this size plus one page.</remarks>
    public int MaxWrite { get; init; } = MaxSupportedWrite;

    /// <summary>Ask for WRITEBACK_CACHE (the kernel buffers writes in its page cache). Default off.</summary>
    /// <remarks>
    /// Off until measured: with it the kernel owns size and mtime while pages are dirty, may READ files opened
    /// write-only, and acknowledges write(2) before our cache has the bytes, which weakens what fsync-less
    /// clients can expect after a gateway crash.
    /// </remarks>
    public bool WritebackCache { get; init; }

    /// <summary>Ask for ATOMIC_O_TRUNC (O_TRUNC reaches OPEN). Default off.</summary>
    /// <remarks>Off keeps truncation in one place: the kernel sends SETATTR(size=0) after OPEN instead.</remarks>
    public bool AtomicOTrunc { get; init; }

    /// <summary>Ask for READDIRPLUS (with the kernel choosing adaptively). Default on.</summary>
    /// <remarks>On saves one LOOKUP per entry for ls -l style listings; the file system must implement ReadDirPlusAsync.</remarks>
    public bool ReadDirPlus { get; init; } = true;

    /// <summary>Ask for AUTO_INVAL_DATA (drop cached pages when mtime or size changes). Default on.</summary>
    /// <remarks>Another gateway may change a file; this lets fresh attributes invalidate stale pages here.</remarks>
    public bool AutoInvalidateData { get; init; } = true;

    /// <summary>Most background requests (readahead, async writes) the kernel keeps outstanding. Default 64.</summary>
    /// <remarks>The kernel's own default of 12 starves parallel readahead when each request waits on the network.</remarks>
    public ushort MaxBackground { get; init; } = 64;

    /// <summary>Background request count at which the kernel reports congestion. Default 48 (three quarters of <see cref="MaxBackground"/>).</summary>
    public ushort CongestionThreshold { get; init; } = 48;

    /// <summary>Idle request buffers kept for reuse. Default 64.</summary>
    public int MaxRetainedBuffers { get; init; } = 64;

    /// <summary>Size of each request buffer: the kernel insists on room for the headers plus max_write.</summary>
    public int BufferSize => MaxWrite + FuseAbi.PageSize;

    /// <summary>Throws when the options cannot work.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ReaderThreads);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWrite, FuseAbi.PageSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxWrite, MaxSupportedWrite);
        if (MaxWrite % FuseAbi.PageSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxWrite), MaxWrite, "MaxWrite must be a multiple of the page size.");
        }

        ArgumentOutOfRangeException.ThrowIfZero(MaxBackground);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRetainedBuffers);
    }
}
