using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using WriteCache.Diagnostics;

namespace WriteCache.Silo.Hosting;

/// <summary>The silo's metrics: the <c>WriteCache</c> meter exported in Prometheus text at <c>/metrics</c> on the web host.</summary>
public static class WriteCacheMetricsExtensions
{
    /// <summary>Where Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Collects the silo's counters and gauges (<see cref="WriteCacheMetrics"/>, <see cref="WriteCacheGauges"/>) for the Prometheus exporter.</summary>
    public static IHostApplicationBuilder AddWriteCacheMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("wcache-silo"))
            .WithMetrics(metrics => metrics
                .AddMeter(WriteCacheMetrics.MeterName)
                .AddInstrumentation(sp => new WriteCacheGauges(sp))
                .AddPrometheusExporter());
        return builder;
    }
}
