using Microsoft.Win32.SafeHandles;
using WriteCache.Interop;

namespace WriteCache.Ufs;

/// <summary>An upload to <see cref="LocalDirectoryUfs"/>: a temp file beside the target, fsync'd and renamed into place.</summary>
internal sealed class LocalUpload : IUfsUpload
{
    private readonly string target;
    private readonly string temp;
    private readonly long size;
    private readonly UfsObjectMetadata metadata;
    private readonly IReadOnlyList<string> createdDirectories;
    private SafeFileHandle? handle;
    private long written;
    private bool finished;

    /// <summary>Smallest file whose space is reserved when its upload starts.</summary>
    private const long PreallocateFrom = 1 << 20;

    /// <summary>Creates the temp file; <paramref name="createdDirectories"/> are the parents made for it, to fsync on completion.</summary>
    public LocalUpload(string target, long size, UfsObjectMetadata metadata, IReadOnlyList<string> createdDirectories)
    {
        this.target = target;
        this.size = size;
        this.metadata = metadata;
        this.createdDirectories = createdDirectories;
        temp = Path.Join(Path.GetDirectoryName(target), LocalDirectoryUfs.TempName());

        // Preallocating lets the file system place a large file contiguously and fail with ENOSPC now rather than midway.
        // A file of one chunk gains neither, and would pay an extra call and an extent conversion.
        handle = DiskFull.OpenPreallocated(temp, FileOptions.Asynchronous, size >= PreallocateFrom ? size : 0);
    }

    /// <inheritdoc />
    public async Task WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        var file = OpenHandle();
        if (written + chunk.Length > size)
        {
            await AbortAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Upload to '{target}' got more than the declared {size} bytes.");
        }

        try
        {
            await RandomAccess.WriteAsync(file, chunk, written, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await AbortAsync().ConfigureAwait(false);
            throw;
        }

        written += chunk.Length;
    }

    /// <inheritdoc />
    public async Task<UfsObjectInfo> CompleteAsync(CancellationToken cancellationToken)
    {
        var file = OpenHandle();
        if (written != size)
        {
            await AbortAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Upload to '{target}' got {written} bytes but declared {size}; nothing was stored.");
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Attributes go on before the rename so the file never appears with the wrong mode or mtime.
            ApplyMetadata();
            await Task.Run(() => RandomAccess.FlushToDisk(file), cancellationToken).ConfigureAwait(false);
            file.Dispose();
            handle = null;
            File.Move(temp, target, overwrite: true);
            finished = true;
        }
        catch
        {
            await AbortAsync().ConfigureAwait(false);
            throw;
        }

        // The rename is durable only once its directory is; a failure here leaves the new file in place, so it is not aborted.
        var directory = Path.GetDirectoryName(target)!;
        await Task.Run(() => LocalDirectoryUfs.SyncDirectories(directory, createdDirectories), CancellationToken.None).ConfigureAwait(false);
        var info = new FileInfo(target);
        var mtime = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
        return new UfsObjectInfo(info.Length, mtime, $"{info.Length:x}-{mtime.UtcTicks:x}", metadata with { ModifiedTime = mtime });
    }

    /// <inheritdoc />
    public Task AbortAsync()
    {
        if (finished)
        {
            return Task.CompletedTask;
        }

        finished = true;
        handle?.Dispose();
        handle = null;
        try
        {
            File.Delete(temp);
        }
        catch (IOException)
        {
            // Best effort: the temp name is hidden from listings and can be swept later by its prefix.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(AbortAsync());

    private SafeFileHandle OpenHandle()
    {
        ObjectDisposedException.ThrowIf(finished || handle is null, this);
        return handle;
    }

    private void ApplyMetadata() => LocalFileAttributes.Apply(temp, metadata);
}
