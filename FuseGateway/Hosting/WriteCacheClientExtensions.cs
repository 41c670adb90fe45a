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
    /// <c>Metadata:ConnectionString</c>. A wrong value throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming its key.
    /// </summary>
    public static IHostApplicationBuilder AddWriteCacheClient(this IHostApplicationBuilder builder)
    {
        var cluster = ClusterClientOptions.Read(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            if (cluster.IsPostgreSql)
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = cluster.ConnectionString;
                });
            }
            else
            {
                client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, cluster.GatewayPort));
            }
        });
        return builder;
    }
}
