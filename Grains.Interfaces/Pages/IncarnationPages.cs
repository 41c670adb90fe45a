namespace WriteCache.Pages;

/// <summary>What one page store holds of one incarnation.</summary>
[GenerateSerializer]
[Alias("WriteCache.Pages.IncarnationPages")]
public sealed record IncarnationPages(
    [property: Id(0)] Guid Incarnation,
    [property: Id(1)] IReadOnlyList<int> PageIndices,
    [property: Id(2)] long Bytes,
    [property: Id(3)] bool Pinned,
    [property: Id(4)] bool Sealed);
