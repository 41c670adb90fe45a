namespace WriteCache.Files;

/// <summary>Pages of an old incarnation still to be removed from one page store.</summary>
[GenerateSerializer]
[Alias("WriteCache.Files.PendingReclaim")]
public sealed record PendingReclaim([property: Id(0)] Guid Incarnation, [property: Id(1)] string Store);
