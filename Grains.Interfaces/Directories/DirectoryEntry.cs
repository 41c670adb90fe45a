using WriteCache.Files;

namespace WriteCache.Directories;

/// <summary>One child of a directory, with the attributes a listing shows (kept current by the child), so <c>ls -l</c> needs one call.</summary>
[GenerateSerializer]
[Alias("WriteCache.Directories.DirectoryEntry")]
public sealed record DirectoryEntry(
    [property: Id(0)] string Name,
    [property: Id(1)] EntryKind Kind,
    [property: Id(2)] long Size,
    [property: Id(3)] uint Mode,
    [property: Id(4)] DateTimeOffset ModifiedUtc,
    [property: Id(5)] FileStatus Status,
    [property: Id(6)] Guid Incarnation = default,
    [property: Id(7)] uint Uid = 0,
    [property: Id(8)] uint Gid = 0);
