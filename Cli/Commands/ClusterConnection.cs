using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace WriteCache.Cli.Commands;

/// <summary>
/// The CLI's connection to a cluster: by default the one <c>wcache local</c> runs on this machine
/// (127.0.0.1:30000), or the gateway named by <c>--cluster HOST:PORT</c>; cluster and service ids from
/// <c>WCACHE_Cluster__ClusterId</c>/<c>ServiceId</c> (default <c>writecache</c>).
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    private readonly IHost host;

    private ClusterConnection(IHost host) => this.host = host;

    /// <summary>The grain factory.</summary>
    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects, or throws a <see cref="CliException"/> saying which endpoint could not be reached.</summary>
    public static async Task<ClusterConnection> ConnectAsync(string? cluster, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables("WCACHE_").Build();
        var endpoint = ParseEndpoint(cluster ?? $"127.0.0.1:{configuration["Cluster:GatewayPort"] ?? "30000"}");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = configuration["Cluster:ClusterId"] ?? "writecache";
                o.ServiceId = configuration["Cluster:ServiceId"] ?? "writecache";
            });
            client.UseStaticClustering(endpoint);
        });
        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
            return new ClusterConnection(host);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            throw new CliException($"cannot reach the cluster at {endpoint}: no silo gateway answered within {ConnectTimeout.TotalSeconds:F0} s", 3);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            host.Dispose();
            throw new CliException($"cannot reach the cluster at {endpoint}: {e.GetBaseException().Message}", 3);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    private static IPEndPoint ParseEndpoint(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon > 0 && int.TryParse(value[(colon + 1)..], out var port) && port is > 0 and < 65536)
        {
            var hostName = value[..colon];
            if (IPAddress.TryParse(hostName, out var address))
            {
                return new IPEndPoint(address, port);
            }

            var resolved = Dns.GetHostAddresses(hostName).FirstOrDefault();
            if (resolved is not null)
            {
                return new IPEndPoint(resolved, port);
            }
        }

        throw new CliException($"--cluster must be HOST:PORT of a silo's gateway (was '{value}')", 2);
    }
}
