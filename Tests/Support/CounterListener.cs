using System.Diagnostics.Metrics;

namespace WriteCache.Tests.Support;

/// <summary>
/// Sums one counter of the silo's <c>WriteCache</c> meter from creation to disposal. The meter is static, so this
/// hears every silo in the test process, those of other test classes running meanwhile included.
/// </summary>
public sealed class CounterListener : IDisposable
{
    private readonly MeterListener listener = new();
    private long total;

    /// <summary>Starts listening to the counter named <paramref name="instrumentName"/> (e.g. <c>writecache.files.committed_inline</c>).</summary>
    public CounterListener(string instrumentName)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Diagnostics.WriteCacheMetrics.MeterName && instrument.Name == instrumentName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref total, value));
        listener.Start();
    }

    /// <summary>The sum of what was counted so far.</summary>
    public long Total => Interlocked.Read(ref total);

    /// <inheritdoc />
    public void Dispose() => listener.Dispose();
}
