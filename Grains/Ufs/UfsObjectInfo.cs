namespace WriteCache.Ufs;

/// <summary>What a UFS knows about one stored file.</summary>
/// <param name="Size">Length in bytes.</param>
/// <param name="ModifiedTime">The stored modification time when the object carries one, else the UFS's own (S3 Last-Modified, file mtime).</param>
/// <param name="Fingerprint">Changes whenever the content is replaced: the S3 ETag without quotes, or size and mtime for a local file; not a content hash.</param>
/// <param name="Metadata">The POSIX attributes stored with the object, when known.</param>
[GenerateSerializer]
[Alias("WriteCache.Ufs.UfsObjectInfo")]
public sealed record UfsObjectInfo(
    [property: Id(0)] long Size,
    [property: Id(1)] DateTimeOffset ModifiedTime,
    [property: Id(2)] string Fingerprint,
    [property: Id(3)] UfsObjectMetadata? Metadata,
    [property: Id(4)] string? SymlinkTarget = null);
