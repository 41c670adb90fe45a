using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using WriteCache.Configuration;

namespace WriteCache.Silo.Hosting;

/// <summary>Assembles a write-cache silo on a generic host from configuration alone.</summary>
public static class WriteCacheSiloHostExtensions
{
    /// <summary>
    /// Adds an Orleans silo running the write cache: membership, endpoints and name from the <c>Cluster</c>
    /// section, everything else through <see cref="WriteCacheSiloBuilderExtensions.AddWriteCache"/>.
    /// Throws <see cref="ConfigurationException"/> naming the key when a cluster setting is unusable.
    /// </summary>
    public static IHostApplicationBuilder AddWriteCacheSilo(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var cluster = Bind<ClusterHostingOptions>(configuration, ClusterHostingOptions.SectionName);
        var failures = ClusterHostingOptionsValidator.Validate(cluster);
        if (failures.Count > 0)
        {
            throw new ConfigurationException(string.Join("; ", failures));
        }

        var metadata = Bind<MetadataOptions>(configuration, MetadataOptions.SectionName);
        var admin = Bind<AdminOptions>(configuration, AdminOptions.SectionName);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            silo.Configure<SiloOptions>(o => o.SiloName = cluster.EffectiveName);
            var address = IPAddress.Parse(cluster.AdvertisedAddress);
            if (string.Equals(cluster.Membership, ClusterHostingOptions.PostgreSql, StringComparison.OrdinalIgnoreCase))
            {
                if (!metadata.IsPostgreSql)
                {
                    throw new ConfigurationException("Cluster:Membership PostgreSql needs Metadata:Provider PostgreSql and Metadata:ConnectionString");
                }

                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = metadata.ConnectionString;
                });
                silo.ConfigureEndpoints(address, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
            }
            else
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, null, cluster.ServiceId, cluster.ClusterId);
            }

            if (cluster.Kubernetes)
            {
                silo.UseKubernetesHosting();
            }

            silo.AddWriteCache(configuration);

            // The Orleans dashboard's data collection; its pages are served by the silo's web host (MapWriteCacheAdmin).
            // Its counters are sampled every 10 s, not every second: a busy silo's CPU is for files, and a chart that
            // moves every 10 s answers an operator as well.
            if (admin.Dashboard)
            {
                silo.AddDashboard(dashboard => dashboard.CounterUpdateIntervalMs = 10_000);
            }
        });
        builder.AddWriteCacheMetrics();
        return builder;
    }

    /// <summary>Binds a section, turning a value that does not convert into a <see cref="ConfigurationException"/> naming its key.</summary>
    private static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationException(e.Message);
        }
    }
}
