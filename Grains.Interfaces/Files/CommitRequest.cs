namespace WriteCache.Files;

/// <summary>
/// Seals an incarnation: its final size and where each of its pages was written; or, for a file no bigger than the
/// session's <see cref="WriteSession.InlineLimit"/> whose writer sent no page, its bytes (<see cref="Inline"/>), which
/// then go into the commit's metadata transaction instead of to a page store.
/// </summary>
[GenerateSerializer]
[Alias("WriteCache.Files.CommitRequest")]
public sealed record CommitRequest(
    [property: Id(0)] Guid Incarnation,
    [property: Id(1)] long Size,
    [property: Id(2)] PageMap Pages,
    [property: Id(3)] byte[]? Inline = null);
