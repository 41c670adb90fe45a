namespace WriteCache.Files;

/// <summary>A request to create a symbolic link; <see cref="Incarnation"/>, chosen by the caller, makes a repeated request answer the same.</summary>
[GenerateSerializer]
[Alias("WriteCache.Files.SymlinkRequest")]
public sealed record SymlinkRequest(
    [property: Id(0)] string Target,
    [property: Id(1)] uint Uid = 0,
    [property: Id(2)] uint Gid = 0,
    [property: Id(3)] Guid Incarnation = default);
