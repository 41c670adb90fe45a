using Orleans.Concurrency;

namespace WriteCache.Pages;

/// <summary>The front door of this silo's <see cref="PageStore"/>; reentrant, because the store does its own locking and page I/O should overlap.</summary>
[Reentrant]
[PageStorePlacement]
public sealed class PageStoreGrain(PageStore store, Persistence.FileUploader uploader, ILocalSiloDetails silo) : Grain, IPageStoreGrain
{
    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (this.GetPrimaryKeyString() != store.StoreName)
        {
            // A misplaced activation would write pages to the wrong node's disk.
            throw new InvalidOperationException($"Page store '{this.GetPrimaryKeyString()}' was activated on silo '{store.StoreName}'.");
        }

        return Task.CompletedTask;
    }

    Task<CacheResult> IPageStoreGrain.WritePage(Guid incarnation, int index, ReadOnlyMemory<byte> data) => store.WriteAsync(incarnation, index, data);

    async Task<PageRead> IPageStoreGrain.ReadPage(Guid incarnation, int index, int offset, int length) =>
        new(await store.ReadAsync(incarnation, index, offset, length));

    Task<CacheResult> IPageStoreGrain.Seal(Guid incarnation, bool sync) => store.SealAsync(incarnation, sync);

    Task<CacheResult> IPageStoreGrain.Sync(Guid incarnation) => store.SyncAsync(incarnation);

    Task<CacheResult> IPageStoreGrain.CacheCleanPage(Guid incarnation, int index, ReadOnlyMemory<byte> data) => store.CacheCleanAsync(incarnation, index, data);

    Task<CacheResult> IPageStoreGrain.Unpin(Guid incarnation) => store.UnpinAsync(incarnation);

    Task<CacheResult<int>> IPageStoreGrain.DeleteIncarnation(Guid incarnation) => store.DeleteAsync(incarnation);

    Task<PageStoreStats> IPageStoreGrain.GetStats() => Task.FromResult(store.GetStats(silo.SiloAddress.ToString()));

    Task<UploadStats> IPageStoreGrain.GetUploadStats() => Task.FromResult(new UploadStats(store.StoreName, uploader.Queued, uploader.InFlight));

    Task<IReadOnlyList<IncarnationPages>> IPageStoreGrain.ListIncarnations() => Task.FromResult(store.ListIncarnations());

    Task<PageStoreStats> IPageStoreGrain.GetState() => Task.FromResult(store.GetStats(silo.SiloAddress.ToString()));
}
