using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WriteCache.FuseGateway.Hosting;

namespace WriteCache.Tests.Support;

/// <summary>An Orleans client of a silo process, connected the way the gateway connects (<c>Cluster:GatewayPort</c> on loopback).</summary>
public sealed class ClusterClientHost : IAsyncDisposable
{
    private readonly IHost host;

    private ClusterClientHost(IHost host) => this.host = host;

    /// <summary>The client.</summary>
    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects to the silo whose gateway listens on <paramref name="gatewayPort"/>.</summary>
    public static async Task<ClusterClientHost> ConnectAsync(int gatewayPort, string clusterId = "writecache")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:GatewayPort"] = gatewayPort.ToString(),
            ["Cluster:ClusterId"] = clusterId,
        });
        builder.AddWriteCacheClient();
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterClientHost(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await host.StopAsync();
        }
        finally
        {
            host.Dispose();
        }
    }
}
