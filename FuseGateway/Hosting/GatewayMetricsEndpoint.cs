using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using WriteCache.FuseGateway.FileSystem;
using WriteCache.FuseGateway.Kernel;

namespace WriteCache.FuseGateway.Hosting;

/// <summary>
/// Serves the gateway's metrics (<see cref="FuseMetrics"/>) in Prometheus text at <c>/metrics</c> on <c>Fuse:MetricsUrls</c>,
/// when set. A small web host of its own, because the gateway is otherwise no web application.
/// </summary>
public sealed class GatewayMetricsEndpoint(IOptions<GatewayOptions> options) : IHostedService, IAsyncDisposable
{
    /// <summary>Where Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    private WebApplication? app;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = options.Value.MetricsUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            return;
        }

        // No arguments: the gateway's own command line and settings are not this host's.
        var builder = WebApplication.CreateSlimBuilder([]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(urls);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("wcache-gateway"))
            .WithMetrics(metrics => metrics.AddMeter(FuseMetrics.MeterName).AddPrometheusExporter());
        app = builder.Build();
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
