using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>
/// The gateway's instruments, on the <c>WriteCache.Fuse</c> meter: how long each kernel request took, by opcode. Static
/// so the dispatcher records with one call; nothing is recorded unless a listener (the metrics endpoint) is attached.
/// </summary>
public static class FuseMetrics
{
    /// <summary>The meter's name; the gateway's (and <c>wcache local</c>'s) OpenTelemetry setup subscribes to it.</summary>
    public const string MeterName = "WriteCache.Fuse";

    /// <summary>The meter every gateway instrument is created on.</summary>
    public static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "writecache.fuse.operation.duration",
        "s",
        "Time from reading a FUSE request to answering it, by opcode (WRITE, RELEASE, LOOKUP, ...)",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    /// <summary>A timestamp to pass to <see cref="Completed"/>.</summary>
    public static long Start() => Stopwatch.GetTimestamp();

    /// <summary>The request <paramref name="opcode"/> that started at <paramref name="started"/> is done (answered or failed).</summary>
    public static void Completed(string opcode, long started)
    {
        if (Duration.Enabled)
        {
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("opcode", opcode));
        }
    }
}
