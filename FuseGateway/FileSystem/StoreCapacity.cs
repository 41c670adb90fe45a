using WriteCache.Pages;

namespace WriteCache.FuseGateway.FileSystem;

/// <summary>The cache's total capacity and use over every live page store, for statfs; cached briefly because <c>df</c> loops call it often.</summary>
public sealed class StoreCapacity(IGrainFactory grains)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim gate = new(1, 1);
    private (long Total, long Used) last;
    private DateTime takenUtc = DateTime.MinValue;

    /// <summary>Capacity and used bytes summed over the live page stores.</summary>
    public async Task<(long Total, long Used)> GetAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (DateTime.UtcNow - takenUtc < CacheFor)
            {
                return last;
            }

            var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true).ConfigureAwait(false);
            var stats = await Task.WhenAll(hosts.Select(h => grains.PageStore(h.SiloName).GetStats())).ConfigureAwait(false);
            last = (stats.Sum(s => s.CapacityBytes), stats.Sum(s => s.UsedBytes));
            takenUtc = DateTime.UtcNow;
            return last;
        }
        finally
        {
            gate.Release();
        }
    }
}
