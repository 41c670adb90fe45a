namespace WriteCache.Files;

/// <summary>POSIX metadata of a file that may change after commit without touching its content.</summary>
[GenerateSerializer]
[Alias("WriteCache.Files.FileMetadata")]
public sealed record FileMetadata(
    [property: Id(0)] uint Mode,
    [property: Id(1)] uint Uid,
    [property: Id(2)] uint Gid,
    [property: Id(3)] DateTimeOffset ModifiedUtc);
