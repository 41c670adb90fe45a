using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;

namespace WriteCache.Ufs;

/// <summary>
/// A UFS in an S3 bucket under a key prefix: relative path 'a/b.bin' is key 'prefix/a/b.bin', directories are
/// '/'-delimited common prefixes. Uploads are one PutObject up to the part size, multipart above it.
/// The client must be built by <see cref="S3ClientFactory"/> (or with the same checksum settings); it is not owned.
/// </summary>
public sealed class S3Ufs : IUnderFileSystem
{
    /// <summary>Largest object a single CopyObject can copy; larger renames need a multipart copy.</summary>
    public const long MaxSingleCopyBytes = 5L * 1024 * 1024 * 1024;

    /// <summary>Longest key S3 accepts, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 1024;

    private readonly IAmazonS3 client;
    private readonly long partSizeBytes;
    private readonly int maxConcurrentParts;

    /// <summary>A UFS at <paramref name="location"/> (an S3 location) through <paramref name="client"/>.</summary>
    public S3Ufs(IAmazonS3 client, UfsLocation location, long partSizeBytes = S3Options.DefaultPartSizeBytes, int maxConcurrentParts = S3Options.DefaultMaxConcurrentParts)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(location);
        if (location.Kind != UfsKind.S3)
        {
            throw new ArgumentException($"UFS location '{location}' is not an S3 location.", nameof(location));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(partSizeBytes, S3Options.MinPartSizeBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partSizeBytes, S3Options.MaxPartSizeBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentParts, 1);
        this.client = client;
        this.partSizeBytes = partSizeBytes;
        this.maxConcurrentParts = maxConcurrentParts;
        Location = location;
    }

    /// <summary>A UFS in <paramref name="bucket"/> under <paramref name="keyPrefix"/> (may be empty) through <paramref name="client"/>.</summary>
    public S3Ufs(IAmazonS3 client, string bucket, string keyPrefix, long partSizeBytes = S3Options.DefaultPartSizeBytes, int maxConcurrentParts = S3Options.DefaultMaxConcurrentParts)
        : this(client, UfsLocation.S3(bucket, keyPrefix), partSizeBytes, maxConcurrentParts)
    {
    }

    /// <inheritdoc />
    public UfsLocation Location { get; }

    /// <summary>The bucket.</summary>
    public string Bucket => Location.Bucket;

    /// <inheritdoc />
    public bool CanHold(string relativePath) => Encoding.UTF8.GetByteCount(KeyOf(relativePath)) <= MaxKeyBytes;

    /// <summary>The S3 key of <paramref name="relativePath"/>.</summary>
    public string KeyOf(string relativePath)
    {
        var path = UfsPath.File(relativePath, nameof(relativePath));
        return Location.Prefix.Length == 0 ? path : Location.Prefix + "/" + path;
    }

    /// <inheritdoc />
    public Task<IUfsUpload> BeginUploadAsync(string relativePath, long size, UfsObjectMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(metadata);
        var key = KeyOf(relativePath);
        cancellationToken.ThrowIfCancellationRequested();
        IUfsUpload upload = new S3Upload(client, Bucket, key, size, metadata, S3Upload.PartSizeFor(size, partSizeBytes), maxConcurrentParts);
        return Task.FromResult(upload);
    }

    /// <inheritdoc />
    public async Task WriteSymlinkAsync(string relativePath, string target, UfsObjectMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        var key = KeyOf(relativePath);
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(target), writable: false);
        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = body,
            AutoCloseStream = false,
            UseChunkEncoding = false,
        };
        S3Metadata.Write(metadata, request.Metadata, symlink: true);
        await client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The key prefix of the directory at <paramref name="relativeDirectory"/>, ending with a slash; null for the root.</summary>
    private string? DirectoryPrefix(string relativeDirectory)
    {
        var directory = UfsPath.Directory(relativeDirectory, nameof(relativeDirectory));
        return directory.Length == 0 ? null : (Location.Prefix.Length == 0 ? directory : Location.Prefix + "/" + directory) + "/";
    }

    /// <inheritdoc />
    public async Task<bool> RemoveDirectoryAsync(string relativeDirectory, CancellationToken cancellationToken)
    {
        if (DirectoryPrefix(relativeDirectory) is not { } prefix)
        {
            return true;
        }

        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix, MaxKeys = 2 }, cancellationToken).ConfigureAwait(false);
        if ((listed.S3Objects ?? []).Any(o => o.Key != prefix))
        {
            return false;
        }

        // Only a marker object (or nothing) is left: S3 has no directories otherwise.
        await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = prefix }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> DirectoryExistsAsync(string relativeDirectory, CancellationToken cancellationToken)
    {
        if (DirectoryPrefix(relativeDirectory) is not { } prefix)
        {
            return true;
        }

        // S3 has no directories: one exists while any key starts with its prefix, its own marker object included.
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix, MaxKeys = 1 }, cancellationToken).ConfigureAwait(false);
        return (listed.S3Objects ?? []).Count > 0;
    }

    /// <inheritdoc />
    public async Task SetMetadataAsync(string relativePath, UfsObjectMetadata metadata, CancellationToken cancellationToken)
    {
        // S3 objects are immutable: the attributes change by copying the object onto itself with new user metadata.
        var key = KeyOf(relativePath);
        var current = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
        var request = new CopyObjectRequest
        {
            SourceBucket = Bucket,
            SourceKey = key,
            DestinationBucket = Bucket,
            DestinationKey = key,
            MetadataDirective = S3MetadataDirective.REPLACE,
            ContentType = current.Headers.ContentType,
        };
        S3Metadata.Write(metadata, request.Metadata, S3Metadata.IsSymlink(current.Metadata));
        await client.CopyObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<UfsObjectInfo?> StatAsync(string relativePath, CancellationToken cancellationToken)
    {
        var key = KeyOf(relativePath);
        return await HeadAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> ReadAsync(string relativePath, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var key = KeyOf(relativePath);
        if (destination.IsEmpty)
        {
            return 0;
        }

        var request = new GetObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            ByteRange = new ByteRange(offset, offset + destination.Length - 1),
        };
        GetObjectResponse response;
        try
        {
            response = await client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"UFS file '{relativePath}' does not exist in {Location}.", key, e);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // The range starts at or past the end (every range of an empty object does).
            return 0;
        }

        using (response)
        {
            // Trust the object size in Content-Range over the body length: some S3-compatible stores answer a range on an
            // empty object with 206 and a Content-Length of 1 but no body, where S3 answers 416.
            var wanted = destination.Length;
            if (ObjectSizeOf(response.ContentRange) is { } objectSize)
            {
                wanted = (int)Math.Clamp(objectSize - offset, 0, wanted);
            }

            var stream = response.ResponseStream;
            var total = 0;
            while (total < wanted)
            {
                var read = await stream.ReadAsync(destination[total..wanted], cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string relativePath, CancellationToken cancellationToken)
    {
        var key = KeyOf(relativePath);

        // DeleteObject succeeds whether or not the key exists, so only a HEAD first can tell the caller which it was.
        if (await HeadAsync(key, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<UfsEntry> ListAsync(string relativeDirectory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var directory = UfsPath.Directory(relativeDirectory, nameof(relativeDirectory));
        var full = Location.Prefix.Length == 0 ? directory : directory.Length == 0 ? Location.Prefix : Location.Prefix + "/" + directory;
        var prefix = full.Length == 0 ? string.Empty : full + "/";
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix, Delimiter = "/" };
        while (true)
        {
            var response = await client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);

            // SDK v4 leaves both lists null, not empty, when a page has none.
            foreach (var item in response.S3Objects ?? [])
            {
                var name = item.Key[prefix.Length..];
                if (name.Length == 0)
                {
                    // A zero-byte 'directory marker' object named like the prefix itself: the directory, not a child.
                    continue;
                }

                yield return new UfsEntry(name, false, item.Size ?? 0, ToOffset(item.LastModified));
            }

            foreach (var common in response.CommonPrefixes ?? [])
            {
                var name = common[prefix.Length..].TrimEnd('/');
                if (name.Length > 0)
                {
                    yield return new UfsEntry(name, true, 0, null);
                }
            }

            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken))
            {
                yield break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    /// <inheritdoc />
    public async Task RenameAsync(string from, string to, CancellationToken cancellationToken)
    {
        var source = KeyOf(from);
        var target = KeyOf(to);
        var info = await HeadAsync(source, cancellationToken).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"UFS file '{from}' does not exist in {Location}.", source);
        if (source == target)
        {
            return;
        }

        if (info.Size > MaxSingleCopyBytes)
        {
            throw new NotSupportedException(
                $"Renaming '{from}' in {Location} needs a multipart copy ({info.Size} bytes is over the {MaxSingleCopyBytes}-byte CopyObject limit), which is not implemented.");
        }

        // S3 has no rename: copy (user metadata included) then delete. A crash between the two leaves both, never neither.
        await client.CopyObjectAsync(
            new CopyObjectRequest
            {
                SourceBucket = Bucket,
                SourceKey = source,
                DestinationBucket = Bucket,
                DestinationKey = target,
                MetadataDirective = S3MetadataDirective.COPY,
            },
            cancellationToken).ConfigureAwait(false);
        await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = source }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>UTC offset of an SDK time, which may come back as local or unspecified kind.</summary>
    internal static DateTimeOffset? ToOffset(DateTime? time) => time switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero),
        { } other => new DateTimeOffset(DateTime.SpecifyKind(other, DateTimeKind.Utc), TimeSpan.Zero),
    };

    /// <summary>The object size after the '/' of a Content-Range header ('bytes 0-99/1234'), or null when absent or '*'.</summary>
    internal static long? ObjectSizeOf(string? contentRange)
    {
        var slash = contentRange?.LastIndexOf('/') ?? -1;
        return slash >= 0 && long.TryParse(contentRange.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size)
            ? size
            : null;
    }

    /// <summary>The ETag without the quotes S3 wraps it in.</summary>
    internal static string Unquote(string? etag) => etag?.Trim('"') ?? string.Empty;

    private async Task<UfsObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        GetObjectMetadataResponse response;
        try
        {
            response = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var metadata = S3Metadata.Read(response.Metadata);
        var mtime = metadata.ModifiedTime ?? ToOffset(response.LastModified) ?? DateTimeOffset.UnixEpoch;
        string? link = null;
        if (S3Metadata.IsSymlink(response.Metadata) && response.ContentLength is > 0 and <= 4096)
        {
            // A symlink object's body is its target.
            using var got = await client.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(got.ResponseStream, System.Text.Encoding.UTF8);
            link = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        return new UfsObjectInfo(response.ContentLength, mtime, Unquote(response.ETag), metadata, link);
    }
}
