using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace WriteCache.FuseGateway.Hosting;

/// <summary>Connects a host to a write-cache cluster as an Orleans client, from the same <c>Cluster</c> keys the silos use.</summary>
public static class WriteCacheClientExtensions
{
    /// <summary>
    /// Adds an Orleans client: <c>Cluster:Membership</c> <c>Localhost</c> (default) connects to
    /// 127.0.0.1:<c>Cluster:GatewayPort</c>; <c>PostgreSql</c> finds gateways in the database of
    /// <c>Metadata:ConnectionString</c>.
    /// </summary>
    public static IHostApplicationBuilder AddWriteCacheClient(this IHostApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection("Cluster");
        var clusterId = cluster["ClusterId"] ?? "writecache";
        var serviceId = cluster["ServiceId"] ?? "writecache";
        var membership = cluster["Membership"] ?? "Localhost";
        var gatewayPort = int.TryParse(cluster["GatewayPort"], out var port) ? port : 30000;
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            });
            if (string.Equals(membership, "PostgreSql", StringComparison.OrdinalIgnoreCase))
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = builder.Configuration["Metadata:ConnectionString"];
                });
            }
            else
            {
                client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
            }
        });
        return builder;
    }
}
