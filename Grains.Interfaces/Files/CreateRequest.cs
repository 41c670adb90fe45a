namespace WriteCache.Files;

/// <summary>
/// A request to create a new file (always exclusive: an existing file is refused as <see cref="CacheError.Exists"/>).
/// <see cref="Incarnation"/>, chosen by the writer, makes a repeated request (a retry after a lost answer) return the
/// same write session instead of <see cref="CacheError.Exists"/>; empty lets the grain choose one.
/// </summary>
[GenerateSerializer]
[Alias("WriteCache.Files.CreateRequest")]
public sealed record CreateRequest(
    [property: Id(0)] uint Mode = 420,
    [property: Id(1)] uint Uid = 0,
    [property: Id(2)] uint Gid = 0,
    [property: Id(3)] Guid Incarnation = default);
