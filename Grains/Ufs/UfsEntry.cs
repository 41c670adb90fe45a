namespace WriteCache.Ufs;

/// <summary>One immediate child of a UFS directory, as a listing returns it.</summary>
/// <param name="Name">The child's name: one path component, no slashes.</param>
/// <param name="IsDirectory">True for a directory (for S3, a common prefix).</param>
/// <param name="Size">Length in bytes of a file; 0 for a directory.</param>
/// <param name="ModifiedTime">Modification time of a file; null for an S3 common prefix, which has none.</param>
[GenerateSerializer]
[Alias("WriteCache.Ufs.UfsEntry")]
public sealed record UfsEntry(
    [property: Id(0)] string Name,
    [property: Id(1)] bool IsDirectory,
    [property: Id(2)] long Size,
    [property: Id(3)] DateTimeOffset? ModifiedTime,
    [property: Id(4)] bool IsSymlink = false);
