using WriteCache.Pages;

namespace WriteCache.Client.Operations;

/// <summary>The page stores of the live silos (one per silo, named after it): capacity and upload work, as <c>wcache cache status</c> shows them.</summary>
public sealed class ClusterStores(IGrainFactory grains)
{
    /// <summary>The names of the active silos, which are their page stores' names, in order.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync()
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true).ConfigureAwait(false);
        return hosts.Select(h => h.SiloName).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Capacity, used and pinned bytes of every live store.</summary>
    public async Task<IReadOnlyList<PageStoreStats>> StatsAsync()
    {
        var names = await NamesAsync().ConfigureAwait(false);
        return await Task.WhenAll(names.Select(s => grains.PageStore(s).GetStats())).ConfigureAwait(false);
    }

    /// <summary>Uploads queued and in flight on every live silo.</summary>
    public async Task<IReadOnlyList<UploadStats>> UploadsAsync()
    {
        var names = await NamesAsync().ConfigureAwait(false);
        return await Task.WhenAll(names.Select(s => grains.PageStore(s).GetUploadStats())).ConfigureAwait(false);
    }
}
