using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WriteCache.Pages;
using WriteCache.Persistence;

namespace WriteCache.Diagnostics;

/// <summary>
/// The silo's gauges, read from its page store and uploader when metrics are collected (a scrape), so nothing on the
/// write path pays for them. Same meter name as <see cref="WriteCacheMetrics"/>, its own instance so it can be disposed.
/// </summary>
public sealed class WriteCacheGauges : IDisposable
{
    private readonly Meter meter = new(WriteCacheMetrics.MeterName);

    /// <summary>Creates the gauges over this silo's page store and uploader, taken from <paramref name="services"/> at the first collection.</summary>
    /// <remarks>Late, because the page store may only be opened once the silo starts (its options are validated then).</remarks>
    public WriteCacheGauges(IServiceProvider services)
    {
        var store = new Lazy<PageStore>(services.GetRequiredService<PageStore>);
        var uploader = new Lazy<FileUploader>(services.GetRequiredService<FileUploader>);
        meter.CreateObservableGauge("writecache.page_store.pinned", () => Stats(store.Value).PinnedBytes, "By", "Bytes pinned in this silo's page store: written, not yet persisted, not evictable");
        meter.CreateObservableGauge("writecache.page_store.used", () => Stats(store.Value).UsedBytes, "By", "Bytes used in this silo's page store, pinned and clean");
        meter.CreateObservableGauge("writecache.page_store.capacity", () => Stats(store.Value).CapacityBytes, "By", "PageStore:CapacityBytes of this silo");
        meter.CreateObservableGauge("writecache.page_store.pinned_limit", () => Stats(store.Value).PinnedLimitBytes, "By", "Pinned bytes past which writes get ENOSPC");
        meter.CreateObservableGauge("writecache.persistence.queue_depth", () => uploader.Value.Queued + uploader.Value.InFlight, "{upload}", "Uploads waiting for a slot plus uploads running on this silo");
        meter.CreateObservableGauge("writecache.persistence.in_flight", () => uploader.Value.InFlight, "{upload}", "Uploads running on this silo");
    }

    /// <inheritdoc />
    public void Dispose() => meter.Dispose();

    private static PageStoreStats Stats(PageStore store) => store.GetStats(string.Empty);
}
