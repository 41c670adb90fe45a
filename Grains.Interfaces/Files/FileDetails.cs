namespace WriteCache.Files;

/// <summary>What a reader or an operator sees of a file: its state plus its path.</summary>
[GenerateSerializer]
[Alias("WriteCache.Files.FileDetails")]
public sealed record FileDetails(
    [property: Id(0)] string Path,
    [property: Id(1)] FileStatus Status,
    [property: Id(2)] Guid Incarnation,
    [property: Id(3)] long Size,
    [property: Id(4)] int PageSize,
    [property: Id(5)] Policies.WritePolicy Policy,
    [property: Id(6)] uint Mode,
    [property: Id(7)] uint Uid,
    [property: Id(8)] uint Gid,
    [property: Id(9)] DateTimeOffset CreatedUtc,
    [property: Id(10)] DateTimeOffset ModifiedUtc,
    [property: Id(11)] PageMap Pages,
    [property: Id(12)] int Attempts = 0,
    [property: Id(13)] string? LastError = null,
    [property: Id(14)] DateTimeOffset? NextAttemptUtc = null,
    [property: Id(15)] DateTimeOffset? PersistedUtc = null,
    [property: Id(16)] IReadOnlyList<DateTimeOffset>? AttemptTimes = null,
    [property: Id(17)] string? SymlinkTarget = null);
