using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WriteCache.FuseGateway.FileSystem;

namespace WriteCache.FuseGateway.Hosting;

/// <summary>Adds the FUSE gateway to a host that already has an Orleans client or silo.</summary>
public static class WriteCacheGatewayExtensions
{
    /// <summary>Adds the mount, bound from the <c>Fuse</c> section; register it after UseOrleans/UseOrleansClient so it starts once grains are reachable.</summary>
    public static IHostApplicationBuilder AddWriteCacheGateway(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GatewayOptions>().Bind(builder.Configuration.GetSection(GatewayOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddSingleton<StoreCapacity>();
        services.AddSingleton(sp => new CacheFileSystem(
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<StoreCapacity>(),
            sp.GetRequiredService<IOptions<GatewayOptions>>().Value,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CacheFileSystem>>()));
        services.AddSingleton<MountService>();
        services.AddHostedService(sp => sp.GetRequiredService<MountService>());
        services.AddHostedService<GatewayMetricsEndpoint>();
        return builder;
    }
}
