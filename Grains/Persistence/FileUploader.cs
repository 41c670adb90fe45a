using Microsoft.Extensions.Options;
using WriteCache.Configuration;
using WriteCache.Files;
using WriteCache.Interop;
using WriteCache.Pages;
using WriteCache.Ufs;

namespace WriteCache.Persistence;

/// <summary>
/// Copies a committed file from its page stores to the under file system, page by page in order, with at most
/// <see cref="PersistenceOptions.MaxConcurrentUploads"/> uploads at once on this silo.
/// </summary>
public sealed class FileUploader(IGrainFactory grains, UfsMountTable mounts, IOptions<PersistenceOptions> options) : IDisposable
{
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrentUploads, options.Value.MaxConcurrentUploads);
    private int queued;
    private int inFlight;

    /// <summary>Uploads waiting for a slot on this silo.</summary>
    public int Queued => Volatile.Read(ref queued);

    /// <summary>Uploads running on this silo.</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>The attributes a file's UFS copy carries (at upload, and when they change after it).</summary>
    public static UfsObjectMetadata MetadataOf(FileState file) => new((int)file.Mode, (int)file.Uid, (int)file.Gid, file.ModifiedUtc);

    /// <summary>The UFS and relative path that persist <paramref name="path"/>, or null when no mount covers it.</summary>
    public (IUnderFileSystem Ufs, string RelativePath)? Resolve(string path) => mounts.Resolve(path);

    /// <summary>Uploads the committed incarnation described by <paramref name="file"/>; returns what the UFS holds, or the reason it failed.</summary>
    public async Task<CacheResult<UfsObjectInfo>> UploadAsync(string path, FileState file, CancellationToken cancellationToken)
    {
        if (mounts.Resolve(path) is not { } target)
        {
            return CacheResult<UfsObjectInfo>.Fail(CacheError.NotSupported, $"no Ufs:Mounts entry covers '{path}'");
        }

        Interlocked.Increment(ref queued);
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Decrement(ref queued);
        Interlocked.Increment(ref inFlight);
        try
        {
            var metadata = MetadataOf(file);
            if (file.SymlinkTarget is { } link)
            {
                await target.Ufs.WriteSymlinkAsync(target.RelativePath, link, metadata, cancellationToken).ConfigureAwait(false);
                var stored = await target.Ufs.StatAsync(target.RelativePath, cancellationToken).ConfigureAwait(false);
                return stored?.SymlinkTarget == link
                    ? CacheResult<UfsObjectInfo>.Ok(stored)
                    : CacheResult<UfsObjectInfo>.Fail(CacheError.IoError, $"the under file system did not keep the symlink '{path}'");
            }

            await using var upload = await target.Ufs.BeginUploadAsync(target.RelativePath, file.Size, metadata, cancellationToken).ConfigureAwait(false);
            if (file.Inline is { } inline)
            {
                // Committed inline: the bytes are in the state, not on a page store.
                await upload.WriteAsync(inline, cancellationToken).ConfigureAwait(false);
                return CacheResult<UfsObjectInfo>.Ok(await upload.CompleteAsync(cancellationToken).ConfigureAwait(false));
            }

            var pageCount = file.Pages.PageCount;
            for (var index = 0; index < pageCount; index++)
            {
                var page = await ReadPageAsync(file, index).ConfigureAwait(false);
                if (!page.IsOk)
                {
                    await upload.AbortAsync().ConfigureAwait(false);
                    return CacheResult<UfsObjectInfo>.Fail(page.Error, page.Message);
                }

                try
                {
                    await upload.WriteAsync(page.Value, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    // The upload has copied or written the chunk by now (its contract), so the buffer is free.
                    PageBuffers.Return(page.Value);
                }
            }

            return CacheResult<UfsObjectInfo>.Ok(await upload.CompleteAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // A full local UFS is ENOSPC at a WRITE_THROUGH close, as on a local disk; the upload is retried either way.
            return CacheResult<UfsObjectInfo>.Fail(DiskFull.Is(e) ? CacheError.OutOfSpace : CacheError.IoError, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => slots.Dispose();

    private async Task<CacheResult<ReadOnlyMemory<byte>>> ReadPageAsync(FileState file, int index)
    {
        var failure = CacheResult<ReadOnlyMemory<byte>>.Fail(CacheError.IoError, $"page {index} has no copy");
        foreach (var store in file.Pages.StoresOf(index))
        {
            try
            {
                var read = (await grains.PageStore(store).ReadPage(file.Incarnation, index, 0, file.PageSize).ConfigureAwait(false)).Outcome;
                if (read.IsOk)
                {
                    return read;
                }

                failure = CacheResult<ReadOnlyMemory<byte>>.Fail(CacheError.IoError, $"page {index} on {store}: {read.Message}");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failure = CacheResult<ReadOnlyMemory<byte>>.Fail(CacheError.IoError, $"page {index} on {store}: {e.Message}");
            }
        }

        return failure;
    }
}
