using System.Buffers;
using Amazon.S3;
using Amazon.S3.Model;

namespace WriteCache.Ufs;

/// <summary>
/// An upload to <see cref="S3Ufs"/>. A file no larger than one part is buffered and sent as one PutObject; a larger one
/// becomes a multipart upload whose parts are filled in pooled part-sized buffers and sent up to N at a time while the
/// caller keeps writing. Any failure aborts the multipart upload so no parts are left billed.
/// </summary>
internal sealed class S3Upload : IUfsUpload
{
    /// <summary>Most parts S3 accepts in one multipart upload.</summary>
    public const int MaxParts = 10_000;

    /// <summary>Largest object S3 accepts.</summary>
    public const long MaxObjectBytes = 5L * 1024 * 1024 * 1024 * 1024;

    private const int PartAlignment = 1024 * 1024;

    private readonly IAmazonS3 client;
    private readonly string bucket;
    private readonly string key;
    private readonly long size;
    private readonly UfsObjectMetadata metadata;
    private readonly int partSize;
    private readonly bool singlePut;
    private readonly int bufferSize;
    private readonly SemaphoreSlim slots;
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> inFlight = [];
    private readonly PartETag?[] etags;
    private byte[]? buffer;
    private int filled;
    private long written;
    private int nextPart = 1;
    private string? uploadId;
    private Exception? failure;
    private bool finished;

    /// <summary>An upload of exactly <paramref name="size"/> bytes to <paramref name="key"/>, in parts of <paramref name="partSize"/>.</summary>
    public S3Upload(IAmazonS3 client, string bucket, string key, long size, UfsObjectMetadata metadata, int partSize, int maxConcurrentParts)
    {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.size = size;
        this.metadata = metadata;
        this.partSize = partSize;
        singlePut = size <= partSize;

        // A single put needs only the file's own size, so small files do not each hold a whole part buffer.
        bufferSize = singlePut ? (int)size : partSize;
        slots = new SemaphoreSlim(maxConcurrentParts, maxConcurrentParts);
        etags = new PartETag?[singlePut ? 0 : (int)((size + partSize - 1) / partSize)];
    }

    /// <summary>
    /// The part size for a file of <paramref name="size"/> bytes: <paramref name="configured"/>, raised (in whole MiB) when
    /// the file would otherwise need more than <see cref="MaxParts"/> parts.
    /// </summary>
    public static int PartSizeFor(long size, long configured)
    {
        if (size > MaxObjectBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"S3 objects are at most {MaxObjectBytes} bytes.");
        }

        var needed = (size + MaxParts - 1) / MaxParts;
        needed = (needed + PartAlignment - 1) / PartAlignment * PartAlignment;
        return (int)Math.Max(configured, needed);
    }

    /// <inheritdoc />
    public async Task WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        EnsureOpen();
        try
        {
            ThrowIfFailed();
            if (written + chunk.Length > size)
            {
                throw new InvalidOperationException($"Upload to s3://{bucket}/{key} got more than the declared {size} bytes.");
            }

            while (!chunk.IsEmpty)
            {
                buffer ??= ArrayPool<byte>.Shared.Rent(bufferSize);
                var take = Math.Min(chunk.Length, bufferSize - filled);
                chunk.Span[..take].CopyTo(buffer.AsSpan(filled));
                chunk = chunk[take..];
                filled += take;
                written += take;
                if (!singlePut && filled == partSize)
                {
                    await StartPartAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            await AbortAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<UfsObjectInfo> CompleteAsync(CancellationToken cancellationToken)
    {
        EnsureOpen();
        try
        {
            ThrowIfFailed();
            if (written != size)
            {
                throw new InvalidOperationException($"Upload to s3://{bucket}/{key} got {written} bytes but declared {size}; nothing was stored.");
            }

            var etag = singlePut
                ? await PutAsync(cancellationToken).ConfigureAwait(false)
                : await CompleteMultipartAsync(cancellationToken).ConfigureAwait(false);
            finished = true;
            Release();
            return new UfsObjectInfo(size, metadata.ModifiedTime ?? DateTimeOffset.UtcNow, S3Ufs.Unquote(etag), metadata);
        }
        catch
        {
            await AbortAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task AbortAsync()
    {
        if (finished)
        {
            return;
        }

        finished = true;
        await stop.CancelAsync().ConfigureAwait(false);

        // Parts still sending hold pooled buffers; they must finish (as cancelled) before the buffers and upload go.
        await Task.WhenAll(inFlight).ConfigureAwait(false);
        if (uploadId is not null)
        {
            try
            {
                await client.AbortMultipartUploadAsync(
                    new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId },
                    CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The caller is already handling the failure that led here; a lifecycle rule on the bucket reaps what remains.
            }
        }

        Release();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(AbortAsync());

    private async Task<string> PutAsync(CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(buffer ?? [], 0, filled, writable: false);
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = stream,
            AutoCloseStream = false,

            // Chunked (aws-chunked) bodies are stored verbatim by some S3-compatible stores: silent corruption.
            UseChunkEncoding = false,
        };
        S3Metadata.Write(metadata, request.Metadata);
        var response = await client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
        return response.ETag;
    }

    private async Task<string> CompleteMultipartAsync(CancellationToken cancellationToken)
    {
        if (filled > 0)
        {
            await StartPartAsync(cancellationToken).ConfigureAwait(false);
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        ThrowIfFailed();
        var request = new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId };
        request.AddPartETags(etags.Select((e, i) => e ?? throw new InvalidOperationException($"Part {i + 1} of s3://{bucket}/{key} has no ETag.")));
        var response = await client.CompleteMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false);
        return response.ETag;
    }

    /// <summary>Hands the full buffer to a background part upload, waiting for a free slot first so memory stays bounded.</summary>
    private async Task StartPartAsync(CancellationToken cancellationToken)
    {
        if (uploadId is null)
        {
            var initiate = new InitiateMultipartUploadRequest { BucketName = bucket, Key = key };
            S3Metadata.Write(metadata, initiate.Metadata);
            var response = await client.InitiateMultipartUploadAsync(initiate, cancellationToken).ConfigureAwait(false);
            uploadId = response.UploadId;
        }

        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var data = buffer!;
        var length = filled;
        var partNumber = nextPart++;
        buffer = null;
        filled = 0;

        // On the thread pool: signing hashes the whole part, which should neither block the writer (a grain turn) nor
        // keep the parts from hashing in parallel.
        inFlight.Add(Task.Run(() => UploadPartAsync(partNumber, data, length), CancellationToken.None));
    }

    /// <summary>Sends one part and returns its buffer; never throws, so a failure is seen by the next Write or Complete.</summary>
    private async Task UploadPartAsync(int partNumber, byte[] data, int length)
    {
        try
        {
            using var stream = new MemoryStream(data, 0, length, writable: false);
            var request = new UploadPartRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = uploadId,
                PartNumber = partNumber,
                PartSize = length,
                InputStream = stream,
                IsLastPart = (long)partNumber * partSize >= size,

                // See PutAsync: chunked bodies are stored verbatim by some S3-compatible stores.
                UseChunkEncoding = false,
            };
            var response = await client.UploadPartAsync(request, stop.Token).ConfigureAwait(false);
            etags[partNumber - 1] = new PartETag(partNumber, response.ETag);
        }
        catch (Exception e)
        {
            if (!stop.IsCancellationRequested)
            {
                Interlocked.CompareExchange(ref failure, e, null);
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data);
            slots.Release();
        }
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref failure) is { } e)
        {
            throw new IOException($"Uploading a part of s3://{bucket}/{key} failed: {e.Message}", e);
        }
    }

    private void EnsureOpen() => ObjectDisposedException.ThrowIf(finished, this);

    private void Release()
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }

        stop.Dispose();
        slots.Dispose();
    }
}
