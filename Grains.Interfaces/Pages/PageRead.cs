namespace WriteCache.Pages;

/// <summary>
/// The answer to a page read: the bytes (a fresh array the store never touches again) or why there are none.
/// Immutable, so a reader in the store's own silo takes the page without a copy; across silos it is serialized as usual.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("WriteCache.Pages.PageRead")]
public sealed record PageRead([property: Id(0)] CacheResult<byte[]> Outcome);
