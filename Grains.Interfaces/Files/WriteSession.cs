namespace WriteCache.Files;

/// <summary>
/// What a writer needs after <c>Create</c>: the incarnation to write, how big a page is and where pages go, and up to
/// what size a file may be committed with its bytes inline (0: never).
/// </summary>
[GenerateSerializer]
[Alias("WriteCache.Files.WriteSession")]
public sealed record WriteSession(
    [property: Id(0)] string Path,
    [property: Id(1)] Guid Incarnation,
    [property: Id(2)] Policies.WritePolicy Policy,
    [property: Id(3)] int PageSize,
    [property: Id(4)] int ReplicationFactor,
    [property: Id(5)] IReadOnlyList<string> RingStores,
    [property: Id(6)] TimeSpan ProgressInterval,
    [property: Id(7)] int InlineLimit = 0);
