using WriteCache.Client;
using WriteCache.Files;
using WriteCache.FuseGateway.Kernel;

namespace WriteCache.FuseGateway.FileSystem;

/// <summary>
/// A file this gateway is writing, shared by every handle that opened it for writing before the first
/// close. The first close commits; later writes through other handles are refused with EACCES.
/// </summary>
public sealed class ActiveWrite(CacheFileWriter writer)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private CacheResult<FileDetails>? commit;

    /// <summary>The write session.</summary>
    public WriteSession Session => writer.Session;

    /// <summary>Bytes written so far.</summary>
    public long Size => writer.Size;

    /// <summary>Open handles sharing this write; guarded by the file system's handle table.</summary>
    public int Handles { get; set; }

    /// <summary>True once any data has been written.</summary>
    public bool HasWrites { get; private set; }

    /// <summary>True once committed (successfully or not).</summary>
    public bool Committed => commit is not null;

    /// <summary>Writes at an offset; EACCES once committed.</summary>
    public async Task<int> WriteAsync(long offset, ReadOnlyMemory<byte> data)
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (commit is not null)
            {
                return Errno.EACCES;
            }

            HasWrites = true;
            var result = await writer.WriteAsync(offset, data).ConfigureAwait(false);
            return result.IsOk ? 0 : CacheErrno.Of(result);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Reads back what this writer wrote (read-your-writes before commit).</summary>
    public async Task<CacheResult<int>> ReadAsync(long offset, Memory<byte> destination)
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return await writer.ReadAsync(offset, destination).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Extends or shortens the file before commit.</summary>
    public async Task<int> ResizeAsync(long size)
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return commit is not null ? Errno.EACCES : CacheErrno.Of(writer.Resize(size));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Makes everything written so far durable in the cache, without committing (close and fsync of a writer).</summary>
    public async Task<int> FlushAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return commit is not null ? CacheErrno.Of(commit.Value.Error) : CacheErrno.Of(await writer.FlushAsync().ConfigureAwait(false));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Commits once; every later call returns the first outcome.</summary>
    public async Task<CacheResult<FileDetails>> CommitAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            commit ??= await writer.CommitAsync().ConfigureAwait(false);
            return commit.Value;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Waits for pages in flight and frees the buffers.</summary>
    public ValueTask DisposeAsync() => writer.DisposeAsync();
}
