namespace WriteCache.Pages;

/// <summary>
/// The answer to a page read: the bytes or why there are none. The bytes sit in a buffer rented from the shared
/// array pool that the store never touches again. Immutable, so a reader in the store's own silo takes the buffer
/// itself, without a copy, and may give it back with <see cref="PageBuffers.Return"/>; across silos it is serialized as usual.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("WriteCache.Pages.PageRead")]
public sealed record PageRead([property: Id(0)] CacheResult<ReadOnlyMemory<byte>> Outcome);
