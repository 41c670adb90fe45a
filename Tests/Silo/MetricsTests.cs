using System.Globalization;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Silo;

/// <summary>The silo's Prometheus endpoint (<c>/metrics</c>) after files were written, persisted and failed to persist.</summary>
public sealed class MetricsTests(ViewSiloFixture fixture) : IClassFixture<ViewSiloFixture>
{
    [Fact]
    public async Task ShowsEveryMetricWithTheBytesWrittenAndPersisted()
    {
        var text = await fixture.Http.GetStringAsync("/metrics");

        foreach (var name in new[]
        {
            "writecache_page_store_written_bytes_total", "writecache_persistence_persisted_bytes_total", "writecache_persistence_files_total",
            "writecache_page_store_pinned_bytes", "writecache_page_store_used_bytes", "writecache_persistence_queue_depth",
        })
        {
            Assert.Contains($"# TYPE {name} ", text);
        }

        const int written = ViewSiloFixture.DoneSize + ViewSiloFixture.TransientSize + ViewSiloFixture.StuckSize;
        Assert.Equal(written, Value(text, "writecache_page_store_written_bytes_total"));
        Assert.Equal(ViewSiloFixture.DoneSize, Value(text, "writecache_persistence_persisted_bytes_total"));
        Assert.True(Value(text, "writecache_page_store_pinned_bytes") >= ViewSiloFixture.TransientSize + ViewSiloFixture.StuckSize);
    }

    [Fact]
    public async Task CountsFailedUploads()
    {
        await Eventually.HoldsAsync(
            async () => Value(await fixture.Http.GetStringAsync("/metrics"), "writecache_failures_total", "operation=\"upload\"") >= 1,
            TimeSpan.FromSeconds(90),
            "the failed upload of /s3/stuck.bin is counted as writecache_failures_total{operation=\"upload\"}");
    }

    /// <summary>The value of the sample <paramref name="name"/> (whose labels contain <paramref name="label"/>), 0 when absent.</summary>
    private static double Value(string text, string name, string label = "")
    {
        var line = text.Split('\n').FirstOrDefault(l => (l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal)) && l.Contains(label, StringComparison.Ordinal));
        if (line is null)
        {
            return 0;
        }

        // NAME{LABELS} VALUE [TIMESTAMP]
        var afterLabels = line.Contains('}') ? line[(line.LastIndexOf('}') + 1)..] : line[name.Length..];
        return double.Parse(afterLabels.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
