namespace WriteCache.Files;

/// <summary>Seals an incarnation: its final size and where each of its pages was written.</summary>
[GenerateSerializer]
[Alias("WriteCache.Files.CommitRequest")]
public sealed record CommitRequest(
    [property: Id(0)] Guid Incarnation,
    [property: Id(1)] long Size,
    [property: Id(2)] PageMap Pages);
