namespace WriteCache.Directories;

/// <summary>A directory's own attributes.</summary>
[GenerateSerializer]
[Alias("WriteCache.Directories.DirectoryDetails")]
public sealed record DirectoryDetails(
    [property: Id(0)] string Path,
    [property: Id(1)] uint Mode,
    [property: Id(2)] DateTimeOffset ModifiedUtc,
    [property: Id(3)] int EntryCount,
    [property: Id(4)] uint Uid = 0,
    [property: Id(5)] uint Gid = 0);
